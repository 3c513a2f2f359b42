"""Hyphenation rules and the last-line rule, on ReportLab paragraphs wrapped at chosen widths;
and the hyphenation zone extension in pdf/reportlab_compat.py against ReportLab's own code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as RLParagraph

from generator.compose.hyphenation import MIN_WORD, Hyphenator
from generator.compose.paragraphs import Paragraph, tie_last_words
from generator.engine import reportlab_compat
from generator.inputs.layout_models import MM

FONT, SIZE = "Helvetica", 9.0
ZONE = 10 * MM
PREFIX = "Een twee drie"
WORD = "mensenhandelaar"


@pytest.fixture(autouse=True)
def _zone_in_force() -> Iterator[None]:
    yield
    reportlab_compat.install_hyphenation_zone()  # as the program leaves it


def _style(hyphenator: object = None, min_word: int = MIN_WORD) -> ParagraphStyle:
    return ParagraphStyle(
        "t",
        fontName=FONT,
        fontSize=SIZE,
        leading=11,
        hyphenationLang=hyphenator if hyphenator is not None else Hyphenator("nl_NL", ZONE),
        hyphenationMinWordLength=min_word,
        embeddedHyphenation=1,
        splitLongWords=1,
    )


def _lines(text: str, width: float, style: ParagraphStyle, cls: type[RLParagraph] = RLParagraph) -> list[str]:
    paragraph = cls(text, style)
    paragraph.wrap(width, 1000)
    return [" ".join(line[1]) if isinstance(line, tuple) else "".join(w.text for w in line.words) for line in paragraph.blPara.lines]


def _width(room: float) -> float:
    """A line width that leaves ``room`` points after PREFIX and its space for the next word."""
    return stringWidth(f"{PREFIX} ", FONT, SIZE) + room


def test_a_long_word_is_hyphenated_where_the_line_has_room() -> None:
    lines = _lines(f"{PREFIX} {WORD} en nog wat", _width(ZONE + 10), _style())
    head = lines[0].split()[-1]
    assert head.endswith("-") and len(head) - 1 >= 3
    assert (head[:-1] + lines[1].split()[0]) == WORD


def test_a_line_that_is_full_enough_breaks_before_the_word() -> None:
    room = ZONE - 3  # room for "men-", but the line is full enough
    assert stringWidth("men-", FONT, SIZE) < room
    style = _style()
    assert _lines(f"{PREFIX} {WORD} en nog wat", _width(room), style)[0] == PREFIX
    # ReportLab's own code would have broken it: the zone is what keeps the word whole
    assert not reportlab_compat.install_hyphenation_zone(enable=False)
    assert _lines(f"{PREFIX} {WORD} en nog wat", _width(room), style)[0].endswith("-")


def test_an_unknown_reportlab_version_hyphenates_without_the_zone() -> None:
    style = _style()
    assert not reportlab_compat.install_hyphenation_zone(version="99.0.0")
    assert _lines(f"{PREFIX} {WORD} en nog wat", _width(ZONE - 3), style)[0].endswith("-")
    assert reportlab_compat.install_hyphenation_zone()


def test_words_under_eight_letters_and_parts_under_three_letters_stay_whole() -> None:
    hyphenate = Hyphenator("nl_NL", ZONE)
    assert list(hyphenate("familie")) == [] and list(hyphenate("terecht")) == []  # 7 letters
    assert all(len(head) >= 3 and len(tail) >= 3 for head, tail in hyphenate("ongelukken"))
    room = ZONE + 3  # more than the zone, room for "mam-" but not for "mammoet"
    assert stringWidth("mam-", FONT, SIZE) < room < stringWidth("mammoet", FONT, SIZE)
    assert _lines(f"{PREFIX} mammoet en nog wat", _width(room), _style("nl_NL", 5))[0].endswith("mam-")  # ReportLab's defaults
    assert _lines(f"{PREFIX} mammoet en nog wat", _width(room), _style())[0] == PREFIX  # ours: 7 letters stay whole


def test_the_zone_leaves_other_hyphenators_alone() -> None:
    """A paragraph hyphenated by a language name (ReportLab's own way) wraps the same with or without the extension."""
    text = f"{PREFIX} {WORD} " * 6
    zoned = _lines(text, _width(ZONE - 3), _style("nl_NL"))
    reportlab_compat.install_hyphenation_zone(enable=False)
    assert _lines(text, _width(ZONE - 3), _style("nl_NL")) == zoned


def test_a_lonely_last_word_takes_the_word_before_it_along() -> None:
    text = "Dit is een zin die over drie regels loopt en dan eindigt met woord"
    style = _style("")
    width = stringWidth("Dit is een zin die over", FONT, SIZE) + 2
    stock = _lines(text, width, style)
    assert len(stock) >= 3 and len(stock[-1].split()) == 1  # ReportLab leaves "woord" alone
    tidy = _lines(text, width, style, Paragraph)
    assert len(tidy) == len(stock)
    assert tidy[-1].split() == ["met", "woord"]  # tied with a no-break space (split() splits at it too)
    assert tidy[-1] == "met\u00a0woord"


def test_a_hyphenated_tail_alone_on_the_second_line_takes_a_word_along() -> None:
    text = "Een gebroken gezin of gezin met veel problemen"
    style = _style()
    width = stringWidth("Een gebroken gezin of gezin met veel proble-", FONT, SIZE) + 1
    stock = _lines(text, width, style)
    assert stock == ["Een gebroken gezin of gezin met veel proble-", "men"]
    assert _lines(text, width, style, Paragraph) == ["Een gebroken gezin of gezin met", "veel\u00a0problemen"]


def test_a_tie_that_would_not_fit_is_not_made() -> None:
    text = "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertienduizendvijfhonderd"
    style = _style("")
    width = stringWidth("veertienduizendvijfhonderd", FONT, SIZE) + 4
    stock = _lines(text, width, style)
    assert len(stock[-1].split()) == 1
    assert _lines(text, width, style, Paragraph) == stock  # the pair is wider than a line: left as it was


def test_ties_go_to_the_last_space_outside_tags_and_respect_forced_breaks() -> None:
    assert tie_last_words('a <font color="x">b</font> c', [0]) == 'a <font color="x">b</font>\u00a0c'
    assert tie_last_words("een twee<br/>drie vier", [1]) == "een twee<br/>drie\u00a0vier"
    assert tie_last_words("een twee<br/>drie vier", [0]) == "een\u00a0twee<br/>drie vier"
    assert tie_last_words("<b>alleen</b>", [0]) == "<b>alleen</b>"
