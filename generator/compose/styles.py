"""Theme styles as ReportLab paragraph styles, and theme colours as CMYK."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from generator.compose.hyphenation import MIN_WORD, Hyphenator
from generator.engine.fonts import Family
from generator.inputs.layout_models import Style, Theme
from generator.vocabulary import language

__all__ = ["cmyk", "paragraph_style", "without_indent"]

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}


def cmyk(theme_colour: list[float]) -> CMYKColor:
    c, m, y, k = (v / 100 for v in theme_colour)
    return CMYKColor(c, m, y, k)


def paragraph_style(name: str, style: Style, theme: Theme, family: Family, lang: str, hyphenate: bool = True) -> ParagraphStyle:
    """``hyphenate=False`` for heading blocks: they are never hyphenated, whatever their style says."""
    dictionary = language(lang).hyphenation if hyphenate and style.hyphenate else ""
    paragraph = ParagraphStyle(
        name,
        fontName=family.face(style.bold, style.italic),
        fontSize=style.size,
        leading=style.leading or style.size * 1.2,
        textColor=cmyk(theme.colours[style.colour]),
        alignment=_ALIGN[style.align],
        leftIndent=style.indent,
        bulletIndent=0,
        bulletFontName=family.face(False, False),
        bulletFontSize=style.size,
        hyphenationLang=Hyphenator(dictionary, style.hyphenation_zone) if dictionary else "",
        hyphenationMinWordLength=MIN_WORD,
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        splitLongWords=0,  # a word wider than the line is hyphenated or named, never cut (compose/long_words.py)
        allowWidows=0,
        allowOrphans=0,
    )
    # A word wider than the line: broken at the language's hyphenation points where the style
    # hyphenates; kept whole (fit: shrink) or named in a fit error where it does not (long_words.py).
    paragraph.word_lang = lang if dictionary else ""
    return paragraph


def without_indent(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-text", parent=style, leftIndent=0)
