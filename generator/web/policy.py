"""The web page's Content-Security-Policy, as a ``<meta>`` at the top of its head: the page loads
nothing from elsewhere (its stylesheet and pictures lie beside it), sends no form anywhere, and
runs only the scripts written in its own template, each allowed by the hash of its text, so a
script that got into the page any other way does not run. A site that serves the page with a
policy of its own adds to this one (both apply)."""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["with_policy"]

_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)  # the template's inline scripts (no src: nothing is loaded)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)
NONE = "'none'"
_CHARSET = re.compile(r'<meta charset="[^"]*">', re.I)


def with_policy(html: str) -> str:
    """``html`` with its policy as the first thing after ``<meta charset>`` (or ``<head>``)."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode('ascii')}'" for s in _SCRIPT.findall(html)
    )
    policy = f"default-src 'none'; script-src {hashes or NONE}; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    at = _CHARSET.search(html) or _HEAD.search(html)
    if at is None:
        return html
    return f"{html[: at.end()]}\n{meta}{html[at.end() :]}"
