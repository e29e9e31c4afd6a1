"""Copies of the project to measure, and synthetic pages at scale: the project's sources copied
(no history, environment, outputs or tests), then every language given N pages (the real ones,
then copies under new names, formas-001.md ..., their links pointed at the same copy, listed in
the copy's nav), and the built site's content pages listed language by language in nav order.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import yaml

from alerta.config import ROOT, SiteConfig, read_config, site_config
from alerta.offline.single_file import SKIP_PAGES as SINGLE_FILE_SKIPS
from alerta.printed.blocks import MARKED_LINE
from bench.timing import StageError

COPY_SKIP = {".git", ".venv", "site", "dist", "build", ".cache", "tests", "bench", "run", ".pytest_cache", "bench.json", "BENCHMARKS.md", "node_modules"}
IMAGES_HOOK = "hooks/images.py"
LINK = re.compile(r"(\]\(|\bhref=\")(<?)([^()<>\"#\s/]+\.md)(#[^)\"\s>]*)?")


def copy_project(dest: Path) -> Path:
    """The project's sources (no venv, git, outputs or tests) into dest."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n in ("__pycache__",)}
        if Path(folder).resolve() == ROOT:
            skip |= {n for n in names if n in COPY_SKIP}
        return skip

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


def docs_dir(project: Path, config: SiteConfig) -> Path:
    return project / str(config.data.get("docs_dir") or "docs")


def hooks_of(config: dict) -> list[str]:
    return [str(h) for h in config.get("hooks") or []]


def replace_top_level(text: str, key: str, block: str) -> str:
    """Replace a top-level `key:` block of a YAML file (its indented lines) by `block`."""
    pattern = re.compile(rf"^{re.escape(key)}:[^\n]*\n(?:(?:[ \t-][^\n]*|[ \t]*)\n)*", re.M)
    if not pattern.search(text):
        return text.rstrip("\n") + "\n\n" + block
    return pattern.sub(lambda m: block + "\n", text, count=1)


def rewrite_links(text: str, copy_of: dict[str, str]) -> str:
    """Point links to a page at its copy (same number), when that copy exists."""

    def replace(match: re.Match) -> str:
        target = unicodedata.normalize("NFC", unquote(match.group(3)))
        new = copy_of.get(target)
        if not new:
            return match.group(0)
        return match.group(1) + match.group(2) + new + (match.group(4) or "")

    return LINK.sub(replace, text)


def nfc(names: list[str]) -> list[str]:
    return [unicodedata.normalize("NFC", name) for name in names]


def make_synthetic(project: Path, pages_per_language: int) -> dict:
    """Give every language of the copy N pages: the real ones, then renamed copies."""
    config_path = project / "mkdocs.yml"
    config = site_config(config_path)
    stems = nfc(config.nav)
    if pages_per_language < len(stems):
        raise StageError(f"N={pages_per_language} is below the {len(stems)} real pages per language")
    extra = pages_per_language - len(stems)
    docs = docs_dir(project, config)
    # A page with blocks marked for the card, posters or the forward message is their one source: a copy would repeat them there.
    # The pages the single files leave out by name (the download, file-check and card pages) are not copied: their copies would go in.
    sources = [page for page in stems if page not in SINGLE_FILE_SKIPS
               and not any(MARKED_LINE.match(line) for path in docs.glob(f"*/{page}") for line in path.read_text(encoding="utf-8").splitlines())]
    copies: list[tuple[str, int, str]] = []  # (source page, copy number, new name)
    number = 0
    while len(copies) < extra:
        number += 1
        for page in sources:
            if len(copies) == extra:
                break
            stem, ext = page.rsplit(".", 1)
            copies.append((page, number, f"{stem}-{number:03d}.{ext}"))
    written = 0
    for lang in (code for code in config.codes if (docs / code).is_dir()):
        existing = {unicodedata.normalize("NFC", p.relative_to(docs / lang).as_posix()): p for p in (docs / lang).rglob("*.md")}
        for number in sorted({n for _, n, _ in copies}):
            group = [(src, new) for src, n, new in copies if n == number]
            copy_of = dict(group)
            for src, new in group:
                source = existing.get(src)
                if source is None:
                    continue  # missing in this language: the i18n fallback publishes the default language's page
                target = source.parent / Path(new).name
                target.write_text(rewrite_links(source.read_text(encoding="utf-8"), copy_of), encoding="utf-8")
                written += 1
    new_nav = config.nav + [new for _, _, new in copies]
    block = yaml.safe_dump({"nav": new_nav}, allow_unicode=True, sort_keys=False, default_flow_style=False)
    config_path.write_text(replace_top_level(config_path.read_text(encoding="utf-8"), "nav", block), encoding="utf-8")
    if nfc([str(p) for p in read_config(config_path).get("nav") or []]) != nfc(new_nav):
        raise StageError("could not rewrite the nav of the copy's mkdocs.yml")
    return {"pages_per_language": len(stems) + len(copies), "real_pages_per_language": len(stems), "copied_files": written}


def clear_cache(project: Path) -> None:
    shutil.rmtree(project / ".cache", ignore_errors=True)


def inherit_config(project: Path, name: str, changes: dict) -> Path:
    """A config beside the copy's mkdocs.yml that INHERITs it with `changes` (MkDocs merges mappings, replaces lists)."""
    path = project / name
    path.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", **changes}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_no_images_config(project: Path) -> Path:
    """mkdocs.yml without the image hook (INHERIT replaces the hooks list)."""
    hooks = [h for h in hooks_of(read_config(project / "mkdocs.yml")) if h != IMAGES_HOOK]
    return inherit_config(project, "mkdocs-bench-noimages.yml", {"hooks": hooks})


def site_pages(site: Path, config: SiteConfig) -> list[str]:
    """Every content page of a built site, language by language in nav order."""
    pages = []
    for lang in config.codes:
        for source in config.nav:
            rel = config.prefix(lang) + source[: -len(".md")] + ".html"
            if (site / rel).is_file():
                pages.append(rel)
    return pages
