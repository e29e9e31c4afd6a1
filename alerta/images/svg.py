"""SVG images pass through unchanged once checked: no script, no event handler,
no javascript:, no <foreignObject>, no reference to anything outside the file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from alerta.config import ROOT, relative_name
from alerta.images.settings import ImageError, image_error
from alerta.problems import Problem, say

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
    fix = say(
        "expórtelo de nuevo como dibujo simple, sin eso (Inkscape: Guardar como «SVG plano» u «SVG optimizado»)",
        "re-export it as a plain drawing without it (Inkscape: Save as 'Plain SVG' or 'Optimized SVG')",
    )

    def bad(es: str, en: str, how=fix) -> ImageError:
        return image_error(rel, say(es, en), how)

    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise bad("no se encuentra la imagen", "image not found", say("revise el nombre", "check the name")) from None
        except UnicodeDecodeError:
            raise bad("no es un archivo SVG de texto (UTF-8)", "not a text SVG file (not UTF-8)", say("expórtelo de nuevo como SVG simple", "export it again as plain SVG")) from None
    lowered = text.lower()
    if "<!entity" in lowered or re.search(r"<!doctype[^>]*\[", lowered):
        raise bad("el SVG declara entidades (<!ENTITY>), que pueden esconder referencias o crecer sin límite", "SVG declares entities (<!ENTITY>), which can hide references or expand without limit")
    if "<script" in lowered:
        raise bad("el SVG tiene un <script>: las imágenes no pueden ejecutar programas", "SVG contains a <script>: images must not run code")
    try:
        tree = ET.fromstring(text)
    except ET.ParseError as exc:
        raise bad(f"el SVG está mal formado ({exc})", f"not a well-formed SVG ({exc})", say("expórtelo de nuevo", "export it again")) from None
    if _local(tree.tag) != "svg":
        raise bad(f"no es un SVG (el primer elemento es <{_local(tree.tag)}>)", f"not an SVG (the top element is <{_local(tree.tag)}>)", say("expórtelo de nuevo como SVG", "export it again as SVG"))
    for el in tree.iter():
        tag = _local(el.tag)
        if tag == "script":
            raise bad("el SVG tiene un <script>: las imágenes no pueden ejecutar programas", "SVG contains a <script>: images must not run code")
        if tag == "foreignobject":
            raise bad("el SVG tiene un <foreignObject> (HTML dentro del dibujo)", "SVG contains a <foreignObject> (embedded HTML)")
        if tag in ("animate", "set") and _local(el.get("attributeName", "")) in ("href", "src"):
            raise bad(f"el <{tag}> del SVG cambia un enlace", f"SVG <{tag}> changes a link (attributeName=\"{el.get('attributeName')}\")")
        for name, value in el.attrib.items():
            attr = _local(name)
            if attr.startswith("on"):
                raise bad(f"el elemento <{tag}> del SVG tiene un atributo {attr}=: las imágenes no pueden ejecutar programas", f"SVG element <{tag}> has an event handler '{attr}=': images must not run code")
            squeezed = re.sub(r"\s+", "", value).lower()
            if "javascript:" in squeezed:
                raise bad("el SVG tiene un enlace 'javascript:'", "SVG contains a 'javascript:' link")
            if attr in ("href", "src") and not value.strip().startswith("#"):
                kind_es = "una referencia a otro sitio" if _external(value) else ("un archivo escondido (data:)" if squeezed.startswith("data:") else "una referencia a otro archivo")
                kind_en = "an external reference" if _external(value) else ("an embedded file (data:)" if squeezed.startswith("data:") else "a reference to another file")
                raise bad(f"el <{tag}> del SVG tiene {kind_es} ({value[:60]}): debe ser un solo dibujo completo", f"SVG <{tag}> has {kind_en} ({value[:60]}): it must be one self-contained drawing")
            for url in _URL.findall(value):
                if url and not url.startswith("#"):
                    raise bad(f"el SVG tiene una referencia externa url({url[:60]})", f"SVG has an external reference url({url[:60]})")
        if tag == "style" and el.text:
            if _IMPORT.search(el.text):
                raise bad("el estilo del SVG tiene un @import (una referencia externa)", "SVG style has an @import (an external reference)")
            for url in _URL.findall(el.text):
                if url and not url.startswith("#"):
                    raise bad(f"el SVG tiene una referencia externa url({url[:60]})", f"SVG has an external reference url({url[:60]})")
    if "javascript:" in re.sub(r"\s+", "", lowered):
        raise bad("el SVG contiene 'javascript:'", "SVG contains 'javascript:'")
    return svg_size(tree)


def svg_warnings(path: Path, root: Path = ROOT) -> list[Problem]:
    """Editor metadata that may hold a person's name or a folder path."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    found = [m for m in _EDITOR_METADATA if m in text]
    if found:
        return [
            Problem(
                relative_name(path, root),
                0,
                say(f"el SVG guarda datos del programa de dibujo ({', '.join(found)}) que pueden tener un nombre o una carpeta", f"SVG keeps editor metadata ({', '.join(found)}) that may hold a name or a folder path"),
                say("expórtelo como «SVG optimizado»", "export it as 'Optimized SVG'"),
                level="warning",
            )
        ]
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
