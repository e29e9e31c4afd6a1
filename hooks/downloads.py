"""List the offline bundles on the download page ([[downloads]]) and publish them.

scripts/package_offline.py writes the bundles and dist/bundles.json; `make
site` runs it before the online build, so this hook can show each bundle's
size, date and SHA-256 and copy the files into the site under downloads/.
Inside an offline bundle the page says the reader already holds the copy.
"""

from __future__ import annotations

import html
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.site_strings import load_strings, page_language  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MARKER = "[[downloads]]"
DOWNLOADS_DIR = "downloads"


def bundles_file(config) -> Path:
    return ROOT / config.extra.get("bundle", {}).get("dist", "dist") / "bundles.json"


def load_bundles(config) -> list[dict]:
    """Bundles listed by the packager, or none when it has not run."""
    path = bundles_file(config)
    if config.extra.get("offline") or not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["bundles"]


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def render(bundles: list[dict], lang: str, depth: int) -> str:
    """A list of bundle links with size, date and SHA-256."""
    strings = load_strings()[lang]
    names = {code: load_strings()[code]["language_name"] for code in load_strings()}
    if not bundles:
        return f"<p>{html.escape(strings['downloads_none'])}</p>"
    items = []
    for bundle in bundles:
        if bundle["language"] == "all":
            title = strings["downloads_whole"]
        else:
            key = "downloads_single" if bundle["kind"] == "single" else "downloads_language"
            title = strings[key].format(lang=names[bundle["language"]])
        href = "../" * depth + f"{DOWNLOADS_DIR}/{bundle['file']}"
        items.append(
            f'<li><a href="{html.escape(href)}" download>{html.escape(title)}</a><br>'
            f"{html.escape(strings['downloads_size'])}: {human_size(bundle['size'])} · "
            f"{html.escape(strings['downloads_date'])}: {html.escape(bundle['date'])}<br>"
            f'<small class="sha">SHA-256: <code>{bundle["sha256"]}</code></small></li>'
        )
    return '\n<ul class="downloads">\n' + "\n".join(items) + "\n</ul>\n"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = page_language(config)
    depth = page.file.dest_uri.count("/")
    # Bundles in the reader's language first, then the whole site.
    bundles = sorted(load_bundles(config), key=lambda b: (b["language"] not in (lang, "all"), b["language"] != lang, b["file"]))
    return markdown.replace(MARKER, render(bundles, lang, depth))


def on_post_build(config):
    """Copy the bundles into the published site (once, for every language)."""
    bundles = load_bundles(config)
    if not bundles:
        return
    source = bundles_file(config).parent
    target = Path(config.site_dir) / DOWNLOADS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for bundle in bundles:
        shutil.copy2(source / bundle["file"], target / bundle["file"])
    shutil.copy2(source / "SHA256SUMS", target / "SHA256SUMS")
