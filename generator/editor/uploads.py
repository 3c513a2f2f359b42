"""A logo uploaded in the browser: checked by its content like ``logo:`` in a region file (PNG,
JPEG or SVG, its name's ending matching what it is), no larger than a logo needs to be, and for
SVG without active content (scripts, event handlers, embedded HTML): the web edition copies the
logo beside its page, where a browser opening the file would run them. The drawing checks
(no text, no raster images, flat colours) follow when the preview is made."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from generator.editor.pipeline import ImageProblem, kind_of

__all__ = ["LOGO_LIMIT", "checked_logo"]

LOGO_LIMIT = 1_000_000  # bytes: a logo for print, not a photo


def checked_logo(region: str, name: str, data: bytes) -> tuple[str, bytes]:
    """The name the logo gets in sources/logos/ (``<region>-logo.<ext>``, never the uploader's) and its bytes."""
    if len(data) > LOGO_LIMIT:
        raise ImageProblem(_("het bestand is groter dan 1 MB; sla het kleiner op (een logo voor drukwerk)"))
    suffix = PurePosixPath(name).suffix.lower()
    try:
        kind = kind_of(f"logo{suffix}", data)
    except ImageProblem as exc:
        raise ImageProblem(f"'{name}' {exc}") from None
    if kind == "SVG":
        _no_active_content(name, data)
    return f"{region}-logo{'.jpg' if kind == 'JPEG' else suffix}", data


def _no_active_content(name: str, data: bytes) -> None:
    from lxml import etree

    parser = etree.XMLParser(remove_comments=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return  # not well-formed: the drawing check says so, in the words of drukwerk validate
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        if tag in ("script", "foreignObject", "iframe", "embed", "object"):
            raise ImageProblem(_("'%(name)s' bevat <%(tag)s>; een logo is alleen een tekening") % {"name": name, "tag": tag})
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname.lower()
            if local.startswith("on") or value.strip().lower().startswith(("javascript:", "data:text/html")):
                raise ImageProblem(
                    _("'%(name)s' bevat een script (%(attr)s); een logo is alleen een tekening") % {"name": name, "attr": local}
                )
