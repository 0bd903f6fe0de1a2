"""Clean an SVG of everything but the drawing.

Editors store a lot in an SVG that nobody sees: ``<metadata>`` with RDF/XMP (author,
licence, sometimes GPS), comments, and their own data in private namespaces (Inkscape's
``inkscape:export-filename="/home/you/..."``, ``sodipodi:docname``, Illustrator's
``i:pgf`` blob, Sketch, Figma...). We keep only elements and attributes in the
namespaces a browser draws (SVG, XLink, XHTML and MathML inside ``foreignObject``,
``xml:``), drop comments, processing instructions other than stylesheets, the DOCTYPE
and ``<metadata>``, and clean raster images embedded as ``data:`` URIs like any photo.
"""

from __future__ import annotations

import base64
import binascii
import re

from .jpeg import StripError
from .strip import strip_image

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XMLNS_NS = "http://www.w3.org/2000/xmlns/"
_DRAWN = {None, SVG_NS, "http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML"}
_ATTRIBUTE_NS = {None, XLINK_NS, XML_NS}
_DECLARED = (_DRAWN - {None}) | {XLINK_NS}  # xmlns declarations worth keeping
_DATA_URI = re.compile(r"\s*data:image/(jpeg|png|webp|gif);base64,(.*)", re.S | re.I)
_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}


def _clean_data_uri(value: str) -> str:
    """A ``data:image/...;base64,`` URI with the image inside it stripped."""
    found = _DATA_URI.match(value)
    if not found:
        raise StripError(
            "it embeds data buildlog cannot clean (a data: URI that is not a "
            "JPEG, PNG, WebP or GIF image)"
        )
    kind, payload = found.group(1).lower(), re.sub(r"\s+", "", found.group(2))
    try:
        clean = strip_image(base64.b64decode(payload, validate=True), _FORMATS[kind])
    except (binascii.Error, ValueError) as error:
        raise StripError(f"an embedded {kind} image is damaged ({error})") from None
    return f"data:image/{kind};base64," + base64.b64encode(clean).decode("ascii")


def _clean_attributes(element) -> None:
    attributes = element.attributes
    for attr in [attributes.item(i) for i in range(attributes.length)]:
        declared = attr.namespaceURI == XMLNS_NS
        if declared and attr.value in _DECLARED:
            continue
        if declared or attr.namespaceURI not in _ATTRIBUTE_NS:
            element.removeAttributeNode(attr)
        elif attr.localName == "href" and attr.value.lstrip().startswith("data:"):
            attr.value = _clean_data_uri(attr.value)


def _clean(node) -> None:
    for child in list(node.childNodes):
        kind = child.nodeType
        drop = kind in (child.COMMENT_NODE, child.DOCUMENT_TYPE_NODE) or (
            kind == child.PROCESSING_INSTRUCTION_NODE and child.target != "xml-stylesheet"
        )
        if kind == child.ELEMENT_NODE:
            drop = child.namespaceURI not in _DRAWN or child.localName == "metadata"
        if drop:
            node.removeChild(child).unlink()
        elif kind == child.ELEMENT_NODE:
            _clean_attributes(child)
            _clean(child)


def clean_svg(data: bytes) -> bytes:
    """The drawing without metadata; StripError (with the reason) if it cannot be read."""
    from xml.dom import minidom  # only for an SVG photo, once in its life
    from xml.parsers.expat import ExpatError

    try:
        document = minidom.parseString(data)
    except (ExpatError, ValueError) as error:
        raise StripError(f"is not well-formed SVG ({error})") from None
    root = document.documentElement
    if root is None or root.localName != "svg":
        raise StripError("is not an SVG drawing (its root element is not <svg>)")
    _clean(document)
    return document.toxml(encoding="utf-8")
