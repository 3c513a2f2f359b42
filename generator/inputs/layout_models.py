"""The layout vocabulary: everything a designer can write in ``layouts/*.yaml``.

Declared once, with defaults and descriptions; ``drukwerk layouts`` prints the reference from
these declarations. Lengths are written with a unit (``12mm``, ``8pt``, ``0.5cm``); a bare
number means millimetres, except for type sizes and leading, which always need their unit (a
designer's ``size: 7.5`` means points, and must never be read as 7.5 mm). Inside the program
every length is in PostScript points.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from generator.vocabulary import Product

__all__ = [
    "CONTACT_ICON_TEMPLATE",
    "CONTACT_TEMPLATE",
    "GRAPHIC_BLOCKS",
    "MM",
    "RULE_COLOUR",
    "RULE_SPACE",
    "RULE_THICKNESS",
    "Block",
    "FontFamily",
    "Layout",
    "Office",
    "Page",
    "Panel",
    "Sides",
    "Strict",
    "Style",
    "Theme",
    "Trim",
    "parse_length",
    "parse_sides",
    "parse_type_size",
]

_UNITS = {"mm": 72 / 25.4, "cm": 720 / 25.4, "pt": 1.0, "in": 72.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|pt|in)?\s*$")
MM = _UNITS["mm"]


def parse_length(value: object) -> float:
    """``'12mm'`` -> points. Accepts numbers (millimetres) and strings with a unit."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) * MM
    match = _LENGTH.match(str(value))
    if not match:
        raise ValueError(f"'{value}' is not a length; write a number with a unit, e.g. 12mm or 8pt")
    return float(match.group(1)) * _UNITS[match.group(2) or "mm"]


def parse_type_size(value: object) -> float:
    """``'9pt'`` -> points. A type size or leading always has its unit: a bare number is refused."""
    text = str(value).strip()
    match = _LENGTH.match(text)
    if match and not match.group(2):
        raise ValueError(f"'{text}' has no unit; type sizes and leading are in points: write {match.group(1)}pt")
    return parse_length(value)


class Sides(NamedTuple):
    """Room on each side of a panel, in points: as CSS writes it, top, right, bottom, left."""

    top: float
    right: float
    bottom: float
    left: float


def parse_sides(value: Any) -> Sides:
    """``7mm`` (all sides), or a list as in CSS: ``[top, right, bottom, left]``, ``[top and bottom,
    left and right]`` or ``[top, left and right, bottom]``."""
    if isinstance(value, Sides):
        return value
    if isinstance(value, (list, tuple)):
        lengths = [parse_length(v) for v in value]
        if len(lengths) == 4:
            return Sides(*lengths)
        if len(lengths) == 2:
            return Sides(lengths[0], lengths[1], lengths[0], lengths[1])
        if len(lengths) == 3:
            return Sides(lengths[0], lengths[1], lengths[2], lengths[1])
        raise ValueError(f"{len(lengths)} lengths; write one length, or [top, right, bottom, left] as in CSS")
    one = parse_length(value)
    return Sides(one, one, one, one)


Length = Annotated[float, BeforeValidator(parse_length)]
TypeSize = Annotated[float, BeforeValidator(parse_type_size)]
Padding = Annotated[Sides, BeforeValidator(parse_sides)]
Percent = Annotated[float, Field(ge=0, le=100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- theme ---------------------------------------------------------------------------------


class FontFamily(Strict):
    """Four TrueType faces of one family. Fonts come from an installed Python package
    (``package: fontpkg_fira_sans``) or from a folder inside ``layouts/`` (``folder: fonts``)."""

    package: str = Field("", description="installed font package, e.g. fontpkg_fira_sans")
    folder: str = Field("", description="folder inside layouts/ with the .ttf files (instead of package)")
    regular: str = Field(description="file name of the regular face")
    bold: str = Field(description="file name of the bold face")
    italic: str = Field(description="file name of the italic face")
    bold_italic: str = Field(description="file name of the bold italic face")


class Style(Strict):
    """How a block's text looks. Styles are named in the theme and used by blocks."""

    font: str = Field("sans", description="a family name from fonts:")
    bold: bool = Field(False, description="use the bold face")
    italic: bool = Field(False, description="use the italic face")
    size: TypeSize = Field(8.0, description="type size, with its unit (9pt)")
    leading: TypeSize | None = Field(None, description="distance between baselines, at least the size; default 1.2 × size")
    colour: str = Field("ink", description="a colour name from colours:")
    align: Literal["left", "center", "right", "justify"] = Field("left", description="text alignment")
    space_before: Length = Field(0.0, description="room above the block (not at the top of a panel)")
    space_after: Length = Field(0.0, description="room below the block")
    indent: Length = Field(0.0, description="left indent of bullet and checklist text")
    bullet: str = Field("•", description="the bullet character for bullets blocks")
    background: str | None = Field(None, description="fill colour behind the block (banners)")
    padding: Length = Field(0.0, description="room between the fill and the text")
    hyphenate: bool = Field(
        True,
        description="hyphenate long words by the rules of the job's language (never in heading blocks; "
        "only words of 8 letters or more, at least 3 letters on each side of the break)",
    )
    hyphenation_zone: Length = Field(
        10 * MM,
        description="as in InDesign: a word is hyphenated only when the line would otherwise end more than this far "
        "from the right edge (a line that is full enough breaks before the word instead)",
    )
    fit: Literal["whole", "shrink"] = Field(
        "whole",
        description="a word wider than the line where the style does not hyphenate (headings, hyphenate: false): whole stops "
        "the build naming the word; shrink sets the block smaller, down to shrink_to, until the word fits whole",
    )
    shrink_to: TypeSize | None = Field(
        None, description="with fit: shrink, the smallest size the text may take; default the theme's min_size"
    )


# Print conditions of the ICC characterization data registry (http://www.color.org) a press PDF
# may name in its PDF/X output intent: identifier -> (Info, OutputCondition).
PRINT_CONDITIONS: dict[str, tuple[str, str]] = {
    "FOGRA39": (
        "Coated FOGRA39 (ISO 12647-2:2004)",
        "Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = coated art, 115 g/m2, "
        "tone value increase curves A (CMY) and B (K)",
    ),
    "FOGRA51": (
        "PSO Coated v3 (FOGRA51)",
        "Offset printing, according to ISO 12647-2:2013, OFCOM, paper type PS1 = premium coated, 115 g/m2, "
        "tone value increase curves A (CMYK)",
    ),
}


class Press(Strict):
    """Press PDFs are PDF/X-1a:2001 (ISO 15930-1): CMYK only, no transparency, fonts embedded, and an
    output intent naming the registered print condition the print shop prints to."""

    condition: Literal["FOGRA39", "FOGRA51"] = Field(
        "FOGRA39",
        description="print condition of the output intent: FOGRA39 (coated paper, ISO Coated v2) or FOGRA51 (PSO Coated v3); "
        "ask the print shop",
    )

    @field_validator("condition", mode="before")
    @classmethod
    def _known(cls, value: object) -> object:
        if value not in PRINT_CONDITIONS:
            allowed = " or ".join(PRINT_CONDITIONS)
            raise ValueError(f"unknown print condition '{value}'; use {allowed} (ask the print shop which one it prints to)")
        return value


class Theme(Strict):
    """Colours, fonts and text styles shared by every layout."""

    colours: dict[str, Annotated[list[Percent], Field(min_length=4, max_length=4)]] = Field(
        description="CMYK colours in percent: name: [C, M, Y, K]"
    )
    fonts: dict[str, FontFamily] = Field(description="font families by name")
    min_size: TypeSize = Field(6.0, description="no style may be smaller than this")
    styles: dict[str, Style] = Field(description="text styles by name")
    press: Press = Field(Press(), description="how press PDFs are delivered (PDF/X-1a print condition)")
    cmyk_profile: str = Field(
        "",
        description="ICC profile (a file in layouts/, the print shop's CMYK profile) for converting RGB images; "
        "default: a simple conversion",
    )


# --- layout --------------------------------------------------------------------------------

# A rule with neither `thickness:`/`colour:` of its own nor a `rule` style in the theme:
RULE_THICKNESS = 0.5  # points
RULE_COLOUR = "ink"
RULE_SPACE = 1.5 * MM  # above and below

BlockType = Literal[
    "heading", "paragraph", "bullets", "checklist", "contacts", "banner", "spacer", "rule", "image", "qr", "pictogram", "lines"
]
GRAPHIC_BLOCKS = ("image", "qr", "pictogram")  # need no style of their own: compose/graphics.py

# The labelled form is the checklist's, which professionals read: after "anonymous advice" it says
# that a report by a professional is not anonymous (seed 001; labels.anonymous_professional).
CONTACT_TEMPLATE = (
    "<b>{{ item.name }}</b>"
    "{% if item.role %}<br/>{{ item.role }}{% endif %}"
    "{% if item.phone %}<br/>{{ labels.phone }} <b>{{ item.phone }}</b>"
    "{% if item.phone_abroad %} / <b>{{ item.phone_abroad }}</b>{% endif %}"
    "{% if item.details or item.premium %} ({% if item.premium %}{{ labels.premium }}{% endif %}"
    "{% if item.details and item.premium %}, {% endif %}{{ item.details }}){% endif %}{% endif %}"
    "{% if item.anonymous %}<br/>{{ labels.anonymous }}; {{ labels.anonymous_professional }}{% endif %}"
    "{% if item.email %}<br/>{{ labels.email }} {{ item.email }}{% endif %}"
    "{% if item.web %}<br/>{{ labels.web }} {{ item.web }}{% endif %}"
)
# With `icons: true` the pictograms say what the labels said.
CONTACT_ICON_TEMPLATE = (
    "<b>{{ item.name }}</b>"
    "{% if item.role %}<br/>{{ item.role }}{% endif %}"
    "{% if item.phone %}<br/><b>{{ item.phone }}</b>{% if item.phone_abroad %} / <b>{{ item.phone_abroad }}</b>{% endif %}"
    "{% if item.details or item.premium %} ({% if item.premium %}{{ labels.premium }}{% endif %}"
    "{% if item.details and item.premium %}, {% endif %}{{ item.details }}){% endif %}{% endif %}"
    "{% if item.anonymous %}<br/>{{ labels.anonymous }}{% endif %}"
    "{% if item.email %}<br/>{{ item.email }}{% endif %}"
    "{% if item.web %}<br/>{{ item.web }}{% endif %}"
)


class Block(Strict):
    """One thing placed in a panel, from top to bottom."""

    type: BlockType = Field(description="what the block is: one of the block types above")
    style: str = Field(
        "", description="a style name from the theme; default: the block type's name (a rule needs none: see thickness, colour)"
    )
    text: str = Field("", description="Jinja2 template of the text (heading, paragraph, banner); image: printed when it has no file")
    items: str = Field("", description="expression giving a list (bullets, checklist, contacts), e.g. content.signals.work.items")
    item: str = Field("", description="Jinja2 template for one item; `item` is the element; default per type")
    height: Length | Literal["fill"] = Field(
        0.0, description="spacer height, or fill to push later blocks down; image: height of its box"
    )
    anchor: Literal["top", "bottom"] = Field(
        "top", description="bottom: this block and every block after it sit at the bottom of the panel (no spacer needed)"
    )
    thickness: Length | None = Field(None, description="rule: line thickness; default 0.5pt")
    src: str = Field("", description="image: a PNG, JPEG or SVG file in layouts/ (e.g. images/logo.svg), or {{ region.logo }}")
    width: Length = Field(0.0, description="image: width of its box; default: the panel's width inside its padding")
    align: Literal["left", "center", "right"] = Field("left", description="image, qr, pictogram: where in the panel's width")
    url: str = Field("", description="qr: Jinja2 template of the web address the code opens (no query, no fragment)")
    size: Length = Field(
        0.0, description="qr: printed size of the code without its quiet zone (default 20mm); pictogram: size (default 8mm)"
    )
    name: str = Field(
        "",
        description="pictogram: phone, mail, web, danger, alert, help, info, eye, home, money, work, lock, id-card, chat, or Lucide's; "
        "bullets: that pictogram before each item instead of the bullet sign",
    )
    colour: str | None = Field(
        None,
        description="rule: its colour (default the `rule` style's colour, or ink); pictogram, contacts icons and bullets' "
        "pictograms: a colour name from colours: (default the style's colour)",
    )
    icons: bool = Field(False, description="contacts: a phone, mail and web pictogram before those lines instead of the labels")
    count: int = Field(5, ge=1, le=40, description="lines: how many ruled lines to write on")

    def item_template(self) -> str:
        if self.type == "contacts" and not self.item:
            return CONTACT_ICON_TEMPLATE if self.icons else CONTACT_TEMPLATE
        return self.item or "{{ item }}"


class Panel(Strict):
    """A rectangle of a page, measured from the top-left corner of the trimmed page."""

    name: str = Field(description="unique on its page; used in messages and by extends:")
    x: Length = Field(description="left edge from the left trim edge")
    y: Length = Field(description="top edge from the top trim edge")
    width: Length = Field(description="panel width")
    height: Length = Field(description="panel height")
    padding: Padding = Field(
        Sides(4 * MM, 4 * MM, 4 * MM, 4 * MM),
        description="safe margin inside the panel edges; text stays inside it. One length for all sides, "
        "or [top, right, bottom, left] as in CSS",
    )
    background: str | None = Field(
        None,
        description="fill colour; where the panel touches the trim it runs into the bleed (press) "
        "or stops 5mm short of the paper's edge (office)",
    )
    columns: int = Field(1, ge=1, le=4, description="columns inside the panel; the blocks flow through them, balanced to even heights")
    gutter: Length = Field(6 * MM, description="room between columns")
    keep_groups: bool = Field(
        False, description="columns break only before a heading: each heading stays in one column with everything up to the next"
    )
    blocks: list[Block] = Field(default_factory=list, description="what the panel holds, from top to bottom")

    @property
    def inner_width(self) -> float:
        """Width of the safe area (the panel minus its left and right padding)."""
        return self.width - self.padding.left - self.padding.right

    @property
    def inner_height(self) -> float:
        return self.height - self.padding.top - self.padding.bottom

    @property
    def column_width(self) -> float:
        return (self.inner_width - (self.columns - 1) * self.gutter) / self.columns


class Page(Strict):
    """One side of the sheet (press) or one printed page."""

    name: str = Field(description="page name, e.g. front, back, outside, inside")
    folds: list[Length] = Field(default_factory=list, description="x positions of vertical folds from the left trim edge")
    panels: list[Panel] = Field(description="the rectangles of this page, each with its blocks")


class Trim(Strict):
    """The finished size of the product after trimming."""

    width: Length = Field(description="trimmed width")
    height: Length = Field(description="trimmed height")


class Office(Strict):
    """How the office version is printed on a desktop printer."""

    sheet: Literal["A4", "A4-landscape"] = Field("A4", description="paper of the office printer")
    imposition: Literal["pages", "n-up"] = Field("pages", description="pages: one page a sheet; n-up: as many as fit, with cut lines")
    margin: Length = Field(10 * MM, description="n-up: printer margin around the grid (at least 5mm; cut marks stop 5mm short of the edge)")
    forms: bool = Field(False, description="checklist boxes are also fillable form fields")


class Layout(Strict):
    """A product's layout. ``extends:`` names another layout in the same folder to start from."""

    extends: str = Field("", description="file name (without .yaml) of the layout this one changes")
    product: Product = Field(description="which product this lays out")
    title: str = Field("{{ content.title }}", description="Jinja2 template for the PDF's title")
    trim: Trim = Field(description="finished size after trimming")
    bleed: Length = Field(3 * MM, description="press: how far backgrounds run past the trim")
    theme: dict[str, object] = Field(default_factory=dict, description="theme parts this layout changes (colours, styles, ...)")
    office: Office = Field(Office(), description="how the office version is printed")
    pages: list[Page] = Field(description="the pages in print order")
