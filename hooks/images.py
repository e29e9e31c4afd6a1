"""Publish images as small, metadata-free variants (scripts/optimize_images.py).

An editor writes `![alt text](../assets/images/photo.jpg)` with the original
file. This hook, before anything is written to the site:
  - makes every raster image's variants (or takes them from .cache/images/),
    and checks every SVG: a bad file stops the build with its name;
  - checks every image in every page's Markdown: alt text present, file
    there, not on another server: a problem names docs/<lang>/<page>.md:LINE.
Then it publishes only the variants (the original, with its EXIF and GPS,
stays out of the site while MkDocs still validates links to it) and turns
each <img> of a page into a <picture> with WebP and a JPEG/PNG fallback,
srcset, sizes, width and height, lazy loading below the fold. SVG images and
the header logo only get width and height (from the viewBox).
Settings: mkdocs.yml `extra.images` (see Settings in scripts/optimize_images.py).
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.optimize_images import (  # noqa: E402
    SVG_SUFFIX,
    Cache,
    ImageError,
    ImageResult,
    Settings,
    check_svg,
    is_raster,
    process_many,
    relative_name,
    svg_warnings,
)

# The first image of a page loads at once (it is probably on the first
# screen) when fewer than this many characters of text come before it in the
# page's content; every other image gets loading="lazy" decoding="async".
EAGER_TEXT_CHARS = 300
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

_settings = Settings()
_root = Path(__file__).resolve().parent.parent
_results: dict[Path, ImageResult] = {}  # by source path (kept across the language builds)
_seen: dict[Path, tuple[int, int]] = {}  # source path -> (size, mtime_ns) of the result above
_svgs: dict[Path, tuple[int, int] | None] = {}
_warned: set[str] = set()
_by_dest: dict[str, ImageResult] = {}  # site path of an original -> its result (this build)
_variant_dest: dict[tuple[str, str], str] = {}  # (original dest, variant name) -> site path
_svg_by_dest: dict[str, tuple[int, int] | None] = {}


def _warn(message: str) -> None:
    """Printed, not logged: a budget overrun must not fail `--strict` (as hooks/contacts.py)."""
    if message not in _warned:
        _warned.add(message)
        print(f"WARNING  -  images: {message}", file=sys.stderr)


def on_config(config):
    global _settings, _root
    _root = Path(config.config_file_path).resolve().parent
    try:
        settings = Settings.from_extra(config.extra.get("images"))
    except ImageError as exc:
        raise PluginError(str(exc)) from None
    if settings != _settings:  # `mkdocs serve` after an edit of extra.images
        _results.clear()
        _seen.clear()
    _settings = settings
    return config


def on_pre_build(config):
    """Every image and every page's images, checked before the site folder is touched."""
    docs = Path(config.docs_dir).resolve()  # on_files compares resolved paths
    cache = Cache(_root / _settings.cache_dir)
    rasters, todo = [], []
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        if is_raster(path):
            rasters.append(path)
            stat = path.stat()
            known = _results.get(path)
            if _seen.get(path) != (stat.st_size, stat.st_mtime_ns) or not all(Path(v.path).is_file() for v in known.variants):
                todo.append(path)  # new, changed, or its cache entry was deleted (`make clean` during `serve`)
        elif path.suffix.lower() == SVG_SUFFIX:
            try:
                _svgs[path] = check_svg(path, _root)
            except ImageError as exc:
                raise PluginError(str(exc)) from None
            for message in svg_warnings(path, _root):
                _warn(message)
    for gone in set(_results) - set(rasters):
        _results.pop(gone, None)
        _seen.pop(gone, None)
    results, errors = process_many(todo, _settings, cache, _root)
    if errors:
        raise PluginError("\n".join(errors))
    for result in results:
        stat = result.source.stat()
        _results[result.source] = result
        _seen[result.source] = (stat.st_size, stat.st_mtime_ns)
    for path in rasters:
        for message in _results[path].warnings:
            _warn(message)
    problems = []
    for page in sorted(docs.rglob("*.md")):
        problems += check_markdown(page, docs, _root)
    if problems:
        raise PluginError("\n".join(problems))


# ---------------------------------------------------------------- Markdown checks

MD_IMAGE = re.compile(r"!\[(?P<alt>(?:\\.|[^\]\\])*)\]\(\s*(?P<src><[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
HTML_ATTR = re.compile(r"([\w:-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
INLINE_CODE = re.compile(r"(`+).+?\1")


def check_markdown(page: Path, docs: Path, root: Path) -> list[str]:
    """Images of one Markdown file: alt text, file present, nothing from another server."""
    rel = relative_name(page, root)
    problems = []
    fence = None
    for number, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1):
        stripped = line.lstrip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if marker:
            if fence is None:
                fence = marker.group(1)[0] * len(marker.group(1))
            elif stripped.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        line = INLINE_CODE.sub("", line)
        found = [(m.group("alt"), m.group("src").strip("<>")) for m in MD_IMAGE.finditer(line)]
        for tag in HTML_IMG.findall(line):
            attrs = {k.lower(): v.strip("\"'") for k, v in HTML_ATTR.findall(tag)}
            found.append((attrs.get("alt", ""), attrs.get("src", "")))
        for alt, src in found:
            where = f"{rel}:{number}"
            if not html.unescape(alt).strip():
                problems.append(
                    f"{where}: image '{src}' has no alt text. Describe what it shows for people who cannot see it: "
                    "![a woman reads a job offer on her phone](../assets/images/photo.jpg)"
                )
            problems += _check_src(src, page, docs, where)
    return problems


def _check_src(src: str, page: Path, docs: Path, where: str) -> list[str]:
    parts = urlsplit(src)
    if parts.scheme in ("http", "https") or src.startswith("//"):
        return [f"{where}: image '{src}' is on another server, which would learn who reads the page. Save it in docs/assets/images/ and link it from there."]
    if parts.scheme or not parts.path:
        return []  # data: and similar are left alone
    target = (page.parent / unquote(parts.path)).resolve() if not parts.path.startswith("/") else (docs / unquote(parts.path).lstrip("/")).resolve()
    if not target.is_file():
        return [f"{where}: image '{src}' not found (looked for {relative_name(target, _root)}). Check the name and the ../ in front of it."]
    return []


# ---------------------------------------------------------------- files


def _skip_copy(dirty: bool = False) -> None:
    """The original is not published: its variants are."""


@event_priority(-110)  # after the i18n plugin (-100) has rebuilt the files for the language
def on_files(files, config):
    _by_dest.clear()
    _variant_dest.clear()
    _svg_by_dest.clear()
    added = []
    for file in files:
        src = Path(file.abs_src_path).resolve() if file.abs_src_path else None
        if src in _results:
            result = _results[src]
            _by_dest[file.dest_uri] = result
            file.copy_file = _skip_copy  # kept in `files`, so links to it still validate
            folder = posixpath.dirname(file.dest_uri)
            for variant in result.variants:
                dest = posixpath.join(folder, variant.name)
                _variant_dest[(file.dest_uri, variant.name)] = dest
                added.append(File.generated(config, dest, abs_src_path=str(variant.path)))
        elif src in _svgs:
            _svg_by_dest[file.dest_uri] = _svgs[src]
    for file in added:
        if files.get_file_from_path(file.src_uri) is None:
            files.append(file)
    return files


def on_post_build(config):
    """Belt and braces: no original raster in the site, whatever copied it."""
    for dest in _by_dest:
        original = Path(config.site_dir) / dest
        if original.is_file():
            original.unlink()


# ---------------------------------------------------------------- HTML


class _Tags(HTMLParser):
    """Where each <img> and <a href> is, and what surrounds it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.found: list[dict] = []
        self.text = 0  # characters of text seen inside the page's content

    def _inside(self, test) -> bool:
        return any(test(tag, cls) for tag, cls in self.stack)

    def handle_starttag(self, tag, attrs):
        self._record(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_startendtag(self, tag, attrs):
        self._record(tag, attrs)

    def _record(self, tag, attrs):
        if tag not in ("img", "a"):
            return
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        self.found.append(
            {
                "tag": tag,
                "pos": self.getpos(),
                "text": self.get_starttag_text(),
                "attrs": attrs,
                "header": "md-logo" in classes or self._inside(lambda t, c: "md-logo" in c.split() or "md-header" in c.split()),
                "content": self._inside(lambda t, c: t == "article" and "md-content__inner" in c.split()),
                "picture": self._inside(lambda t, c: t == "picture"),
                "text_before": self.text,
            }
        )

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._inside(lambda t, c: t == "article" and "md-content__inner" in c.split()):
            self.text += len(data.strip())


def _site_path(src: str, page_url: str) -> str | None:
    """The site path an src/href points to, or None for external and data: URLs."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path))


def _attr_html(name: str, value: str | None) -> str:
    return f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'


def _url(dest: str, page_url: str) -> str:
    return quote(get_relative_url(dest, page_url), safe="/.-_~%")


def _source_line(page, src: str) -> str:
    """docs/<lang>/<page>.md:LINE of the image with this src, as well as can be found."""
    path = Path(page.file.abs_src_path) if page and page.file.abs_src_path else None
    if path is None or not path.is_file():
        return f"docs/{page.file.src_uri}" if page else "a theme template"
    rel = relative_name(path, _root)
    name = posixpath.basename(unquote(urlsplit(src).path))
    lines = [unquote(line) for line in path.read_text(encoding="utf-8").split("\n")]
    mentions = [n for n, line in enumerate(lines, 1) if name and name in line]
    # Prefer the line where the image really has no alt text (a page may show it twice).
    bare = [n for n in mentions if re.search(r"!\[\s*\]\(|<img\b(?![^>]*\balt=[\"']?[^\"'\s>])", lines[n - 1])]
    return f"{rel}:{(bare or mentions)[0]}" if mentions else rel


def rewrite_html(output: str, page_url: str, page=None, settings: Settings | None = None) -> str:
    """Every <img> of the page as a <picture> (rasters) or with its size (SVG)."""
    settings = settings or _settings
    edits: list[tuple[int, int, str]] = []
    first_content_image = True
    for offset, chunk in _regions(output):
        for tag in _tags(chunk):
            start, end = offset + tag["start"], offset + tag["end"]
            first_content_image = _edit(tag, start, end, page_url, page, settings, edits, first_content_image)
    for start, end, new in sorted(edits, reverse=True):
        output = output[:start] + new + output[end:]
    return output


def _regions(output: str) -> list[tuple[int, str]]:
    """The header (logo) and the article: the only places with images or links to them.

    Parsing only these keeps the hook linear in pages: the navigation, which
    every page repeats and which grows with the site, is never parsed.
    """
    regions = []
    for opening, closing in (("<header", "</header>"), ('<article class="md-content__inner', "</article>")):
        start = output.find(opening)
        end = output.find(closing, start)
        if start == -1 or end == -1:
            return [(0, output)]
        regions.append((start, output[start : end + len(closing)]))
    return regions


def _tags(chunk: str) -> list[dict]:
    """The <img> and <a> tags of a chunk of HTML, with their offsets in it."""
    parser = _Tags()
    parser.feed(chunk)
    parser.close()
    line_starts = [0]
    for line in chunk.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    tags = []
    for tag in parser.found:
        start = line_starts[tag["pos"][0] - 1] + tag["pos"][1]
        if chunk[start : start + len(tag["text"])] != tag["text"]:  # never seen; be safe anyway
            start = chunk.find(tag["text"], max(0, start - 200))
            if start < 0:
                continue
        tags.append({**tag, "start": start, "end": start + len(tag["text"])})
    return tags


def _edit(tag: dict, start: int, end: int, page_url: str, page, settings: Settings, edits: list, first_content_image: bool) -> bool:
    """Queue the replacement of one tag; return whether the next content image is still the first."""
    attrs = tag["attrs"]
    values = dict(attrs)
    if tag["tag"] == "a":
        dest = _site_path(values.get("href") or "", page_url)
        if dest in _by_dest:  # a link to an original: point it at the largest fallback
            result = _by_dest[dest]
            href = _url(_variant_dest[(dest, result.fallbacks[-1].name)], page_url)
            new = "<a" + "".join(_attr_html(k, href if k == "href" else v) for k, v in attrs) + ">"
            edits.append((start, end, new))
        return first_content_image
    src = values.get("src") or ""
    dest = _site_path(src, page_url)
    if tag["header"]:
        edits.append((start, end, _img(attrs, _size_for(dest), {})))
        return first_content_image
    if tag["content"] and page is not None and not (values.get("alt") or "").strip():
        raise PluginError(f"{_source_line(page, src)}: image '{src}' has no alt text. Describe what it shows for people who cannot see it.")
    eager = first_content_image and tag["content"] and tag["text_before"] < EAGER_TEXT_CHARS
    if tag["content"]:
        first_content_image = False
    lazy = {} if eager else {"loading": "lazy", "decoding": "async"}
    if dest in _by_dest and not tag["picture"]:
        edits.append((start, end, _picture(attrs, _by_dest[dest], dest, page_url, lazy, settings)))
    elif dest in _svg_by_dest or dest in _by_dest:
        edits.append((start, end, _img(attrs, _size_for(dest), lazy)))
    return first_content_image


def _size_for(dest: str | None) -> tuple[int, int] | None:
    if dest in _svg_by_dest:
        return _svg_by_dest[dest]
    if dest in _by_dest:
        largest = _by_dest[dest].largest
        return largest.width, largest.height
    return None


def _img(attrs, size: tuple[int, int] | None, extra: dict, replace: dict | None = None) -> str:
    """An <img> tag with width/height (unless the author set them) and `extra` attributes."""
    values = dict(attrs)
    replace = dict(replace or {})
    if size and not values.get("width") and not values.get("height"):
        replace.update(width=str(size[0]), height=str(size[1]))
    out = [(k, replace.pop(k, v)) for k, v in attrs if k not in extra]
    out += list(replace.items()) + list(extra.items())
    return "<img" + "".join(_attr_html(k, v) for k, v in out) + ">"


def _picture(attrs, result: ImageResult, dest: str, page_url: str, lazy: dict, settings: Settings) -> str:
    values = dict(attrs)
    largest = result.largest
    sizes = settings.sizes
    if values.get("width") and values["width"].isdigit():  # the author fixed a width
        sizes = f"{values['width']}px"

    def srcset(variants) -> str:
        return ", ".join(f"{_url(_variant_dest[(dest, v.name)], page_url)} {v.width}w" for v in variants)

    fallbacks = result.fallbacks
    replace = {
        "src": _url(_variant_dest[(dest, fallbacks[-1].name)], page_url),
        "srcset": srcset(fallbacks),
        "sizes": sizes,
    }
    if values.get("width") and values["width"].isdigit() and not values.get("height"):
        replace["height"] = str(round(int(values["width"]) * largest.height / largest.width))
    img = _img(attrs, (largest.width, largest.height), lazy, replace)
    webp = result.webp
    source = f'<source type="image/webp" srcset="{html.escape(srcset(webp))}" sizes="{html.escape(sizes)}">' if webp else ""
    return f"<picture>{source}{img}</picture>"


def on_post_page(output, page, config):
    return rewrite_html(output, page.url, page)


def on_post_template(output, template_name, config):
    """404.html and other theme templates: the logo's size only."""
    return rewrite_html(output, template_name, None)
