"""The designer's layout reference, generated from the vocabulary in layout_models.py.

``drukwerk layouts`` prints it; layouts/README.md is a copy kept in sync by a test.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator.blocktext.markup import ALLOWED
from generator.inputs.layout_models import (
    MM,
    RULE_COLOUR,
    RULE_SPACE,
    RULE_THICKNESS,
    Block,
    FontFamily,
    Layout,
    Office,
    Page,
    Panel,
    Press,
    Sides,
    Style,
    Theme,
    Trim,
    parse_length,
    parse_sides,
    parse_type_size,
)

__all__ = ["BLOCK_TYPES", "CONTEXT", "layout_reference"]

BLOCK_TYPES = {
    "heading": "a heading: `text:`, style `heading` by default",
    "paragraph": "running text: `text:`",
    "bullets": "a bulleted list: one entry per element of `items:`; `name: alert` (and `colour:`) puts that pictogram "
    "where the bullet sign would stand",
    "checklist": "a printed tick box per element of `items:`; a real form field too where `office.forms` is true",
    "contacts": "one contact per element of `items:` (`contacts`, `national` or `discreet_contacts`), with name, role, phone, "
    "email, web and whether it can be asked anonymously",
    "banner": "text on a filled box, such as the 112 banner (style's `background:` and `padding:`)",
    "spacer": "empty room: `height: 5mm`, or `height: fill` to push the blocks after it to the bottom",
    "rule": "a line across the column: `thickness:` and `colour:` on the block, else a `rule` style if the theme has one, "
    f"else {RULE_THICKNESS:g}pt in `{RULE_COLOUR}` with {RULE_SPACE / MM:g}mm above and below",
    "image": "a PNG, JPEG or SVG in a box of `width:` × `height:` (aspect ratio kept), placed by `align:`; "
    "`src: images/x.svg` (a file in layouts/) or `src: \"{{ region.logo }}\"` (the region's logo); `text:` is set in type "
    "where the region has no logo. In CMYK; SVG stays vector; below 150 ppi at its printed size the job stops",
    "qr": "a QR code in 100 % black that opens `url:` (a plain web address: no query, no fragment, no link shortener); "
    "`size:` at least 15mm, default 20mm; a quiet zone of 4 modules is kept white around it, inside the panel",
    "pictogram": "an icon from Lucide (ISC licence) in a theme colour: `name: phone`, `size:` (default 8mm), `colour:`, `align:`",
    "lines": "`count:` ruled lines to write on (default 5), one every `leading` of its style (`lines`), in its colour",
}

CONTEXT = {
    "content": "the shared text of the job's language (sources/content/<lang>.yaml), e.g. `content.signals.work.items`",
    "labels": "short words around data (`content.labels`), e.g. `labels.phone`",
    "region": "`region.name`, `region.id`, `region.organisation`, `region.draft`, "
    "`region.logo` (for an image block's `src:`; empty without a logo), `region.discreet.emergency` (true unless the region "
    "leaves 112 off its contact card)",
    "contacts": "the region's own contacts: each has name, role, phone, email, web, note, premium (a 0900 number), "
    "phone_abroad (the number in +31 form on editions in other languages), details (24/7, free of charge and the note, "
    "in the edition's language), anonymous (true where its source says you can ask it for advice anonymously; "
    "print `labels.anonymous`), discreet_name",
    "national": "the national contacts this region prints, same fields as contacts",
    "lead_contact": "the contact a card leads with: the region's first contact with a phone that is open 24/7, else its first "
    "free one, else its first with a phone; empty (test it with `{% if lead_contact %}`) when none has a phone",
    "discreet_contacts": "the contacts of the region's contact card (the card that must not say what it is about), same fields, "
    "`name` being the name that card prints and without the addresses the region left off it (`discreet: {email: false}`): "
    "every regional contact, then the national ones nothing of which says what the card is about",
    "emergency": "the emergency number (112)",
    "lang": "the language code, e.g. nl",
    "item": "inside `item:` templates: the current element of `items:`",
}


def _validators(field: FieldInfo) -> set[object]:
    return {getattr(m, "func", None) for m in field.metadata} | {
        func for func in (parse_length, parse_type_size, parse_sides) if func.__name__ in str(field.annotation)
    }


def _optional(annotation_text: str) -> bool:
    return "None" in annotation_text or annotation_text.startswith("Optional[")


def _type_name(field: FieldInfo) -> str:
    text = str(field.annotation).replace("typing.", "").replace("generator.inputs.layout_models.", "")
    validators = _validators(field)
    if parse_type_size in validators:
        return "type size in pt, unit required" + (" (optional)" if _optional(text) else "")
    if parse_sides in validators:
        return "length, or [top, right, bottom, left]"
    if parse_length in validators:
        return "length" + (" or `fill`" if "fill" in text else "") + (" (optional)" if _optional(text) else "")
    if "Annotated[list[Annotated[float" in text:
        return "name: [C, M, Y, K]"
    literal = typing.get_args(field.annotation) if typing.get_origin(field.annotation) is typing.Literal else ()
    if literal:
        return "one of " + ", ".join(f"`{v}`" for v in literal)
    return text.replace("<class '", "").replace("'>", "")


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    value = field.default_factory() if field.default is PydanticUndefined and field.default_factory else field.default  # type: ignore[call-arg]
    if isinstance(value, BaseModel):
        return "see below"
    if isinstance(value, Sides):
        sides = {f"{v / MM:.3g}mm" for v in value}
        return sides.pop() if len(sides) == 1 else "[" + ", ".join(f"{v / MM:.3g}mm" for v in value) + "]"
    if isinstance(value, float) and parse_type_size in _validators(field):  # designers think of type in points
        return f"{value:g}pt"
    if isinstance(value, float) and _type_name(field).startswith("length"):
        return f"{value / MM:.3g}mm"
    return "" if value in ("", None, [], {}) else f"`{value}`"


def _table(model: type[BaseModel]) -> list[str]:
    doc = " ".join((model.__doc__ or "").split())
    lines = [f"### {model.__name__}", "", doc, "", "| key | type | default | meaning |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        lines.append(f"| `{name}` | {_type_name(field)} | {_default(field)} | {field.description or ''} |")
    return [*lines, ""]


def layout_reference() -> str:
    out = [
        "# Layout reference",
        "",
        "Generated by `drukwerk layouts` from the program's own declarations; do not edit by hand.",
        "Lengths take a unit: `12mm`, `8pt`, `0.5cm`, `1in`; a bare number is millimetres, except for type sizes",
        "and leading, which must always be written with their unit (`9pt`).",
        "Panels are measured from the top-left corner of the trimmed page.",
        "",
        "## Block types",
        "",
        *(f"- `{name}`: {text}" for name, text in BLOCK_TYPES.items()),
        "",
        "## Names a template can use",
        "",
        "Block text is a Jinja2 template (`{{ content.title }}`, `{% if item.phone %}…{% endif %}`), run in a sandbox.",
        "A name that does not exist is an error, not an empty string. Values are escaped; the template's own",
        "text may use these tags: " + ", ".join(f"`<{tag}>`" for tag in ALLOWED if tag not in ("br", "font")) + ", `<br/>`"
        ' and `<font color="accent">` with a colour name from the theme (printed in its CMYK values). Anything else is refused:',
        "an image goes in an `image` block, and links do nothing on paper.",
        "",
        *(f"- `{name}`: {text}" for name, text in CONTEXT.items()),
        "",
        "## Themes",
        "",
        "`theme.yaml` is the house style. A layout changes parts of it for itself under its own `theme:` key.",
        "A region that needs its own colours (or fonts, or styles) in every product names a theme file in its",
        "region file, `theme: <name>`, for `layouts/<name>.theme.yaml`; that file starts with `extends: theme`",
        "(theme.yaml; or the name of another theme file) and holds only what changes, merged key by key as",
        "`extends:` merges layouts. A job's theme is theme.yaml, then the region's theme file, then the",
        "layout's own `theme:` key. Hyphenation is for running text: heading blocks are never hyphenated;",
        "elsewhere only words of 8 letters or more, 3 letters on each side of the break, and only where the",
        "line would otherwise end more than the style's `hyphenation_zone` from its right edge.",
        "",
        "## Keys",
        "",
    ]
    for model in (Layout, Trim, Office, Page, Panel, Block, Theme, FontFamily, Style, Press):
        out.extend(_table(model))
    return "\n".join(out).rstrip() + "\n"
