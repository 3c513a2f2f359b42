"""The house: what is shared between regions follows from the data, reuse can be switched off
without changing a byte, the repository's own files validate, and the command's last resort."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.batch.request import Request
from generator.batch.run import run_build
from generator.blocktext.templating import Located
from generator.compose import context
from generator.inputs.sources import RegionEntry, Sources
from generator.problems import Origin
from generator.warm import NO_REUSE, Cache, WarmState
from tests.conftest import ROOT, TODAY, run

KEY_MESSAGE = '            text: "{{ content.card.key_message }}"\n'


def _request(project: Path, out: str, **extra: Any) -> Request:
    from datetime import date

    return Request(sources=project / "sources", layouts=project / "layouts", out=project / out, today=date.fromisoformat(TODAY), **extra)


def test_a_new_per_region_name_in_a_shared_panel_prints_each_regions_own_text(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The card front names nothing of the region, so it is laid out once and shared; a name
    added to the per-region part of the context makes it per region, with no list to keep."""
    own = context.region_names

    def with_motto(sources: Sources, entry: RegionEntry, lang: str, words: Any = None) -> dict[str, Any]:
        return {**own(sources, entry, lang, words), "motto": Located(f"Motto van {entry.id}", Origin(str(entry.path)), "motto")}

    monkeypatch.setattr(context, "region_names", with_motto)
    card = project / "layouts" / "pocket-card.yaml"
    text = card.read_text(encoding="utf-8")
    assert text.count(KEY_MESSAGE) == 1
    # the motto in place of the key message: the front panel is full (issue #21 put the lead contact above it)
    card.write_text(text.replace(KEY_MESSAGE, '            text: "{{ motto }}"\n'), encoding="utf-8")
    request = _request(project, "output", products=("pocket-card",), mode="press")
    report = run_build(request, WarmState())  # one process, both regions: the shared panel cache is in play
    assert not report.failed and len(report.built) == 2
    for region in ("utrecht", "hart-van-brabant"):
        front = PdfReader(project / "output" / region / f"{region}_pocket-card_nl_press.pdf").pages[0].extract_text()
        assert f"Motto van {region}" in front and front.count("Motto van") == 1


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.pdf"))}


def test_reuse_off_gives_the_same_bytes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warm = WarmState(reuse=True)
    run_build(_request(project, "warm", proof=False), warm)
    run_build(_request(project, "warm", proof=False, force=True), warm)  # the second build takes everything from the caches
    monkeypatch.setenv(NO_REUSE, "1")
    cold = WarmState()
    assert not cold.reuse
    report = run_build(_request(project, "cold", proof=False), cold)
    assert not report.failed and len(cold.typesetters) == 0 and len(cold.fonts) == 0
    warm_files, cold_files = _digests(project / "warm"), _digests(project / "cold")
    assert len(warm_files) == 14 and warm_files == cold_files


def test_cache_keeps_at_most_its_limit_dropping_the_oldest() -> None:
    cache: Cache[str, int] = Cache(2)
    for i, key in enumerate("abc"):
        cache.put(key, i)
    assert "a" not in cache and cache.get("b") == 1 and cache.get("c") == 2 and len(cache) == 2
    assert cache.get_or_make("d", lambda: 3) == 3 and "b" not in cache
    off: Cache[str, int] = Cache(0)
    assert off.put("a", 1) == 1 and len(off) == 0 and off.get_or_make("a", lambda: 2) == 2


def test_a_new_build_drops_what_region_files_made_and_keeps_the_rest() -> None:
    warm = WarmState(reuse=True)
    warm.region_panels.put("panel", 1)
    warm.region_contexts.put("context", 1)
    warm.shared_panels.put("panel", 1)
    warm.new_build()
    assert len(warm.region_panels) == 0 and len(warm.region_contexts) == 0 and len(warm.shared_panels) == 1


def test_the_repositorys_own_sources_and_layouts_validate(capsys: pytest.CaptureFixture[str]) -> None:
    """Every region (drafts too), every language pack, every layout and product and mode."""
    assert run("validate", "--sources", str(ROOT / "sources"), "--layouts", str(ROOT / "layouts")) == 0
    out = capsys.readouterr().out
    packs = len([p for p in (ROOT / "sources" / "content").glob("*.yaml") if not p.name.endswith(".provenance.yaml")])
    assert out.startswith("ok: ") and f"{packs} language(s)" in out


def test_layouts_that_extend_each_other_in_a_circle_are_an_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layouts = project / "layouts"
    (layouts / "ring-a.yaml").write_text("extends: ring-b\n", encoding="utf-8")
    (layouts / "ring-b.yaml").write_text("extends: ring-a\n", encoding="utf-8")
    assert run("validate", "--sources", str(project / "sources"), "--layouts", str(layouts)) == 1
    err = capsys.readouterr().err
    assert "extends: layouts extend each other in a circle: ring-a -> ring-b -> ring-a" in err
    assert "Traceback" not in err and "internal error" not in err


def test_the_last_resort_is_one_line_and_exit_1(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A bug (not bad input) still ends in one line that says what to do, never a traceback."""
    from generator.batch import run as build_run

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the tool")

    monkeypatch.setattr(build_run, "_run_locked", broken)
    args = ("build", "--sources", str(project / "sources"), "--layouts", str(project / "layouts"), "--out", str(project / "out"))
    assert run(*args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["drukwerk: internal error (RuntimeError: a bug in the tool); please report it, with DRUKWERK_DEBUG=1 output"]
    monkeypatch.setenv("DRUKWERK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run(*args)


def test_the_code_digest_covers_every_module_of_every_subpackage(tmp_path: Path) -> None:
    from generator.store.stamp import NOT_OUTPUT_CODE, code_digest, package_digest

    package = ROOT / "generator"
    assert code_digest() == package_digest(package)
    copy = tmp_path / "generator"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = package_digest(copy)
    modules = sorted(p.relative_to(copy) for p in copy.rglob("*.py"))
    assert len([m for m in modules if len(m.parts) > 1]) > 20  # the subpackages' modules
    for module in modules:
        path = copy / module
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        if module.parts[0] in NOT_OUTPUT_CODE:  # the editor and the translators' commands make no output
            assert package_digest(copy) == before, module
        else:
            assert package_digest(copy) != before, module
        path.write_bytes(original)
    assert package_digest(copy) == before
