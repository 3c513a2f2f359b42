"""One web page: a region's materials in one language, as accessible HTML.

The page is made from the same validated context as the PDFs (``compose/context.py``:
``language_context`` and ``region_names``), plus what only a web page needs: contact data as
links, the editions in other languages, the quick exit, the page's own words. The template is
``layouts/web/page.html``, rendered in a sandboxed, autoescaping environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import TemplateError

from generator.blocktext.templating import Located
from generator.compose.context import region_names
from generator.compose.editions import is_draft
from generator.compose.ties import tie_short_words
from generator.inputs.sources import RegionEntry, Sources
from generator.problems import Origin, Problem
from generator.vocabulary import language
from generator.web.layout import WebLayout, template_line
from generator.web.links import mailto_href, phone_text, tel_href, web_href
from generator.web.policy import with_policy

__all__ = ["DATA_LANG", "Edition", "Logo", "render_page"]

DATA_LANG = "nl"  # region files and national.yaml are written in Dutch


@dataclass(frozen=True)
class Edition:
    """A language a region's page exists in, as the language menu shows it."""

    code: str
    name: str  # the language's own name (content pack's ``language``)
    draft: bool
    draft_label: str  # that language's word for draft


@dataclass(frozen=True)
class Logo:
    path: Path  # the file in sources/logos/
    alt: str

    @property
    def name(self) -> str:
        """The file the page shows: an SVG is served as a PNG drawn from it (web/logo.py)."""
        return "logo.jpg" if self.path.suffix.lower() in (".jpg", ".jpeg") else "logo.png"


def _contact(contact: dict[str, Any], lang: str) -> dict[str, Any]:
    phone, email, web = contact.get("phone"), contact.get("email"), contact.get("web")
    words: dict[str, Any] = {f: _tied(contact[f], lang) for f in ("role", "note", "details") if language(lang).ties and f in contact}
    return {
        **contact,
        **words,
        "tel": tel_href(phone, lang) if phone else "",
        "phone_text": phone_text(phone, lang) if phone else "",
        "mailto": mailto_href(email) if email else "",
        "web_href": web_href(web) if web else "",
    }


def _tied(value: Any, lang: str) -> Any:
    """Content with the language's one-letter words tied to the next (compose/ties.py)."""
    if isinstance(value, dict):
        return {k: _tied(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_tied(v, lang) for v in value]
    if isinstance(value, Located):
        return Located(tie_short_words(value, lang), value.origin, value.field)
    if isinstance(value, str):
        return tie_short_words(value, lang)
    return value


def page_names(
    sources: Sources,
    entry: RegionEntry,
    lang: str,
    shared: dict[str, Any],
    layout: WebLayout,
    editions: list[Edition],
    logo: Logo | None,
) -> dict[str, Any]:
    """The names ``layouts/web/page.html`` can use (listed at the top of that file)."""
    assert entry.loaded is not None
    if language(lang).ties:  # Polish one-letter words stay with the next word on the page too
        shared = {**shared, "content": _tied(shared["content"], lang), "labels": _tied(shared["labels"], lang)}
    regional = region_names(sources, entry, lang)
    draft = is_draft(sources, entry, lang)
    words = layout.words.get(lang)
    words_lang = ""
    if words is None:  # no words for this language yet: English ones, marked as English
        words, words_lang = layout.words["en"], "en"
    exit_url = sources.settings.quick_exit_url
    return {
        **shared,
        **regional,
        "contacts": [_contact(c, lang) for c in regional["contacts"]],
        "national": [_contact(c, lang) for c in regional["national"]],
        "emergency_tel": tel_href(str(regional["emergency"])),
        "words": _tied(words.model_dump(), words_lang or lang),
        "page": {
            "lang": lang,
            "tag": language(lang).tag,
            "draft": draft,
            "data_lang": "" if lang == DATA_LANG else DATA_LANG,
            "words_lang": words_lang,
            "editions": [
                {
                    "code": e.code,
                    "tag": language(e.code).tag,
                    "name": e.name,
                    "href": "index.html" if e.code == lang else f"../{e.code}/index.html",
                    "current": e.code == lang,
                    "draft": e.draft,
                    "draft_label": e.draft_label,
                }
                for e in editions
            ],
            "quick_exit": exit_url,
            "quick_exit_host": urlsplit(exit_url).hostname or exit_url,
            "logo": {"src": logo.name, "alt": logo.alt} if logo else None,
        },
    }


def render_page(layout: WebLayout, names: dict[str, Any]) -> str | Problem:
    """The page's HTML, or the template's problem (with the template's line)."""
    try:
        html: str = layout.template.render(names)
    except TemplateError as exc:
        line = template_line(exc.__traceback__)
        message = getattr(exc, "message", None) or str(exc)
        advice = "the names a page can use are listed at the top of it"
        return Problem(Origin(str(layout.page_file), line), "", f"template: {message}; {advice}")
    return with_policy(html.strip()) + "\n"
