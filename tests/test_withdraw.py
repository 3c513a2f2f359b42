"""A region switched to draft, or deleted, leaves no sendable file behind."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest


def _rows(out: Path) -> dict[str, dict]:
    return {row["path"]: row for row in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]}


def _make_draft(project: Path, region: str) -> None:
    path = project / "sources" / "regions" / f"{region}.yaml"
    path.write_text("draft: true\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def test_a_region_made_a_draft_is_withdrawn_by_the_next_full_build(
    project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "output"
    assert build_in("--log") == 0
    utrecht = sorted(p for p in _rows(out) if p.startswith("utrecht/"))
    assert len(utrecht) == 8 and all((out / p).exists() for p in utrecht)
    assert list((out / "utrecht" / "thumbs").glob("*.jpg"))
    _make_draft(project, "utrecht")
    capsys.readouterr()

    assert build_in("--region", "hart-van-brabant") == 0  # a run for another region leaves utrecht alone
    assert all((out / p).exists() for p in utrecht) and set(utrecht) <= set(_rows(out))

    assert build_in() == 0
    stdout = capsys.readouterr().out
    notices = [line for line in stdout.splitlines() if line.startswith("notice: utrecht:")]
    region_file = project / "sources/regions/utrecht.yaml"
    assert f"notice: {region_file}: draft, left out; build it with --region utrecht to get a proof marked CONCEPT" in stdout.splitlines()
    assert [n for n in notices if "withdrawn" in n] == [
        f"notice: utrecht: it is a draft now, so its 8 print-ready file(s) were withdrawn from {out} with their manifest rows",
        f"notice: utrecht: it is a draft now, so its 1 web page(s) were withdrawn from {out} with their manifest rows",
    ]
    rows = _rows(out)
    assert not any(p.startswith("utrecht/") for p in rows)
    assert not any((out / "utrecht").glob("*.pdf")) and not any((out / "utrecht").glob("*.layout.txt"))
    assert not list((out / "utrecht" / "thumbs").glob("*.jpg"))
    assert len([p for p in rows if p.startswith("hart-van-brabant/")]) == 6  # the rest untouched
    overview = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="utrecht"' in overview and 'class="status draft">draft<' in overview.split('id="utrecht"')[1][:200]
    assert "utrecht/utrecht_" not in overview  # no link to a withdrawn file
    # Asked for by name, the draft is built again, marked CONCEPT, and that file stays.
    assert build_in("--region", "utrecht", "--product", "pocket-card") == 0
    assert build_in() == 0
    assert all(row["draft"] for p, row in _rows(out).items() if p.startswith("utrecht/"))
    assert (out / "utrecht" / "utrecht_pocket-card_nl_press.pdf").exists()


def test_a_deleted_region_is_withdrawn(project: Path, build_in: Callable[..., int], capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "output"
    assert build_in() == 0
    (project / "sources" / "regions" / "hart-van-brabant.yaml").unlink()
    capsys.readouterr()
    assert build_in() == 0
    assert "notice: hart-van-brabant: its region file is gone, so its 6 print-ready file(s) were withdrawn" in capsys.readouterr().out
    assert not any(p.startswith("hart-van-brabant/") for p in _rows(out))
    assert not list((out / "hart-van-brabant").glob("*.pdf")) and not (out / "hart-van-brabant" / "index.html").exists()
    assert "hart-van-brabant" not in (out / "index.html").read_text(encoding="utf-8")
