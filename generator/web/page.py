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

from generator.compose.context import region_names
from generator.compose.editions import is_draft
from generator.inputs.sources import RegionEntry, Sources
from generator.problems import Origin, Problem
from generator.vocabulary import language
from generator.web.layout import WebLayout, template_line
from generator.web.links import mailto_href, phone_text, tel_href, web_href

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
        return f"logo{self.path.suffix.lower()}"


def _contact(contact: dict[str, Any], lang: str) -> dict[str, Any]:
    phone, email, web = contact.get("phone"), contact.get("email"), contact.get("web")
    return {
        **contact,
        "tel": tel_href(phone, lang) if phone else "",
        "phone_text": phone_text(phone, lang) if phone else "",
        "mailto": mailto_href(email) if email else "",
        "web_href": web_href(web) if web else "",
    }


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
        "words": words.model_dump(),
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
    return html.strip() + "\n"
