"""Reading an SVG file safely: every SVG the tool reads (a region's logo, a layout's picture, a
pictogram, a picture of the web edition) goes through :func:`read_svg`.

An SVG is an XML document a browser runs like a web page: served from an organisation's site,
a logo with a script or an ``onload=`` runs as that site. And an XML parser can be made to read
other files (an external entity ``<!ENTITY x SYSTEM "file:///…">``) or to fetch from the network.
So the parser here expands no entity, loads no DTD and never uses the network, and a file that
holds anything active is refused with what to do: a script, an event handler (``on…=``), HTML
inside the drawing (``<foreignObject>``), an animation (which can change a link into a script),
a link, a style sheet it loads, a reference to another file or address, or a
DOCTYPE with declarations of its own (entities). A logo is a drawing: none of these is needed
to draw it, so a refusal costs nothing but exporting it again.

What prints (text, raster images, gradients, transparency) is checked where the drawing is
made (``compose/graphics.py``); this module only decides what is safe to read.
"""

from __future__ import annotations

import re
from typing import Any

from generator.inputs.images import ImageProblem

__all__ = ["read_svg", "svg_problem"]

_XLINK = "{http://www.w3.org/1999/xlink}href"
# Elements that run, embed or load something; none draws a logo.
_ACTIVE = {
    "script": "a script (<script>)",
    "foreignObject": "HTML inside the drawing (<foreignObject>)",
    "iframe": "an embedded page (<iframe>)",
    "embed": "an embedded object (<embed>)",
    "object": "an embedded object (<object>)",
    "handler": "an event handler (<handler>)",
    "listener": "an event listener (<listener>)",
    "a": "a link (<a>)",
    "animate": "an animation (<animate>)",
    "set": "an animation (<set>)",
    "animateMotion": "an animation (<animateMotion>)",
    "animateTransform": "an animation (<animateTransform>)",
    "animateColor": "an animation (<animateColor>)",
    "discard": "an animation (<discard>)",
}
_PLAIN_SVG = "save it again as plain SVG of paths only (in Inkscape: Save As, Plain SVG)"
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def read_svg(data: bytes, what: str = "SVG file") -> Any:
    """The root element of ``data``, parsed without entities, DTD or network; ``ImageProblem``
    when it is not well-formed SVG or holds anything active (see the module's text)."""
    from lxml import etree

    parser = etree.XMLParser(
        remove_comments=True,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        attribute_defaults=False,
        dtd_validation=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImageProblem(f"is not a valid {what} (line {exc.lineno}: {exc.msg}); export it again") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
        raise ImageProblem("is not an SVG file (its first element is not <svg>); export it again as SVG")
    problem = svg_problem(root, data)
    if problem:
        raise ImageProblem(problem)
    return root


def svg_problem(root: Any, data: bytes) -> str:
    """Why the parsed SVG ``root`` (of the file ``data``) is refused, or ''."""
    from lxml import etree

    internal = root.getroottree().docinfo.internalDTD
    entities = [entity.name for entity in internal.iterentities()] if internal is not None else []
    if entities:
        return (
            f"declares entities in its DOCTYPE (<!ENTITY {entities[0]} …>), which can make a reader open other files; "
            f"remove the DOCTYPE's [ … ] part, or {_PLAIN_SVG}"
        )
    if _INTERNAL_SUBSET.search(data[:65536]):
        return f"has declarations of its own in its DOCTYPE ([ … ]); remove that part of the DOCTYPE, or {_PLAIN_SVG}"
    for node in _all_nodes(root):
        if isinstance(node, etree._ProcessingInstruction) and node.target.lower() == "xml-stylesheet":
            return f"loads a style sheet (<?xml-stylesheet …?>); remove that line, or {_PLAIN_SVG}"
        if isinstance(node, etree._Entity):
            return f"uses an entity (&{node.name};) it cannot have; write the text itself, or {_PLAIN_SVG}"
        if not isinstance(node.tag, str):
            continue
        name = etree.QName(node).localname
        if name == "image":  # a file it loads, or pixels the press cannot convert: either way not a drawing
            return "holds a raster image; use that image as a PNG file, or an SVG of paths only"
        if name in _ACTIVE:
            return f"holds {_ACTIVE[name]}, which a browser would run or follow; a picture needs none: remove it, or {_PLAIN_SVG}"
        for attr, value in node.attrib.items():
            local = etree.QName(attr).localname
            if local.lower().startswith("on"):
                return (
                    f"has an event handler ({local}= on <{name}>), which a browser would run as a script; "
                    f"remove the attribute, or {_PLAIN_SVG}"
                )
            if attr in (_XLINK, "href") and not _inside(value):
                return f"refers to another file ({value.strip()[:60]}); put everything in the one SVG file"
        css = (node.get("style") or "") + (node.text or "" if name == "style" else "")
        if "@import" in css.lower():
            return f"imports a style sheet (@import); write the colours on the shapes, or {_PLAIN_SVG}"
        for attr in ("style", "fill", "stroke", "clip-path", "mask", "filter", "marker-start", "marker-mid", "marker-end"):
            for target in _CSS_URL.findall(node.get(attr) or ""):
                if not target.startswith("#"):
                    return f"refers to another file ({target[:60]}); put everything in the one SVG file"
        if name == "style":
            for target in _CSS_URL.findall(node.text or ""):
                if not target.startswith("#"):
                    return f"refers to another file ({target[:60]}); put everything in the one SVG file"
    return ""


def _all_nodes(root: Any) -> list[Any]:
    """Every node of the document: the root's tree and what stands before and after it."""
    nodes: list[Any] = []
    sibling = root.getprevious()
    while sibling is not None:
        nodes.append(sibling)
        sibling = sibling.getprevious()
    nodes.extend(root.iter())
    sibling = root.getnext()
    while sibling is not None:
        nodes.append(sibling)
        sibling = sibling.getnext()
    return nodes


def _inside(href: str) -> bool:
    """A reference into the same file (``#id``)."""
    return href.strip().startswith("#")
