"""The translator's pages: the languages, every key of one language (stale first), one key with
its Dutch, its translation, where it is printed and its history, a preview in the language, and
the language's history. A translator sees only their own languages (any other is a 404); the
editor sees every language and changes none."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from generator.editor import state, translating
from generator.editor.access import languages_of, may_translate, require_language
from generator.editor.models import TranslationStep
from generator.editor.pipeline import STATES, Key, Pipeline, Problem, Spot, digest

STATE_NAMES = {"stale": "verouderd", "missing": "ontbreekt", "translated": "vertaald", "reviewed": "nagekeken"}
PRODUCT_NAMES = {"leaflet": "folder", "pocket-card": "zakkaart", "checklist": "signalenlijst", "contact-card": "contactkaart"}


@dataclass(frozen=True)
class Row:
    key: Key
    state: str
    where: str
    link: str


def _language(request: HttpRequest, lang: str) -> str:
    return require_language(request.user, lang, state.get().languages())


def _key_link(lang: str, key: Key) -> str:
    return reverse("translation_key", kwargs={"lang": lang}) + "?" + urlencode({"file": key.file, "key": key.key})


def _ordered(keys: tuple[Key, ...]) -> list[Key]:
    """Stale first, then missing, then not yet reviewed, then reviewed; in file order within each."""
    order = {s: i for i, s in enumerate(STATES)}
    return sorted(keys, key=lambda k: order[k.state])


def _where(spots: list[Spot]) -> str:
    return "; ".join(f"{PRODUCT_NAMES.get(s.product, s.product)} {s.page}/{s.panel}" for s in spots) or _("webpagina")


@login_required
def languages_page(request: HttpRequest) -> HttpResponse:
    pipeline = state.get()
    rows = []
    for lang in languages_of(request.user, pipeline.languages()):
        translations, broken = pipeline.translations(lang)
        assert translations is not None
        rows.append(
            {
                "lang": lang,
                "counts": translations.counts(),
                "total": len(translations.keys),
                "final": pipeline.final_editions(lang),
                "broken": broken,
            }
        )
    return render(request, "editor/translations.html", {"rows": rows, "state_names": STATE_NAMES})


@login_required
def language_page(request: HttpRequest, lang: str) -> HttpResponse:
    lang = _language(request, lang)
    pipeline = state.get()
    translations, broken = pipeline.translations(lang)
    assert translations is not None
    placements, _pages = pipeline.placements()
    wanted = request.GET.get("state", "")
    rows = [
        Row(k, k.state, _where(placements.spots(k)), _key_link(lang, k))
        for k in _ordered(translations.keys)
        if not wanted or k.state == wanted
    ]
    context = {
        "lang": lang,
        "language": _language_name(lang),
        "pack": f"content/{lang}.yaml",
        "rows": rows,
        "counts": translations.counts(),
        "state_names": STATE_NAMES,
        "wanted": wanted if wanted in STATE_NAMES else "",
        "final": pipeline.final_editions(lang),
        "broken": broken,
        "may_translate": may_translate(request.user, lang),
        "regions": pipeline.complete_regions(),
        "previews": _preview_pages(pipeline),
    }
    return render(request, "editor/translation_language.html", context)


def _language_name(lang: str) -> str:
    """The language's name in the interface's language (Django's own list: Pools, Roemeens), or its code."""
    try:
        return str(get_language_info(lang)["name_translated"])
    except KeyError:
        return lang


def _preview_pages(pipeline: Pipeline) -> list[tuple[str, int, str]]:
    """(product, page index, caption) of every page of every product."""
    _placements, pages = pipeline.placements()
    return [
        (product, i, f"{PRODUCT_NAMES.get(product, product)}, {name}") for product, names in pages.items() for i, name in enumerate(names)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def key_page(request: HttpRequest, lang: str) -> HttpResponse:
    lang = _language(request, lang)
    pipeline = state.get()
    source = request.POST if request.method == "POST" else request.GET
    key = translating.find_key(pipeline, lang, source.get("file", ""), source.get("key", ""))
    if key is None:
        raise Http404("no such key")
    placements, pages = pipeline.placements()
    spots = placements.spots(key)
    text = key.text
    problems: list[Problem] = []
    previews: list[tuple[str, str]] = []
    status = 200
    region = _preview_region(pipeline, key, source.get("region", ""))
    if request.method == "POST":
        action = request.POST.get("action", "preview")
        text = request.POST.get("text", "")
        shown = (request.POST.get("shown_text", ""), request.POST.get("shown_nl", ""))
        if action in ("save", "review"):
            if not may_translate(request.user, lang):
                return HttpResponseForbidden(_("Alleen een vertaler van deze taal verandert of keurt vertalingen."))
            if action == "save":
                outcome = translating.save(pipeline, request.user, lang, key, text, *shown)
            else:
                outcome = translating.review(pipeline, request.user, lang, key, *shown)
            (messages.success if outcome.ok else messages.error)(request, outcome.message)
            if outcome.ok:
                return redirect(_key_link(lang, key))
            problems = outcome.problems
            status = 422 if problems else 409
            if not problems:  # changed meanwhile, or nothing to do: the key as it is now, the text as typed
                key = translating.find_key(pipeline, lang, key.file, key.key) or key
                if action == "review":
                    text = key.text
        elif region:
            wanted = {s.product: pages[s.product].index(s.page) for s in spots if s.product in pages and s.page in pages[s.product]}
            checked = pipeline.translation_preview(lang, region, key, text.strip() or key.text, wanted)
            problems = checked.problems
            previews = [(f"{PRODUCT_NAMES.get(p, p)}", base64.b64encode(png).decode("ascii")) for p, png in checked.previews.items()]
            status = 422 if problems else 200
    steps = TranslationStep.objects.filter(lang=lang, file=key.file, key=key.key)[:50]
    tight = placements.tightest(key, lang)
    context = {
        "lang": lang,
        "language": _language_name(lang),
        "key": key,
        "text": text,
        "state_name": STATE_NAMES[key.state],
        "where": _where(spots),
        "printed": bool(spots),
        "tight": (_where([tight[0]]), *tight[1:]) if tight else None,
        "room": max(0.0, 100.0 - tight[1]) if tight else None,
        "shown_text": digest(key.text),
        "shown_nl": digest(key.nl),
        "problems": problems,
        "previews": previews,
        "region": region,
        "regions": [region] if key.file.startswith("regions/") else pipeline.complete_regions(),
        "steps": steps,
        "may_translate": may_translate(request.user, lang),
        "refusal": translating.review_refusal(request.user, lang, key),
        "last": translating.last_translation(lang, key),
        "back": reverse("translation_language", kwargs={"lang": lang}),
    }
    return render(request, "editor/translation_key.html", context, status=status)


def _preview_region(pipeline: Pipeline, key: Key, asked: str) -> str:
    """A region's own text is previewed in that region; a shared text in the region asked for, or the first complete one."""
    if key.file.startswith("regions/"):
        return key.file.removeprefix("regions/").removesuffix(".yaml")
    complete = pipeline.complete_regions()
    return asked if asked in complete else (complete[0] if complete else "")


@login_required
def language_history(request: HttpRequest, lang: str) -> HttpResponse:
    lang = _language(request, lang)
    steps = TranslationStep.objects.filter(lang=lang)[:300]
    return render(request, "editor/translation_history.html", {"lang": lang, "language": _language_name(lang), "steps": steps})


@login_required
def preview_png(request: HttpRequest, lang: str, region: str, product: str, page: int) -> HttpResponse:
    """One page of a product in ``lang`` for a complete region, as the texts are saved now."""
    lang = _language(request, lang)
    pipeline = state.get()
    if region not in pipeline.complete_regions():
        raise Http404("no such region")
    _placements, pages = pipeline.placements()
    if product not in pages or not 0 <= int(page) < len(pages[product]):
        raise Http404("no such page")
    text = pipeline.region_file(region).read_text(encoding="utf-8")
    checked = pipeline.preview(region, text, None, lang, (product,), None, {product: int(page)})
    png = checked.previews.get(product)
    if png is None:
        raise Http404("no preview")
    return HttpResponse(png, content_type="image/png")
