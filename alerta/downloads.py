"""The offline files listed on the download page ([[downloads]]).

scripts/package_offline.py writes the bundles and dist/bundles.json before
the online build, so the page can show each file's size, date and SHA-256.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

MARKER = "[[downloads]]"
DOWNLOADS_DIR = "downloads"
# The strings key of each kind of file's title: downloads_<kind> ("{lang}" in it), downloads_<kind>_all for every language.
TITLES = {"zip": "downloads_language", "single": "downloads_single"}
ALL_LANGUAGES_TITLES = {"zip": "downloads_whole"}


DIST_ENV = "SITE_DIST_DIR"  # `make site` builds the bundles into a temporary folder first


def bundles_file(root: Path, extra: dict) -> Path:
    folder = os.environ.get(DIST_ENV) or root / extra.get("bundle", {}).get("dist", "dist")
    return Path(folder) / "bundles.json"


def load_bundles(root: Path, extra: dict) -> list[dict]:
    """Bundles listed by the packager; none inside a bundle, or before the packager has run."""
    path = bundles_file(root, extra)
    if extra.get("offline") or not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["bundles"]


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def sort_for(bundles: list[dict], lang: str) -> list[dict]:
    """The reader's language first, then the whole site, then the others."""
    return sorted(bundles, key=lambda b: (b["language"] not in (lang, "all"), b["language"] != lang, b["file"]))


def render(bundles: list[dict], lang: str, depth: int, all_strings: dict[str, dict[str, str]]) -> str:
    """A list of bundle links with size, date and SHA-256."""
    strings = all_strings[lang]
    names = {code: all_strings[code]["language_name"] for code in all_strings}
    if not bundles:
        return f"<p>{html.escape(strings['downloads_none'])}</p>"
    items = []
    for bundle in bundles:
        if bundle["language"] == "all":
            title = strings[ALL_LANGUAGES_TITLES.get(bundle["kind"], f"downloads_{bundle['kind']}_all")]
        else:
            title = strings[TITLES.get(bundle["kind"], f"downloads_{bundle['kind']}")].format(lang=names[bundle["language"]])
        href = "../" * depth + f"{DOWNLOADS_DIR}/{bundle['file']}"
        # An image's words, beside it: for whoever cannot see it, and to paste with it in a chat.
        alt = ""
        if bundle.get("alt"):
            lang_attr = f' lang="{bundle["language"]}"' if bundle["language"] != lang else ""
            alt = f'<span class="downloads__alt">{html.escape(strings["downloads_alt"])}: <q{lang_attr}>{html.escape(bundle["alt"])}</q></span><br>'
        items.append(
            f'<li><a href="{html.escape(href)}" download>{html.escape(title)}</a><br>{alt}'
            f"{html.escape(strings['downloads_size'])}: {human_size(bundle['size'])} · "
            f"{html.escape(strings['downloads_date'])}: {html.escape(bundle['date'])}<br>"
            f'<small class="sha">SHA-256: <code>{bundle["sha256"]}</code></small></li>'
        )
    return '\n<ul class="downloads">\n' + "\n".join(items) + "\n</ul>\n"
