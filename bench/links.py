"""Our link checker (scripts/check_links.py) against LinkChecker on a synthetic site: the real site
built, then every content page of every language copied N/10 times under renamed files
(formas-007.html ...), its links pointed at the same copy (so the copy has realistic links,
anchors, images and CSS), sitemaps left out (they list the old names), and a few broken links
seeded into known pages. Both checkers read the same folder as file:// (ours --offline, median
of 3 runs in a fresh Python each; LinkChecker with anchor checks, internal links only, once by
default, it is slow); the report gives both times, both finding counts and which seeds each found.
Run alone with `python -m bench.links [--pages N] [--workdir DIR] [--site BUILT_SITE]` (prints JSON).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote

from alerta.config import ROOT, site_config
from bench.timing import ENV

CONFIG = site_config()
CHECKER = ROOT / "scripts" / "check_links.py"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"
OUR_RUNS = 3
LINKCHECKER_RUNS = 1
LINKCHECKER_TIMEOUT = 3600
LINKCHECKER_THREADS = 10
LINKCHECKER_CONFIG = """\
[checking]
threads={threads}
[filtering]
checkextern=0
[AnchorCheck]
"""
# Only file:// is read; every other scheme is checked for syntax only (no network).
LINKCHECKER_IGNORE = r"^(https?|ftp|mailto|tel|javascript|data|sms):"
LINK_ATTR = re.compile(r'((?:href|src)=")([^"]*)(")')
# A link to a content page; the default language's pages are at the root, the others in folders.
LOCAL_PAGE = re.compile(rf"^(?P<prefix>/?(?:\.\./)*)(?P<lang>(?:{'|'.join(map(re.escape, CONFIG.translations))})/)?(?P<stem>[^/]+)\.html$")
# Seeded problems: (id, language, page stem, copy, HTML inserted before </article>, link, what).
# language: an index into the site's languages (0 = the default). In the HTML and the link,
# {copy} is the copy number as in file names (007), {up} the way from the page up to the
# site root ("" or "../"), {other} the folder of the first translation.
SEEDS = (
    ("missing-page", 0, "formas", 7, '<a href="no-existe.html">x</a>', "no-existe.html", "link to a missing page"),
    ("missing-anchor", 1, "ayuda", 13, '<a href="formas-{copy}.html#no-such-anchor">x</a>', "formas-{copy}.html#no-such-anchor", "missing anchor"),
    ("missing-image", 2, "index", 21, '<img src="{up}assets/images/missing.png" alt="">', "{up}assets/images/missing.png", "missing image"),
    ("bad-srcset", 3, "señales", 2, '<img src="{up}assets/images/logo.svg" srcset="{up}assets/images/logo-2x.svg 2x" alt="">', "{up}assets/images/logo-2x.svg",
     "missing image in srcset"),
    ("bad-tel", 0, "ayuda", 30, '<a href="tel:2-2222222">x</a>', "tel:2-2222222", "malformed tel: number"),
    ("folder-link", 0, "acerca", 40, '<a href="{other}/">x</a>', "{other}/", "folder link (works over http only)"),
    ("style-url", 1, "tarjeta", 4, '<div style="background:url({up}assets/images/nope-bg.png)"></div>', "{up}assets/images/nope-bg.png", "url() in a style attribute"),
    ("other-language", 2, "derechos", 49, '<a href="{up}{other}/derechos-999.html">x</a>', "{up}{other}/derechos-999.html", "missing page in another language"),
)


def build_real_site(target: Path) -> Path:
    """mkdocs build --strict of the project into target."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)], cwd=ROOT, env=ENV, check=True, capture_output=True)
    return target


def page_stems(site: Path) -> list[str]:
    """The content pages of the default language (404.html is not one)."""
    return sorted(p.stem for p in site.glob("*.html") if p.name != "404.html")


def pages_and_sitemaps(real: Path, folder: Path, names: list[str]) -> set[str]:
    """What not to copy as it is: the pages (copied renamed) and sitemaps (they list the old names)."""
    rel = folder.relative_to(real).parts
    if rel and not (len(rel) == 1 and rel[0] in CONFIG.codes):
        return set()
    return {n for n in names if n.endswith(".html") or n.startswith("sitemap.xml")}


def rewrite_links(html: str, stems: set[str], copy: int) -> str:
    """Point every link to a content page at the same copy of that page."""

    def replace(match: re.Match) -> str:
        """The rewritten attribute, or the same one if it is not a page link."""
        path, hash_, fragment = match.group(2).partition("#")
        page = LOCAL_PAGE.match(unquote(path))
        if not page or unicodedata.normalize("NFC", page["stem"]) not in stems:
            return match.group(0)
        new = f"{page['prefix']}{page['lang'] or ''}{quote(page['stem'])}-{copy:03d}.html"
        return match.group(1) + new + hash_ + fragment + match.group(3)

    return LINK_ATTR.sub(replace, html)


def place_seeds(copies: int) -> tuple[dict[tuple[str, str, int], str], list[dict]]:
    """Where each seed goes: ({(language, stem, copy): HTML to insert}, the seeds as placed)."""
    inserts: dict[tuple[str, str, int], str] = {}
    placed = []
    other = (CONFIG.translations or CONFIG.codes)[0]
    for seed_id, index, stem, copy, html, link, what in SEEDS:
        lang = CONFIG.codes[index % len(CONFIG.codes)]
        copy = min(copy, copies - 1)
        number = f"{copy:03d}"
        values = {"copy": number, "up": "../" * CONFIG.prefix(lang).count("/"), "other": other}
        inserts[(lang, stem, copy)] = inserts.get((lang, stem, copy), "") + html.format(**values)
        placed.append({"id": seed_id, "page": f"{CONFIG.prefix(lang)}{stem}-{number}.html", "link": link.format(**values), "what": what})
    return inserts, placed


def make_synthetic(real: Path, target: Path, pages_per_language: int) -> dict:
    """Write the synthetic site; return its size and the seeds as placed."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(real, target, ignore=lambda folder, names: pages_and_sitemaps(real, Path(folder), names))
    stems = page_stems(real)
    stem_set = {unicodedata.normalize("NFC", s) for s in stems}
    copies = max(1, math.ceil(pages_per_language / len(stems)))
    inserts, placed = place_seeds(copies)
    count = 0
    for lang in CONFIG.codes:
        source_dir, out_dir = real / CONFIG.prefix(lang), target / CONFIG.prefix(lang)
        out_dir.mkdir(parents=True, exist_ok=True)
        for stem in stems:
            html = (source_dir / f"{stem}.html").read_text(encoding="utf-8")
            for copy in range(copies):
                text = rewrite_links(html, stem_set, copy)
                if (lang, stem, copy) in inserts:
                    text = text.replace("</article>", inserts[(lang, stem, copy)] + "</article>", 1)
                (out_dir / f"{stem}-{copy:03d}.html").write_text(text, encoding="utf-8")
                count += 1
    (target / "404.html").write_text(rewrite_links((real / "404.html").read_text(encoding="utf-8"), stem_set, 0), encoding="utf-8")
    for folder in [target, *(p for p in target.rglob("*") if p.is_dir())]:
        folder.chmod(0o755)  # LinkChecker drops root privileges to "nobody"
    return {"pages": count, "pages_per_language": count // len(CONFIG.codes), "copies": copies, "seeds": placed}


def time_ours(site: Path, runs: int) -> dict:
    """Median wall time of check_links.py --offline --json, in a fresh Python each run."""
    times, findings, status = [], [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(CHECKER), str(site), "--offline", "--json"], capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
        findings, status = json.loads(result.stdout or "[]"), result.returncode
    return {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times], "findings": len(findings), "exit": status, "_findings": findings}


def time_linkchecker(site: Path, workdir: Path, runs: int) -> dict:
    """Wall time of LinkChecker over file:// (internal links and anchors only), and its findings."""
    config = workdir / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG.format(threads=LINKCHECKER_THREADS), encoding="utf-8")
    command = [str(LINKCHECKER), "--config", str(config), "--no-robots", "--no-status", "--ignore-url", LINKCHECKER_IGNORE, "--output", "csv", f"{site}/"]
    times, rows, status = [], [], None
    env = dict(os.environ, XDG_CONFIG_HOME=str(workdir), XDG_DATA_HOME=str(workdir))
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=workdir, env=env, timeout=LINKCHECKER_TIMEOUT)
        times.append(time.perf_counter() - started)
        rows, status = parse_linkchecker_csv(result.stdout), result.returncode
    errors = [r for r in rows if r.get("valid") != "True"]
    warnings = [r for r in rows if r.get("valid") == "True" and r.get("warningstring")]
    return {
        "median_s": round(statistics.median(times), 3),
        "runs_s": [round(t, 3) for t in times],
        "findings": len(errors) + len(warnings),
        "errors": len(errors),
        "warnings": len(warnings),
        "exit": status,
        "command": " ".join(command),
        "_rows": errors + warnings,
    }


def parse_linkchecker_csv(text: str) -> list[dict]:
    """Rows of LinkChecker's CSV output (comment lines dropped)."""
    lines = [line for line in text.splitlines(True) if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=";"))


def seeds_found(seeds: list[dict], ours: list[dict], theirs: list[dict]) -> list[dict]:
    """For each seeded link: did each checker report it?"""
    table = []
    for seed in seeds:
        page = unicodedata.normalize("NFC", seed["page"])
        by_us = any(unicodedata.normalize("NFC", f["page"]) == page and f["link"] == seed["link"] for f in ours)
        by_them = any(r.get("urlname") == seed["link"] and unicodedata.normalize("NFC", unquote(r.get("parentname", ""))).endswith("/" + page) for r in theirs)
        table.append({**seed, "check_links": by_us, "linkchecker": by_them})
    return table


def run(pages_per_language: int = 500, workdir: Path | None = None, site: Path | None = None, linkchecker_runs: int = LINKCHECKER_RUNS, our_runs: int = OUR_RUNS) -> dict:
    """Make the synthetic site in workdir and time both checkers on it."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="bench-links-"))
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    real = Path(site) if site else build_real_site(workdir / "real")
    synthetic = workdir / "synthetic"
    shape = make_synthetic(real, synthetic, pages_per_language)
    ours = time_ours(synthetic, our_runs)
    theirs = time_linkchecker(synthetic, workdir, linkchecker_runs) if linkchecker_runs > 0 else None
    table = seeds_found(shape["seeds"], ours.pop("_findings"), theirs.pop("_rows") if theirs else [])
    return {
        "workdir": str(workdir),
        "languages": len(CONFIG.codes),
        "pages_per_language": shape["pages_per_language"],
        "pages": shape["pages"],
        "check_links": ours,
        "linkchecker": theirs,
        "speedup": round(theirs["median_s"] / ours["median_s"], 1) if theirs else None,
        "seeds": table,
        "seeds_found": {
            "check_links": sum(s["check_links"] for s in table),
            "linkchecker": sum(s["linkchecker"] for s in table),
            "of": len(table),
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.links", description="Time check_links.py against LinkChecker on a synthetic site.")
    parser.add_argument("--pages", type=int, default=500, help="pages per language (default: 500)")
    parser.add_argument("--workdir", type=Path, help="where to write the sites (default: a new temporary folder)")
    parser.add_argument("--site", type=Path, help="an already built site to copy (default: build the project)")
    parser.add_argument("--linkchecker-runs", type=int, default=LINKCHECKER_RUNS, help="LinkChecker runs (default: 1; 0 skips it)")
    args = parser.parse_args(argv)
    result = run(args.pages, args.workdir, args.site, args.linkchecker_runs)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
