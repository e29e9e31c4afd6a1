"""Publish a site's images as their small variants, and point every page at them.

The build (hooks/images.py) hands this class its events: the docs folder
before the build, the site's files, each page's HTML. It keeps what it
learnt between builds (`mkdocs serve`), so only new or changed pictures are
processed again. Each <img> of a page becomes a <picture> with WebP and a
JPEG/PNG fallback, srcset, sizes, width and height, lazy loading below the
fold; SVG images and the header logo only get width and height.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from mkdocs.utils import get_relative_url

from alerta.html import Edit, Element, Text, apply_edits, classes, parse, start_tag, start_tag_span
from alerta.images.cache import Cache
from alerta.images.raster import ImageResult, is_raster, process_many
from alerta.images.settings import ImageError, Settings
from alerta.images.svg import SVG_SUFFIX, check_svg, svg_warnings
from alerta.media import Kept
from alerta.problems import Problem

# The first image of a page loads at once (it is probably on the first
# screen) when fewer than this many characters of text come before it in the
# page's content; every other image gets loading="lazy" decoding="async".
EAGER_TEXT_CHARS = 300
# Only these parts of a page hold images or links to them. Parsing only them
# keeps the build linear in pages: the navigation, which every page repeats
# and which grows with the site, is never parsed.
REGIONS = (("<header", "</header>"), ('<article class="md-content__inner', "</article>"))


@dataclass
class ImagePublisher(Kept):
    """The image state of a site across its language builds (and `mkdocs serve` rebuilds); results: ImageResult by source path."""

    settings: Settings = field(default_factory=Settings)
    svgs: dict[Path, tuple[int, int] | None] = field(default_factory=dict)
    warned: set[Problem] = field(default_factory=set)
    by_dest: dict[str, ImageResult] = field(default_factory=dict)  # site path of an original -> its result (this build)
    variant_dest: dict[tuple[str, str], str] = field(default_factory=dict)  # (original dest, variant name) -> site path
    svg_by_dest: dict[str, tuple[int, int] | None] = field(default_factory=dict)

    def prepare(self, docs: Path) -> list[Problem]:
        """Process every raster (or take it from the cache) and check every SVG; return new warnings.

        Raises ImageError with every bad image.
        """
        docs = Path(docs).resolve()
        cache = Cache(self.settings.cache_path(self.root))
        rasters, todo, warnings, errors = [], [], [], []
        # Symlinks are refused by the publishing check; never read what they point to.
        for path in sorted(p for p in docs.rglob("*") if p.is_file() and not p.is_symlink()):
            if is_raster(path):
                rasters.append(path)
                if self.stale(path, lambda known: [v.path for v in known.variants]):
                    todo.append(path)
            elif path.suffix.lower() == SVG_SUFFIX:
                try:
                    self.svgs[path] = check_svg(path, self.root)
                except ImageError as exc:
                    errors += exc.problems
                    continue
                warnings += svg_warnings(path, self.root)
        results, failed = process_many(todo, self.settings, cache, self.root)
        if errors + failed:
            raise ImageError(errors + failed)
        self.keep(rasters, results)
        for path in rasters:
            warnings += self.results[path].warnings
        fresh = [w for w in warnings if w not in self.warned]
        self.warned.update(fresh)
        return fresh

    def map_files(self, files: list[tuple[str, Path | None]]) -> list[tuple[str, Path]]:
        """Given the site's (dest_uri, source) pairs, the variants to add as (dest_uri, file in the cache)."""
        self.by_dest.clear()
        self.variant_dest.clear()
        self.svg_by_dest.clear()
        added = []
        for dest_uri, src in files:
            if src in self.results:
                result = self.results[src]
                self.by_dest[dest_uri] = result
                folder = posixpath.dirname(dest_uri)
                for variant in result.variants:
                    dest = posixpath.join(folder, variant.name)
                    self.variant_dest[(dest_uri, variant.name)] = dest
                    added.append((dest, Path(variant.path)))
            elif src in self.svgs:
                self.svg_by_dest[dest_uri] = self.svgs[src]
        return added

    def originals(self) -> list[str]:
        """Site paths of the originals, which are never published."""
        return list(self.by_dest)

    # ------------------------------------------------------------ HTML

    def rewrite(self, output: str, page_url: str) -> str:
        """Every <img> of the page as a <picture> (rasters) or with its size (SVG)."""
        edits: list[Edit] = []
        first_content_image = True
        for offset, chunk in _regions(output):
            for tag in _tags(chunk):
                first_content_image = self._edit(tag, offset, page_url, edits, first_content_image)
        return apply_edits(output, edits)

    def _edit(self, tag: dict, offset: int, page_url: str, edits: list[Edit], first_content_image: bool) -> bool:
        """Queue the replacement of one tag; return whether the next content image is still the first."""
        element: Element = tag["element"]
        start, end = (offset + n for n in start_tag_span(element))
        attrs = list((element.attrs or {}).items())
        values = dict(attrs)
        if element.name == "a":
            dest = _site_path(values.get("href") or "", page_url)
            if dest in self.by_dest:  # a link to an original: point it at the largest fallback
                result = self.by_dest[dest]
                href = _url(self.variant_dest[(dest, result.fallbacks[-1].name)], page_url)
                edits.append(Edit(start, end, start_tag("a", [(k, href if k == "href" else v) for k, v in attrs])))
            return first_content_image
        dest = _site_path(values.get("src") or "", page_url)
        if tag["header"]:
            edits.append(Edit(start, end, _img(attrs, self._size_for(dest), {})))
            return first_content_image
        eager = first_content_image and tag["content"] and tag["text_before"] < EAGER_TEXT_CHARS
        if tag["content"]:
            first_content_image = False
        lazy = {} if eager else {"loading": "lazy", "decoding": "async"}
        if dest in self.by_dest and not tag["picture"]:
            edits.append(Edit(start, end, self._picture(attrs, self.by_dest[dest], dest, page_url, lazy)))
        elif dest in self.svg_by_dest or dest in self.by_dest:
            edits.append(Edit(start, end, _img(attrs, self._size_for(dest), lazy)))
        return first_content_image

    def _size_for(self, dest: str | None) -> tuple[int, int] | None:
        if dest in self.svg_by_dest:
            return self.svg_by_dest[dest]
        if dest in self.by_dest:
            largest = self.by_dest[dest].largest
            return largest.width, largest.height
        return None

    def _picture(self, attrs, result: ImageResult, dest: str, page_url: str, lazy: dict) -> str:
        values = dict(attrs)
        largest = result.largest
        sizes = self.settings.sizes
        if values.get("width") and values["width"].isdigit():  # the author fixed a width
            sizes = f"{values['width']}px"

        def srcset(variants) -> str:
            return ", ".join(f"{_url(self.variant_dest[(dest, v.name)], page_url)} {v.width}w" for v in variants)

        fallbacks = result.fallbacks
        replace = {"src": _url(self.variant_dest[(dest, fallbacks[-1].name)], page_url), "srcset": srcset(fallbacks), "sizes": sizes}
        if values.get("width") and values["width"].isdigit() and not values.get("height"):
            replace["height"] = str(round(int(values["width"]) * largest.height / largest.width))
        img = _img(attrs, (largest.width, largest.height), lazy, replace)
        webp = result.webp
        source = start_tag("source", [("type", "image/webp"), ("srcset", srcset(webp)), ("sizes", sizes)]) if webp else ""
        return f"<picture>{source}{img}</picture>"


def _img(attrs, size: tuple[int, int] | None, extra: dict, replace: dict | None = None) -> str:
    """An <img> tag with width/height (unless the author set them) and `extra` attributes."""
    values = dict(attrs)
    replace = dict(replace or {})
    if size and not values.get("width") and not values.get("height"):
        replace.update(width=str(size[0]), height=str(size[1]))
    out = [(k, replace.pop(k, v)) for k, v in attrs if k not in extra]
    out += list(replace.items()) + list(extra.items())
    return start_tag("img", out)


def _regions(output: str) -> list[tuple[int, str]]:
    """(offset, text) of the header and the article; the whole page if either is missing."""
    regions = []
    for opening, closing in REGIONS:
        start = output.find(opening)
        end = output.find(closing, start)
        if start == -1 or end == -1:
            return [(0, output)]
        regions.append((start, output[start : end + len(closing)]))
    return regions


def _tags(chunk: str) -> list[dict]:
    """The <img> and <a> elements of a chunk, in order, with where they stand."""
    found, seen_text = [], 0

    def walk(node, header: bool, content: bool, picture: bool) -> None:
        nonlocal seen_text
        for child in node.children or []:
            if isinstance(child, Text):
                if content:
                    seen_text += len((child.data or "").strip())
                continue
            if not isinstance(child, Element):
                continue
            names = classes(child)
            inside_header = header or "md-logo" in names or "md-header" in names
            inside_content = content or (child.name == "article" and "md-content__inner" in names)
            if child.name in ("img", "a"):
                found.append(
                    {
                        "element": child,
                        "header": header or "md-logo" in names,
                        "content": content,
                        "picture": picture,
                        "text_before": seen_text,
                    }
                )
            walk(child, inside_header, inside_content, picture or child.name == "picture")

    walk(parse(chunk, fragment=True), False, False, False)
    return found


def _site_path(src: str, page_url: str) -> str | None:
    """The site path an src/href points to, or None for external and data: URLs."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))


def _url(dest: str, page_url: str) -> str:
    return quote(get_relative_url(dest, page_url), safe="/.-_~%")
