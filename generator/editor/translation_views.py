"""The translator's pages: the languages, every key of one language (stale first), one key with
its Dutch, its translation, where it is printed and its history, a preview in the language, and
the language's history. A translator sees only their own languages (any other is a 404); the
editor sees every language and changes none."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

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
from generator.editor.access import languages_of, may_translate, require_language, role_of
from generator.editor.models import Role, TranslationStep
from generator.editor.pipeline import STATES, WORD_LIST_KEYS, Key, Pipeline, Problem, Spot, digest

STATE_NAMES = {"stale": "verouderd", "missing": "ontbreekt", "translated": "vertaald", "reviewed": "nagekeken"}
PRODUCT_NAMES = {"leaflet": "folder", "pocket-card": "zakkaart", "checklist": "signalenlijst", "contact-card": "contactkaart"}


@dataclass(frozen=True)
class Row:
    key: Key
    state_name: str  # its state in the interface's words
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


def _language_name(lang: str) -> str:
    """The language's name in the interface's language (Django's own list: Pools, Roemeens), or its code."""
    try:
        return str(get_language_info(lang)["name_translated"])
    except KeyError:
        return lang


def _pick_region(regions: dict[str, list[str]], asked: str, products: set[str]) -> str:
    """The region asked for, or the first complete one that prints every product wanted (the
    contact card only where a region asks for one), or the first complete one."""
    if asked in regions:
        return asked
    fitting = [rid for rid, printed in regions.items() if products <= set(printed)]
    return (fitting or list(regions) or [""])[0]


@login_required
def languages_page(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    if role is None or role.kind not in (Role.TRANSLATOR, Role.EDITOR):
        raise Http404("no translations for this account")
    pipeline = state.get()
    rows = []
    for lang in languages_of(request.user, pipeline.languages()):
        translations, broken = pipeline.translations(lang)
        assert translations is not None
        rows.append(
            {
                "lang": lang,
                "name": _language_name(lang),
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
    placements, pages = pipeline.placements()
    wanted = request.GET.get("state", "")
    rows = [
        Row(k, STATE_NAMES[k.state], _where(placements.spots(k)), _key_link(lang, k))
        for k in _ordered(translations.keys)
        if not wanted or k.state == wanted
    ]
    regions = pipeline.complete_regions()
    region = _pick_region(regions, request.GET.get("region", ""), set())
    previews = [
        (product, i, f"{PRODUCT_NAMES[product]}, {name}")
        for product, names in pages.items()
        if product in regions.get(region, [])
        for i, name in enumerate(names)
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
        "regions": list(regions),
        "region": region,
        "previews": previews,
    }
    return render(request, "editor/translation_language.html", context)


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
    spots = [s for s in placements.spots(key) if s.product in pages]
    regions = pipeline.complete_regions()
    if key.file.startswith("regions/"):  # a region's own text: previewed in that region
        own = key.file.removeprefix("regions/").removesuffix(".yaml")
        regions = {own: regions.get(own, [])}
    region = _pick_region(regions, source.get("region", ""), {s.product for s in spots})
    text = key.text
    problems: list[Problem] = []
    previews: list[tuple[str, str]] = []
    status = 200
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
            status = 422 if problems or outcome.invalid else 409
            if not problems:  # changed meanwhile, or nothing to do: the key as it is now, the text as typed
                key = translating.find_key(pipeline, lang, key.file, key.key) or key
                if action == "review":
                    text = key.text
        else:
            printed = {s.product: pages[s.product].index(s.page) for s in spots if s.page in pages[s.product]}
            shown_here = {p: i for p, i in printed.items() if p in regions.get(region, [])}
            if shown_here:
                checked = pipeline.translation_preview(lang, region, key, text.strip() or key.text, shown_here)
                problems = checked.problems
                previews = [(PRODUCT_NAMES.get(p, p), base64.b64encode(png).decode("ascii")) for p, png in checked.previews.items()]
            else:
                messages.info(request, _("Deze tekst staat in geen product van deze regio; kies een andere regio of kijk op de webpagina."))
            status = 422 if problems else 200
    context = _key_context(request, pipeline, lang, key, text, spots)
    context.update({"problems": problems, "previews": previews, "region": region, "regions": list(regions)})
    return render(request, "editor/translation_key.html", context, status=status)


def _key_context(request: HttpRequest, pipeline: Pipeline, lang: str, key: Key, text: str, spots: list[Spot]) -> dict[str, Any]:
    """What the key page shows of the key itself, whatever was asked."""
    placements, _pages = pipeline.placements()
    tight = placements.tightest(key, lang)
    return {
        "lang": lang,
        "language": _language_name(lang),
        "key": key,
        "text": text,
        "word_list": key.key in WORD_LIST_KEYS,
        "state_name": STATE_NAMES[key.state],
        "where": _where(spots),
        "printed": bool(spots),
        # the fill of the last build: in this language when it was built, else in Dutch (said so: the room differs)
        "tight": {"spot": _where([tight[0]]), "fill": tight[1], "own": tight[2] == lang, "room": max(0.0, 100.0 - tight[1])}
        if tight
        else None,
        "shown_text": digest(key.text),
        "shown_nl": digest(key.nl),
        "steps": TranslationStep.objects.filter(lang=lang, file=key.file, key=key.key)[:50],
        "old_nl": translating.dutch_before(lang, key),
        "may_translate": may_translate(request.user, lang),
        "refusal": translating.review_refusal(request.user, lang, key),
        "last": translating.last_translation(lang, key),
        "back": reverse("translation_language", kwargs={"lang": lang}),
    }


def _tight(tight: tuple[Spot, float, str] | None, lang: str) -> dict[str, Any] | None:
    if tight is None:
        return None
    spot, fill, shown = tight
    return {"spot": _where([spot]), "fill": fill, "own": shown == lang, "room": max(0.0, 100.0 - fill)}


@login_required
def language_history(request: HttpRequest, lang: str) -> HttpResponse:
    lang = _language(request, lang)
    steps = TranslationStep.objects.filter(lang=lang)[:300]
    return render(request, "editor/translation_history.html", {"lang": lang, "language": _language_name(lang), "steps": steps})


@login_required
def preview_png(request: HttpRequest, lang: str, region: str, product: str, page: int) -> HttpResponse:
    """One page of a product in ``lang`` for a complete region that prints it, as the texts are saved now."""
    lang = _language(request, lang)
    pipeline = state.get()
    if product not in pipeline.complete_regions().get(region, []):
        raise Http404("no such region or product")
    _placements, pages = pipeline.placements()
    if not 0 <= int(page) < len(pages.get(product, [])):
        raise Http404("no such page")
    text = pipeline.region_file(region).read_text(encoding="utf-8")
    checked = pipeline.preview(region, text, None, lang, (product,), None, {product: int(page)})
    png = checked.previews.get(product)
    if png is None:
        raise Http404("no preview")
    return HttpResponse(png, content_type="image/png")
