"""SVG images pass through unchanged once checked: no script, no event handler,
no javascript:, no <foreignObject>, no reference to anything outside the file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from alerta.config import ROOT, relative_name
from alerta.images.settings import ImageError

SVG_SUFFIX = ".svg"
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
_IMPORT = re.compile(r"@import", re.I)
_EDITOR_METADATA = ("sodipodi:docname", "inkscape:export-filename", "<metadata", "adobe:")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _external(value: str) -> bool:
    v = re.sub(r"\s+", "", value).lower()
    return v.startswith(("http:", "https:", "//", "ftp:", "file:"))


def check_svg(path: Path, root: Path = ROOT, text: str | None = None) -> tuple[int, int] | None:
    """Reject an SVG that could run code or fetch anything; return its size (viewBox)."""
    path = Path(path)
    rel = relative_name(path, root)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ImageError(f"{rel}: image not found.") from None
        except UnicodeDecodeError:
            raise ImageError(f"{rel}: not a text SVG file (not UTF-8). Export it again as plain SVG.") from None
    fix = "Re-export it as a plain drawing (Inkscape: Save as 'Plain SVG' or 'Optimized SVG') without it."
    lowered = text.lower()
    if "<!entity" in lowered or re.search(r"<!doctype[^>]*\[", lowered):
        raise ImageError(f"{rel}: SVG declares entities (<!ENTITY>), which can hide references or expand without limit. {fix}")
    if "<script" in lowered:
        raise ImageError(f"{rel}: SVG contains a <script>: images must not run code. {fix}")
    try:
        tree = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ImageError(f"{rel}: not a well-formed SVG ({exc}). Export it again.") from None
    if _local(tree.tag) != "svg":
        raise ImageError(f"{rel}: not an SVG (the top element is <{_local(tree.tag)}>).")
    for el in tree.iter():
        tag = _local(el.tag)
        if tag == "script":
            raise ImageError(f"{rel}: SVG contains a <script>: images must not run code. {fix}")
        if tag == "foreignobject":
            raise ImageError(f"{rel}: SVG contains a <foreignObject> (embedded HTML). {fix}")
        if tag in ("animate", "set") and _local(el.get("attributeName", "")) in ("href", "src"):
            raise ImageError(f"{rel}: SVG <{tag}> changes a link (attributeName=\"{el.get('attributeName')}\"). {fix}")
        for name, value in el.attrib.items():
            attr = _local(name)
            if attr.startswith("on"):
                raise ImageError(f"{rel}: SVG element <{tag}> has an event handler '{attr}=': images must not run code. {fix}")
            squeezed = re.sub(r"\s+", "", value).lower()
            if "javascript:" in squeezed:
                raise ImageError(f"{rel}: SVG contains a 'javascript:' link. {fix}")
            if attr in ("href", "src") and not value.strip().startswith("#"):
                kind = "an external reference" if _external(value) else ("an embedded file (data:)" if squeezed.startswith("data:") else "a reference to another file")
                raise ImageError(f"{rel}: SVG <{tag}> has {kind} ({value[:60]}): it must be one self-contained drawing. {fix}")
            for url in _URL.findall(value):
                if url and not url.startswith("#"):
                    raise ImageError(f"{rel}: SVG has an external reference url({url[:60]}). {fix}")
        if tag == "style" and el.text:
            if _IMPORT.search(el.text):
                raise ImageError(f"{rel}: SVG style has an @import (an external reference). {fix}")
            for url in _URL.findall(el.text):
                if url and not url.startswith("#"):
                    raise ImageError(f"{rel}: SVG has an external reference url({url[:60]}). {fix}")
    if "javascript:" in re.sub(r"\s+", "", lowered):
        raise ImageError(f"{rel}: SVG contains 'javascript:'. {fix}")
    return svg_size(tree)


def svg_warnings(path: Path, root: Path = ROOT) -> list[str]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    found = [m for m in _EDITOR_METADATA if m in text]
    if found:
        return [f"{relative_name(path, root)}: SVG keeps editor metadata ({', '.join(found)}) that may hold a name or a folder path; export it as 'Optimized SVG'."]
    return []


def svg_size(tree: ET.Element) -> tuple[int, int] | None:
    """Width and height from the viewBox, else from width/height in px."""
    box = tree.get("viewBox")
    if box:
        parts = re.split(r"[\s,]+", box.strip())
        try:
            w, h = float(parts[2]), float(parts[3])
            if w > 0 and h > 0:
                return round(w), round(h)
        except (IndexError, ValueError):
            pass
    try:
        w = float(re.sub(r"px$", "", tree.get("width", "")))
        h = float(re.sub(r"px$", "", tree.get("height", "")))
        return round(w), round(h)
    except ValueError:
        return None
