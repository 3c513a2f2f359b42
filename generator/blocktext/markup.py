"""The inline markup a layout's block text may use, checked before anything is drawn.

ReportLab's paragraph parser understands far more than a print product can use safely: an
``<img>`` inside text escapes every image check (CMYK, resolution, rebuilds), an ``<a href>``
does nothing on paper and cannot be placed on the office card sheet, and a colour it does not
know stops it with an internal error. Block templates (trusted text from ``layouts/``) may use:
``<b>``, ``<i>``, ``<u>``, ``<sup>``, ``<sub>``, ``<br/>`` and ``<font color="name">`` with a
colour name from the theme, which :func:`theme_colours` turns into that colour's CMYK values.
Values printed into a template are escaped (compose/templating.py), so they never add tags.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

__all__ = ["ALLOWED", "markup_problems", "theme_colours", "unknown_colour"]

ALLOWED = ("b", "i", "u", "sup", "sub", "br", "font")
_VOID = ("br", "img")
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)((?:[^<>{}]|\{\{\}\})*?)\s*(/?)\s*>")
_ATTR = re.compile(r"""([A-Za-z_][\w-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_FONT_COLOUR = re.compile(r"""(<font\b[^>]*?\bcolor\s*=\s*)(["'])([^"']*)\2""")

_HINT = 'use <b>, <i>, <u>, <sup>, <sub>, <br/> or <font color="<colour>">'


def markup_problems(source: str, colours: Sequence[str]) -> list[str]:
    """What is wrong with the tags of a block template (one message each), or nothing."""
    # Template code is not markup: each {{ value }} becomes an empty marker, {% tags %} go.
    text = _JINJA.sub(lambda m: "{{}}" if m.group(0).startswith("{{") else "", source)
    problems: list[str] = []
    open_tags: list[str] = []
    position = 0
    for match in _TAG.finditer(text):
        problems.extend(_stray(text[position : match.start()]))
        position = match.end()
        closing, name, attrs, self_closing = match.group(1), match.group(2).lower(), match.group(3), match.group(4)
        problem = _tag_problem(name, attrs, colours, bool(closing))
        if problem:
            problems.append(problem)
        if closing:
            if open_tags and open_tags[-1] == name:
                open_tags.pop()
            elif not problem and name in open_tags:
                problems.append(
                    f"</{name}> comes while <{open_tags[-1]}> is still open; close tags in the reverse order: </{open_tags[-1]}></{name}>"
                )
                open_tags.remove(name)
            elif not problem:
                problems.append(f"</{name}> closes nothing; remove it or add <{name}> before it")
        elif name not in _VOID and not self_closing:
            open_tags.append(name)
    problems.extend(_stray(text[position:]))
    problems.extend(f"<{name}> is never closed; add </{name}>" for name in open_tags)
    return list(dict.fromkeys(problems))


def _stray(text: str) -> list[str]:
    plain = _JINJA.sub("", text)
    if "<" in plain or ">" in plain:
        return ["a '<' or '>' that is not one of the allowed tags; write &lt; or &gt; for the character itself, or " + _HINT]
    return []


def _tag_problem(name: str, attrs: str, colours: Sequence[str], closing: bool) -> str | None:
    if name == "img":
        return "<img> in block text is not allowed: such an image escapes the checks for CMYK, resolution and rebuilds; use an image block"
    if name in ("a", "link"):
        return f"<{name}> links do nothing on paper and cannot be placed on the office card sheet; write the address as text"
    if name not in ALLOWED:
        return f"<{name}> is not allowed in block text; {_HINT}"
    if closing:
        return None
    if "{{" in attrs:
        return f"<{name}>: attributes are written out, not taken from a template value"
    found = dict((key.lower(), value.strip("\"'")) for key, value in _ATTR.findall(attrs))
    rest = _ATTR.sub("", attrs).strip()
    if rest:
        return f"<{name}>: cannot read '{rest}'; write attributes as color=\"accent\""
    if name != "font":
        return f"<{name}> takes no attributes; remove {', '.join(found)}" if found else None
    unknown = [key for key in found if key != "color"]
    if unknown:
        return f'<font {unknown[0]}=…> is not allowed: sizes and faces come from the block\'s style; only color="<colour>" may be set here'
    if "color" not in found:
        return '<font> without color="<colour>" does nothing; add a colour from the theme or remove the tag'
    colour = found["color"]
    if colour not in colours:
        return f'<font color="{colour}">: {unknown_colour(colour, list(colours))}'
    return None


def unknown_colour(name: str, colours: Sequence[str]) -> str:
    """The message for a colour name the theme does not have, listing the ones it has."""
    from generator.problems import suggest

    return f"unknown colour '{name}'{suggest(name, list(colours))}; the theme's colours: {', '.join(colours)}"


def theme_colours(markup: str, colours: Mapping[str, Sequence[float]]) -> str:
    """``<font color="accent">`` -> the theme colour's CMYK values, as ReportLab reads them."""
    if "color" not in markup:
        return markup

    def cmyk(match: re.Match[str]) -> str:
        values = colours.get(match.group(3))
        if values is None:  # checked when the layout was read; left for ReportLab otherwise
            return match.group(0)
        return f'{match.group(1)}"cmyk({",".join(f"{v / 100:g}" for v in values)})"'

    return _FONT_COLOUR.sub(cmyk, markup)
