"""Read and validate ``sources/``: settings, shared content per language, national contacts, regions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from generator.inputs.file_names import WINDOWS_RESERVED, folder_not_found, misnamed_message, yaml_files
from generator.inputs.images import ImageProblem, file_inside, kind_of
from generator.inputs.provenance import Translations, read_sidecar, sidecar_path, translations_of
from generator.inputs.source_models import SLUG, Contact, Content, National, Region, Settings, month_age
from generator.inputs.svg_files import read_svg
from generator.inputs.validation import field_path, validate
from generator.inputs.yaml_reader import origin_of, read_yaml, suggest
from generator.problems import Origin, Problem, ProblemsFound

M = TypeVar("M", bound=BaseModel)
Status = Literal["complete", "draft", "invalid"]


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model with the raw YAML it came from (for the line of every value)."""

    model: M
    raw: Any
    file: str  # as shown in messages
    path: Path

    def origin(self, *loc: str | int) -> Origin:
        return origin_of(self.raw, loc, Origin(self.file))


@dataclass(frozen=True)
class RegionEntry:
    id: str
    path: Path
    file: str
    loaded: Loaded[Region] | None
    problems: tuple[Problem, ...]

    @property
    def status(self) -> Status:
        if self.problems or self.loaded is None:
            return "invalid"
        return "draft" if self.loaded.model.draft else "complete"


@dataclass(frozen=True)
class Sources:
    root: Path
    settings: Settings
    national: Loaded[National] | None
    contents: dict[str, Loaded[Content]]
    regions: dict[str, RegionEntry]
    problems: tuple[Problem, ...] = field(default=())  # in shared files (settings, content, national)
    translations: dict[str, Translations] = field(default_factory=dict)  # per language but nl: every key's state

    def all_problems(self) -> list[Problem]:
        out = list(self.problems)
        for entry in self.regions.values():
            out.extend(entry.problems)
        return sorted(out)


def _load(model: type[M], path: Path, problems: list[Problem]) -> Loaded[M] | None:
    shown = str(path)
    try:
        raw = read_yaml(path, shown)
        return Loaded(validate(model, raw, Origin(shown)), raw, shown, path)
    except ProblemsFound as exc:
        problems.extend(exc.problems)
        return None


def load_sources(root: Path, today: date) -> Sources:
    """Read everything under ``root``; never raises for bad content, returns the problems instead."""
    problems: list[Problem] = []
    if not root.is_dir():
        raise ProblemsFound([folder_not_found(root, "sources")])

    settings_path = root / "settings.yaml"
    settings = Settings.model_validate({})
    if settings_path.exists():
        loaded_settings = _load(Settings, settings_path, problems)
        settings = loaded_settings.model if loaded_settings else settings

    contents: dict[str, Loaded[Content]] = {}
    content_files, misnamed = yaml_files(root / "content")
    problems.extend(Problem(Origin(str(path)), "", misnamed_message(path, path.name.split('.', 1)[0].lower())) for path in misnamed)
    for path in content_files:
        if path.name.endswith(".provenance.yaml"):  # a pack's sidecar (inputs/provenance.py), not a pack
            continue
        loaded = _load(Content, path, problems)
        if loaded is None:
            continue
        if loaded.model.lang != path.stem:
            problems.append(
                Problem(loaded.origin("lang"), "lang", f"says '{loaded.model.lang}' but the file is {path.name}; make them match")
            )
            continue
        contents[path.stem] = loaded
    if not contents:
        problems.append(Problem(Origin(str(root / "content")), "", "no content files (content/nl.yaml); nothing to print"))
    problems.extend(_missing_keys(contents))
    for loaded in contents.values():
        problems.extend(_unknown_seeds(root, loaded.model.model_dump(), loaded, ()))

    national_path = root / "national.yaml"
    national = _load(National, national_path, problems)
    if national:
        problems.extend(_unknown_seeds(root, national.model.model_dump(), national, ()))
        problems.extend(_check_contacts(national.model.contacts, national, ("contacts",), settings, today))

    regions: dict[str, RegionEntry] = {}
    region_files, misnamed = yaml_files(root / "regions")
    for path in region_files:
        regions[path.stem] = load_region_file(path, national, settings, today)
    for path in misnamed:  # zeeland.yml, zeeland.YAML: not read, and failing by its name as Zeeland.yaml does
        refused = Problem(Origin(str(path)), "", misnamed_message(path, region_id_for(path.name) or path.stem))
        regions[path.name] = RegionEntry(path.name, path, str(path), None, (refused,))
    if not regions:
        problems.append(Problem(Origin(str(root / "regions")), "", "no region files; add regions/<id>.yaml"))
    translations = _translations(root, contents, national, regions, problems)
    return Sources(root, settings, national, contents, dict(sorted(regions.items())), tuple(problems), translations)


def _translations(
    root: Path,
    contents: dict[str, Loaded[Content]],
    national: Loaded[National] | None,
    regions: dict[str, RegionEntry],
    problems: list[Problem],
) -> dict[str, Translations]:
    """Every key's state per language (inputs/provenance.py). The pack-wide ``reviewed: true`` of
    earlier versions cannot say against which Dutch a text was checked: it is refused."""
    reference = contents.get("nl")
    if reference is None:
        return {}
    loaded_regions = {rid: e.loaded for rid, e in regions.items() if e.loaded is not None}
    out: dict[str, Translations] = {}
    for lang, pack in contents.items():
        if lang == "nl":
            continue
        if pack.model.reviewed:
            problems.append(
                Problem(
                    pack.origin("reviewed"),
                    "reviewed",
                    f"a whole pack can no longer be marked reviewed; reviews are recorded per key in {sidecar_path(root, lang)} "
                    f"(drukwerk translations import FILE --reviewed-by NAME); write reviewed: false",
                )
            )
        path = sidecar_path(root, lang)
        try:
            recorded = read_sidecar(path, str(path))
        except ProblemsFound as exc:
            problems.extend(exc.problems)
            recorded = {}
        out[lang] = translations_of(root, lang, reference, pack, national, loaded_regions, recorded)
    return out


def load_region_file(path: Path, national: Loaded[National] | None, settings: Settings, today: date) -> RegionEntry:
    problems: list[Problem] = []
    if not SLUG.match(path.stem):
        meant = region_id_for(path.name)
        todo = f"rename the file to {meant}.yaml" if meant else "rename the file, e.g. to hart-van-brabant.yaml"
        problems.append(Problem(Origin(str(path)), "", f"the file name is not a region id (lower case, words joined by hyphens); {todo}"))
    elif path.stem in WINDOWS_RESERVED:  # output/<id>/ could not be made there
        problems.append(
            Problem(
                Origin(str(path)),
                "",
                f"'{path.stem}' cannot be a region id: Windows keeps the name for a device, so no folder can have it there; "
                f"rename the file, e.g. to regio-{path.stem}.yaml",
            )
        )
    loaded = _load(Region, path, problems)
    if loaded is not None:
        region = loaded.model
        problems.extend(_check_contacts(region.contacts, loaded, ("contacts",), settings, today))
        problems.extend(_unknown_seeds(path.parent.parent, region.model_dump(), loaded, ()))
        if region.logo:
            problems.extend(_check_logo(region.logo, path.parent.parent / "logos", loaded))
        known = {c.id: c for c in national.model.contacts} if national else {}
        for i, cid in enumerate(region.national):
            if national and cid not in known:
                hint = suggest(cid, list(known)) or f"; known: {', '.join(known)}"
                problems.append(Problem(loaded.origin("national", i), f"national[{i}]", f"unknown national contact '{cid}'{hint}"))
        if not region.draft:
            if not any(c.reachable for c in region.contacts):
                problems.append(
                    Problem(
                        loaded.origin("contacts"),
                        "contacts",
                        "a complete region needs at least one regional contact with a phone number or email; "
                        "add one from a checked source, or set draft: true",
                    )
                )
            for cid, contact in known.items():
                if contact.required and cid not in region.national:
                    problems.append(
                        Problem(loaded.origin("national"), "national", f"'{cid}' is printed for every region; add it to national:")
                    )
    return RegionEntry(path.stem, path, str(path), loaded, tuple(problems))


def _check_logo(logo: str, folder: Path, loaded: Loaded[Region]) -> list[Problem]:
    """A region's logo is a file of its own in sources/logos/, what its name says it is, and, as
    an SVG, nothing active (the web edition publishes it); how it prints is checked where it is placed."""
    if "/" in logo or "\\" in logo:
        return [Problem(loaded.origin("logo"), "logo", f"'{logo}': name a file in {folder} without folders, e.g. logo.svg")]
    try:
        path = file_inside(folder, logo, str(folder))
    except ImageProblem as exc:
        return [Problem(loaded.origin("logo"), "logo", str(exc))]
    try:
        data = path.read_bytes()
        if kind_of(path.name, data) == "SVG":
            read_svg(data)
    except ImageProblem as exc:
        return [Problem(loaded.origin("logo"), "logo", f"{path} {exc}")]
    except OSError as exc:
        return [Problem(loaded.origin("logo"), "logo", f"{path} cannot be read ({exc.strerror})")]
    return []


def _check_contacts(
    contacts: Sequence[Contact], loaded: Loaded[Any], loc: tuple[str, ...], settings: Settings, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    limit = settings.verified_max_age_months
    for i, contact in enumerate(contacts):
        where = f"{'.'.join(loc)}[{i}]"
        if contact.id in seen:
            problems.append(Problem(loaded.origin(*loc, i, "id"), f"{where}.id", f"'{contact.id}' is used twice; ids must be unique"))
        seen.add(contact.id)
        if contact.verified > today:
            problems.append(
                Problem(
                    loaded.origin(*loc, i, "verified"),
                    f"{where}.verified",
                    f"{contact.verified} is in the future; use the day you checked the contact",
                )
            )
        elif month_age(contact.verified, today) >= limit:
            problems.append(
                Problem(
                    loaded.origin(*loc, i, "verified"),
                    f"{where}.verified",
                    f"verified {contact.verified}, more than {limit} months ago; check the contact against its source and update the date",
                )
            )
        if not (contact.phone or contact.email or contact.web):
            problems.append(
                Problem(loaded.origin(*loc, i), where, "has no phone, email or web address; add one from the source or remove the contact")
            )
    return problems


def _missing_keys(contents: dict[str, Loaded[Content]]) -> list[Problem]:
    """Other language packs must have every list item that ``nl`` has, so layouts fit the same."""
    reference = contents.get("nl")
    if reference is None:
        return []
    problems: list[Problem] = []
    for lang, loaded in contents.items():
        if lang == "nl":
            continue
        ref_groups = reference.model.signals.model_dump()
        for name, group in loaded.model.signals.model_dump().items():
            if len(group["items"]) != len(ref_groups[name]["items"]):
                problems.append(
                    Problem(
                        loaded.origin("signals", name, "items"),
                        f"signals.{name}.items",
                        f"{len(group['items'])} items, nl has {len(ref_groups[name]['items'])}; translate every item",
                    )
                )
    return problems


def _unknown_seeds(root: Path, data: Any, loaded: Loaded[Any], loc: tuple[str | int, ...]) -> list[Problem]:
    """Every ``source`` that names a seed document (``*.txt``) must name one in sources/seeds/."""
    problems: list[Problem] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "source" and isinstance(value, str):
                for name in (part.strip() for part in value.split(";")):
                    if name.endswith(".txt") and "/" not in name and not (root / "seeds" / name).is_file():
                        field = field_path((*loc, key))
                        problems.append(
                            Problem(
                                loaded.origin(*loc, key),
                                field,
                                f"'{name}' is not in {root / 'seeds'}; name a seed document or a web address",
                            )
                        )
            else:
                problems.extend(_unknown_seeds(root, value, loaded, (*loc, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            problems.extend(_unknown_seeds(root, value, loaded, (*loc, i)))
    return problems


def region_id_for(file_name: str) -> str:
    """The id a region file name was meant as: 'Hart van Brabant.YAML' -> 'hart-van-brabant'."""
    stem = file_name.split(".", 1)[0]
    plain = "".join(c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def unknown_region(region: str, sources: Sources) -> str:
    """The message for ``--region`` naming no region file: a file of another name that means it
    (Zeeland.yaml, zeeland.yml) must be renamed; following a "did you mean 'Zeeland'" would not help."""
    folder = sources.root / "regions"
    wanted = region_id_for(region)
    misnamed = sorted(p for p in folder.iterdir() if p.is_file() and region_id_for(p.name) == wanted) if folder.is_dir() else []
    if wanted and misnamed:
        name = misnamed[0].name
        why = "only .yaml files are read" if name.split(".", 1)[0] == wanted else "region ids are lower case, words joined by hyphens"
        return f"unknown region '{region}': its file is named {name}; rename it to {wanted}.yaml ({why})"
    valid = sorted(rid for rid in sources.regions if SLUG.match(rid))
    return f"unknown region '{region}'{suggest(region, valid)}; see drukwerk regions"
