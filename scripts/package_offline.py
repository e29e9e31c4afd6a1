"""Package the site for phones with no connection: zips and single HTML files.

    package_offline.py build [--dist DIR]     build every bundle into dist/
    package_offline.py verify FILE [FILE...]  check bundles against their manifest

`build` makes an offline build of the site (mkdocs-offline.yml), prunes what
a phone never needs, and writes, under neutral names set in mkdocs.yml
(`extra.bundle.name`, default "guia"):
  NAME.zip          the whole site, every language
  NAME-LANG.zip     one language, its switcher listing only that language
  NAME-LANG.html    every page of one language in one self-contained file
plus SHA256SUMS and bundles.json (read by the download page). Zips are
reproducible (SOURCE_DATE_EPOCH or the last commit's date) and written
atomically: a failed run leaves the previous bundles in dist/ untouched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from scripts.contacts import last_verified, load_contacts  # noqa: E402
from scripts.single_page import build_single_page, standalone_page
from scripts.site_config import read_config  # noqa: E402
from scripts.site_strings import DEFAULT_LANGUAGE, LANGUAGES, load_strings  # noqa: E402

OFFLINE_CONFIG = ROOT / "mkdocs-offline.yml"
SITE_FOLDER = "sitio"  # the site inside a zip, beside the start page
# What a phone never needs in an offline copy.
PRUNE = ("sitemap.xml", "sitemap.xml.gz", "*/sitemap.xml", "*/sitemap.xml.gz", "_headers", "404.html", "downloads")
ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest date a zip can store
FILE_MODE = 0o644


class BundleError(RuntimeError):
    """A bundle could not be built or does not match its manifest."""


# ---------------------------------------------------------------- metadata


def bundle_settings() -> dict:
    """extra.bundle from mkdocs.yml: neutral name and nav order."""
    config = read_config()
    bundle = (config.get("extra") or {}).get("bundle") or {}
    name = str(bundle.get("name") or "guia")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise BundleError(f"mkdocs.yml: extra.bundle.name {name!r} must be lowercase letters, digits, '-' or '_'.")
    return {"name": name, "nav": [str(p) for p in config.get("nav") or []]}


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time, else a fixed date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        return int(out)
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return ZIP_EPOCH_MIN


def version() -> str:
    """The commit the bundle was built from."""
    try:
        return subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- offline build


def offline_build(workdir: Path) -> Path:
    """Build the offline site into workdir/site; stop with MkDocs' message on failure."""
    site = workdir / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(OFFLINE_CONFIG), "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        errors = [ln for ln in result.stderr.splitlines() if "ERROR" in ln or "Error" in ln] or result.stderr.splitlines()[-5:]
        raise BundleError("the offline build failed:\n" + "\n".join(errors))
    for pattern in PRUNE:
        for path in site.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return site


def language_files(site: Path, lang: str) -> dict[str, bytes]:
    """The files of one language's bundle: its pages, shared assets, its search index."""
    files = {}
    others = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        top = rel.split("/", 1)[0]
        if rel.startswith("assets/search/"):
            if rel != f"assets/search/{lang}.js":
                continue
        elif top in others or (path.suffix == ".html" and "/" not in rel):
            # Pages: only those of this language (Spanish ones are at the root).
            in_lang = (top == lang) if lang != DEFAULT_LANGUAGE else (top not in others)
            if not in_lang:
                continue
        data = path.read_bytes()
        if path.suffix == ".html":
            data = keep_languages(data.decode("utf-8"), {lang}).encode("utf-8")
        files[rel] = data
    return files


SWITCH_ITEM = re.compile(r'\s*<li class="md-select__item">\s*<a href="[^"]*" hreflang="([^"]+)"[^>]*>.*?</a>\s*</li>', re.S)
ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="([^"]+)">')


def keep_languages(page: str, languages: set[str]) -> str:
    """Drop switcher entries and hreflang links to languages not in the bundle."""
    page = SWITCH_ITEM.sub(lambda m: m.group(0) if m.group(1) in languages else "", page)
    page = ALTERNATE.sub(lambda m: m.group(0) if m.group(1) in languages else "", page)
    if len(languages) == 1:
        # A switcher with one language is noise: hide it.
        page = re.sub(r'<div class="md-header__option">\s*<div class="md-select">.*?</ul>\s*</div>\s*</div>\s*</div>', "", page, count=1, flags=re.S)
    return page


# ---------------------------------------------------------------- start page


def start_page(languages: list[str], meta: dict) -> bytes:
    """index.html at the zip root: languages inside, version, dates, how to open."""
    strings = load_strings()
    items = []
    for lang in languages:
        href = f"{SITE_FOLDER}/index.html" if lang == DEFAULT_LANGUAGE else f"{SITE_FOLDER}/{lang}/index.html"
        label = strings[lang]["language_name"]
        items.append(f'<li><a href="{href}" hreflang="{lang}" lang="{lang}">{html.escape(label[:1].upper() + label[1:])}</a></li>')
    # The page speaks the bundle's language first (Spanish for the whole site).
    page_lang = languages[0] if len(languages) == 1 else DEFAULT_LANGUAGE
    howto = []
    for lang in sorted(LANGUAGES, key=lambda code: code != page_lang):
        s = strings[lang]
        howto.append(f'<section lang="{lang}"><h2>{html.escape(s["offline_howto_title"])}</h2><p>{html.escape(s["offline_howto"])}</p></section>')
    s = strings[page_lang]
    facts = (
        f'<p class="meta">{html.escape(s["offline_version"])}: {meta["version"]} · {html.escape(s["offline_built"])}: {meta["built"]} · '
        f'{html.escape(s["offline_contacts_verified"])}: {meta["contacts_verified"]}</p>'
    )
    body = f"""<main>
<h1>{html.escape(s["offline_title"])}</h1>
<p>{" / ".join(html.escape(strings[code]["offline_choose"]) for code in languages)}</p>
<ul class="languages">{"".join(items)}</ul>
{facts}
{"".join(howto)}
</main>"""
    page = standalone_page(page_lang, s["offline_title"], START_CSS, body)
    return page.encode("utf-8")


START_CSS = (
    "body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1f1f1f}"
    "main{max-width:40rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.5rem;color:#7a1a38}h2{font-size:1.05rem;margin-top:1.5rem}"
    ".languages{list-style:none;padding:0}.languages li{margin:.5rem 0}"
    ".languages a{display:block;padding:.8rem 1rem;border-radius:.4rem;background:#7a1a38;color:#fff;font-weight:700;text-decoration:none;font-size:1.1rem}"
    ".meta{font-size:.85rem;color:#4a4a4a}"
)


# ---------------------------------------------------------------- zips


def manifest(files: dict[str, bytes], meta: dict, languages: list[str]) -> bytes:
    """manifest.json: what the bundle holds, with sizes and SHA-256."""
    entries = [{"path": path, "size": len(data), "sha256": sha256(data)} for path, data in sorted(files.items())]
    doc = {**meta, "languages": languages, "files": entries}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def zip_bytes(top: str, files: dict[str, bytes], epoch: int) -> bytes:
    """A reproducible zip: sorted names, fixed dates and permissions, UTF-8 names."""
    stamp = dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), dt.timezone.utc).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = (0o100000 | FILE_MODE) << 16
            info.flag_bits |= 0x800  # names are UTF-8 (señales.html)
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()


def zip_bundle(top: str, site_files: dict[str, bytes], languages: list[str], meta: dict, epoch: int) -> bytes:
    """Start page + site folder + manifest, zipped."""
    files = {f"{SITE_FOLDER}/{path}": data for path, data in site_files.items()}
    files["index.html"] = start_page(languages, meta)
    files["manifest.json"] = manifest(files, meta, languages)
    return zip_bytes(top, files, epoch)


# ---------------------------------------------------------------- build


def build(dist: Path) -> list[dict]:
    """Build every bundle into dist/, atomically; return the bundle list."""
    settings = bundle_settings()
    name = settings["name"]
    epoch = source_date_epoch()
    built = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")
    meta = {"version": version(), "built": built, "contacts_verified": last_verified(load_contacts())}
    (ROOT / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ROOT / "build", prefix="offline-") as tmp:
        workdir = Path(tmp)
        site = offline_build(workdir)
        outputs: dict[str, tuple[bytes, str, str]] = {}
        all_files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
        outputs[f"{name}.zip"] = (zip_bundle(name, all_files, list(LANGUAGES), meta, epoch), "zip", "all")
        for lang in LANGUAGES:
            top = f"{name}-{lang}"
            outputs[f"{top}.zip"] = (zip_bundle(top, language_files(site, lang), [lang], meta, epoch), "zip", lang)
            single = build_single_page(site, lang, settings["nav"], meta)
            outputs[f"{top}.html"] = (single, "single", lang)
        write_atomically(dist, outputs, built)
    return json.loads((dist / "bundles.json").read_text(encoding="utf-8"))["bundles"]


def write_atomically(dist: Path, outputs: dict[str, tuple[bytes, str, str]], built: str) -> None:
    """Write everything to a staging folder first, then move it into dist/."""
    dist.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=dist, prefix=".staging-"))
    try:
        bundles = []
        for filename, (data, kind, lang) in sorted(outputs.items()):
            (staging / filename).write_bytes(data)
            bundles.append({"file": filename, "kind": kind, "language": lang, "size": len(data), "sha256": sha256(data), "date": built})
        sums = "".join(f"{b['sha256']}  {b['file']}\n" for b in bundles)
        (staging / "SHA256SUMS").write_text(sums, encoding="utf-8")
        (staging / "bundles.json").write_text(json.dumps({"bundles": bundles}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        # Every file is complete: only now replace the previous bundles.
        for path in sorted(staging.iterdir()):
            os.replace(path, dist / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# ---------------------------------------------------------------- verify


def verify(path: Path) -> list[str]:
    """Problems of one bundle: a zip against its manifest, a file against SHA256SUMS."""
    if not path.exists():
        return [f"{path}: not found"]
    if path.suffix == ".zip":
        return verify_zip(path)
    return verify_sum(path)


def verify_zip(path: Path) -> list[str]:
    problems = []
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [f"{path.name}: not a readable zip file (damaged or incomplete download)"]
    with archive:
        names = archive.namelist()
        top = names[0].split("/", 1)[0] if names else ""
        try:
            doc = json.loads(archive.read(f"{top}/manifest.json"))
        except (KeyError, ValueError):
            return [f"{path.name}: manifest.json is missing or unreadable"]
        listed = {entry["path"]: entry for entry in doc["files"]}
        present = {n.split("/", 1)[1] for n in names if "/" in n and not n.endswith("/")} - {"manifest.json"}
        for rel, entry in sorted(listed.items()):
            if rel not in present:
                problems.append(f"{path.name}: missing file {rel}")
                continue
            try:
                data = archive.read(f"{top}/{rel}")
            except zipfile.BadZipFile as exc:
                problems.append(f"{path.name}: altered file {rel} ({exc})")
                continue
            if len(data) != entry["size"] or sha256(data) != entry["sha256"]:
                problems.append(f"{path.name}: altered file {rel} (SHA-256 does not match the manifest)")
        for rel in sorted(present - set(listed)):
            problems.append(f"{path.name}: unexpected file {rel} (not in the manifest)")
    return problems


def verify_sum(path: Path) -> list[str]:
    sums = path.parent / "SHA256SUMS"
    if not sums.is_file():
        return [f"{path.name}: no SHA256SUMS beside it to check against"]
    expected = dict(reversed(line.split("  ", 1)) for line in sums.read_text(encoding="utf-8").split("\n") if line)
    if path.name not in expected:
        return [f"{path.name}: not listed in SHA256SUMS"]
    if sha256(path.read_bytes()) != expected[path.name]:
        return [f"{path.name}: altered (SHA-256 does not match SHA256SUMS)"]
    return []


# ---------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build every bundle into dist/")
    build_cmd.add_argument("--dist", type=Path, default=ROOT / "dist")
    verify_cmd = sub.add_parser("verify", help="check bundles against their manifest")
    verify_cmd.add_argument("paths", type=Path, nargs="+")
    args = parser.parse_args(argv)

    if args.command == "verify":
        problems = [p for path in args.paths for p in verify(path)]
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"ok: {len(args.paths)} bundle(s) match their manifest")
        return 1 if problems else 0

    try:
        bundles = build(args.dist)
    except BundleError as exc:
        print(f"package_offline: {exc}", file=sys.stderr)
        return 1
    for bundle in bundles:
        print(f"{bundle['file']:<16} {bundle['size'] / 1024:8.1f} KB  {bundle['sha256'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
