"""Typographic quotes: the straight ' and " of a text file set as a typesetter sets them.

Content and region files are typed on keyboards that have only straight quotes; print uses
curly ones (designer's review, issue #21: Dutch had 'schulden' and soa's, English ‘debts’). The
rule is the same for every language: an apostrophe (soa's, zo'n, Dutch 's avonds, 't) becomes
’; a single quote that opens a word becomes ‘ and the one that closes it ’; double quotes become
“ and ”. A pack that needs other marks (Bulgarian „…“, Polish „…”) writes them itself: they are
left as they are. Markup is never touched: this runs on values before they enter a template.
Nor is an email or web address (o'brien@example.nl must print as typed).
"""

from __future__ import annotations

import re

__all__ = ["typographic_quotes"]

# A straight quote opens when nothing but space or an opening bracket or dash stands before it and
# a letter or digit follows; Dutch 's and 't (elided des/het) are apostrophes even there.
_OPENS_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{\u2013\u2014/]))'(?![st]\b)(?=\w)")
_OPENS_DOUBLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{\u2013\u2014/]))\"(?=[\w'‘])")
_ADDRESS = re.compile(r"\S*(?:@|www\.|://)\S*")


def typographic_quotes(text: str) -> str:
    """``text`` with straight quotes curled: ‘…’ and “…” around words, ’ as the apostrophe."""
    if "'" not in text and '"' not in text:
        return text
    addresses = _ADDRESS.findall(text)
    text = _ADDRESS.sub("\x00", text)  # kept aside as typed
    text = _OPENS_SINGLE.sub("\u2018", text)
    text = _OPENS_DOUBLE.sub("\u201c", text)
    text = text.replace("'", "\u2019").replace('"', "\u201d")
    for address in addresses:
        text = text.replace("\x00", address, 1)
    return text
