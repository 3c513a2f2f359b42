"""The editor's pages. Every page needs a login; a coordinator sees only their own regions (any
other region, however its URL is written, is a 404)."""

from __future__ import annotations

import base64
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from generator.editor import fields, state, workflow
from generator.editor.access import can_decide, is_editor, languages_of, regions_of, require_region, role_of
from generator.editor.downloads import print_zip, web_zip
from generator.editor.models import Event, Proposal, Role
from generator.editor.pipeline import PREVIEW_PAGES, ImageProblem, Problem
from generator.editor.uploads import LOGO_LIMIT, checked_logo

PRODUCT_NAMES = {"pocket-card": "zakkaart, achterkant", "leaflet": "folder, buitenkant", "contact-card": "contactkaart, achterkant"}


def _region(request: HttpRequest, region: str) -> str:
    return require_region(request.user, region, state.get().region_ids())


def _languages() -> list[str]:
    folder = state.get().paths.sources / "content"
    langs = sorted(p.stem for p in folder.glob("*.yaml"))
    return ["nl", *[lang for lang in langs if lang != "nl"]]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    pipeline = state.get()
    mine = set(regions_of(request.user, pipeline.region_ids()))
    rows = []
    open_proposals = Proposal.objects.filter(state=Proposal.OPEN, region__in=mine).select_related("author")
    for status in pipeline.statuses():
        if status.id not in mine:
            continue
        last = Event.objects.filter(region__in=[status.id, "*"], what__in=["built", "build-failed"]).first()
        rows.append(
            {
                "status": status,
                "open": sum(1 for p in open_proposals if p.region == status.id),
                "last_build": last,
            }
        )
    to_decide = [p for p in open_proposals if can_decide(request.user, p)]
    role = role_of(request.user)
    return render(
        request,
        "editor/overview.html",
        {
            "rows": rows,
            "to_decide": to_decide,
            "editor": is_editor(request.user),
            "running": workflow.running_builds(),
            "role": role,
            "translator": role is not None and role.kind == Role.TRANSLATOR,
            "languages": languages_of(request.user, pipeline.languages()),
        },
    )


@login_required
@require_POST
def build_all(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        return HttpResponseForbidden(_("Alleen de redacteur start een volledige build."))
    workflow.full_build(state.get(), request.user)
    messages.success(request, _("De volledige build is gestart."))
    return redirect("overview")


def _logo_upload(request: HttpRequest, region: str) -> tuple[tuple[str, bytes] | None, list[Problem]]:
    """An uploaded logo, checked like ``logo:`` (by content, not by name), or the one kept from
    the last preview in this session."""
    upload = request.FILES.get("logo")
    key = f"logo-{region}"
    if upload is None:
        kept = request.session.get(key)
        if isinstance(kept, dict) and request.POST.get("keep_logo") == "on":
            return (kept["name"], base64.b64decode(kept["data"])), []
        return None, []
    if upload.size is not None and upload.size > LOGO_LIMIT:  # not even read
        return None, [Problem(_origin(region), "logo", _("het bestand is groter dan 1 MB; sla het kleiner op (een logo voor drukwerk)"))]
    try:
        name, data = checked_logo(region, upload.name or "", upload.read(LOGO_LIMIT + 1))
    except ImageProblem as exc:
        return None, [Problem(_origin(region), "logo", str(exc))]
    request.session[key] = {"name": name, "data": base64.b64encode(data).decode("ascii")}
    return (name, data), []


def _origin(region: str) -> Any:
    from generator.editor.pipeline import Origin

    return Origin(f"regions/{region}.yaml")


@login_required
@require_http_methods(["GET", "POST"])
def region_page(request: HttpRequest, region: str) -> HttpResponse:
    region = _region(request, region)
    pipeline = state.get()
    text, saved, digest = workflow.current(pipeline, region)
    languages = _languages()
    problems: list[Problem] = []
    previews: dict[str, str] = {}
    data = saved
    logo: tuple[str, bytes] | None = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "preview")
        if action == "check":
            chosen = [int(v) for v in request.POST.getlist("checked") if v.isdigit()]
            outcome = workflow.check_today(pipeline, request.user, region, chosen)
            (messages.success if outcome.ok else messages.error)(request, outcome.message)
            if outcome.ok:
                return redirect("region", region=region)
            problems = outcome.problems
        else:
            data = fields.parse(request.POST, saved, languages)
            logo, logo_problems = _logo_upload(request, region)
            if logo is not None:
                data["logo"] = logo[0]
            problems = list(logo_problems)
            if action == "propose" and not problems:
                outcome = workflow.propose(pipeline, request.user, region, data, logo)
                if outcome.ok and outcome.proposal is not None:
                    request.session.pop(f"logo-{region}", None)
                    messages.success(request, outcome.message)
                    if outcome.proposal.state == Proposal.OPEN:
                        return redirect("proposal", region=region, number=outcome.proposal.pk)
                    return redirect("region", region=region)
                messages.error(request, outcome.message)
                problems = outcome.problems
            elif action in ("preview", "propose") and not problems:
                from generator.editor.yaml_edit import apply

                checked = pipeline.preview(region, apply(text, data), logo)
                problems = checked.problems
                previews = {p: base64.b64encode(png).decode("ascii") for p, png in checked.previews.items()}
            if problems:
                status = 422  # the form again, with each problem at its field
    form = fields.build(data, problems, languages)
    mine = Proposal.objects.filter(region=region, state=Proposal.OPEN)
    last = Event.objects.filter(region__in=[region, "*"], what__in=["built", "build-failed"]).first()
    context = {
        "region": region,
        "form": form,
        "previews": [(p, PRODUCT_NAMES[p], previews[p]) for p in PREVIEW_PAGES if p in previews],
        "preview_asked": request.method == "POST" and not problems,
        "contacts_saved": saved["contacts"],
        "open": mine,
        "logo": data.get("logo", ""),
        "logo_pending": logo[0] if logo else "",
        "running": region in workflow.running_builds() or "all" in workflow.running_builds(),
        "last_build": last,
        "digest": digest[:12],
        "languages": languages,
        "today": pipeline.today().isoformat(),
    }
    return render(request, "editor/region.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_page(request: HttpRequest, region: str, number: int) -> HttpResponse:
    region = _region(request, region)
    proposal = get_object_or_404(Proposal.objects.select_related("author", "decided_by"), pk=number, region=region)
    pipeline = state.get()
    problems: list[Problem] = []
    if request.method == "POST":
        if request.POST.get("action") == "approve":
            outcome = workflow.approve(pipeline, request.user, proposal)
        else:
            outcome = workflow.reject(request.user, proposal, request.POST.get("reason", ""))
        (messages.success if outcome.ok else messages.error)(request, outcome.message)
        problems = outcome.problems
        if outcome.ok:
            return redirect("proposal", region=region, number=proposal.pk)
    _text, now, digest = workflow.current(pipeline, region)
    stale = proposal.state == Proposal.OPEN and digest != proposal.base_digest
    context = {
        "region": region,
        "proposal": proposal,
        "may_decide": proposal.state == Proposal.OPEN and can_decide(request.user, proposal),
        "own": proposal.author_id == request.user.pk,
        "stale": stale,
        "against_now": fields.diff(now, proposal.data) if stale else [],
        "problems": problems,
        "running": proposal.build_state == Proposal.BUILD_RUNNING,
    }
    return render(request, "editor/proposal.html", context, status=409 if stale and request.method == "POST" else 200)


@login_required
def history(request: HttpRequest, region: str) -> HttpResponse:
    region = _region(request, region)
    proposals = Proposal.objects.filter(region=region).select_related("author", "decided_by")
    events = Event.objects.filter(region__in=[region, "*"])[:200]
    return render(request, "editor/history.html", {"region": region, "proposals": proposals, "events": events})


@login_required
def preview_png(request: HttpRequest, region: str, product: str) -> HttpResponse:
    """A preview of the region file as it is now (the page shows these before anything is changed)."""
    region = _region(request, region)
    if product not in PREVIEW_PAGES:
        raise Http404("no such preview")
    pipeline = state.get()
    text, _data, _digest = workflow.current(pipeline, region)
    checked = pipeline.preview(region, text, products=(product,))
    png = checked.previews.get(product)
    if png is None:
        raise Http404("no preview")
    return HttpResponse(png, content_type="image/png")


@login_required
def download(request: HttpRequest, region: str) -> HttpResponse:
    region = _region(request, region)
    name, data = print_zip(state.get(), region)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def download_web(request: HttpRequest, region: str) -> HttpResponse:
    region = _region(request, region)
    made = web_zip(state.get(), region)
    if made is None:
        raise Http404("no web edition yet")
    response = HttpResponse(made[1], content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{made[0]}"'
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "editor/csrf.html", {}, status=403)
