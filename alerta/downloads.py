"""The offline files listed on the download page ([[downloads]]).

scripts/package_offline.py writes the bundles and dist/bundles.json before
the online build, so the page can show each file's size, date and SHA-256,
the signed list (SHA256SUMS, SHA256SUMS.sig) and the key that checks it.
Inside an offline copy the page says where to get the files instead.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from alerta.offline.signing import SIGNATURE_SUFFIX
from alerta.offline.sums import SUMS_NAME

MARKER = "[[downloads]]"
DOWNLOADS_DIR = "downloads"
# The strings key of each kind of file's title: downloads_<kind> ("{lang}" in it), downloads_<kind>_all for every language.
TITLES = {"zip": "downloads_language", "single": "downloads_single", "zim": "downloads_zim"}
ALL_LANGUAGES_TITLES = {"zip": "downloads_whole"}


DIST_ENV = "SITE_DIST_DIR"  # `make site` builds the bundles into a temporary folder first


def bundles_file(root: Path, extra: dict) -> Path:
    folder = os.environ.get(DIST_ENV) or root / extra.get("bundle", {}).get("dist", "dist")
    return Path(folder) / "bundles.json"


def load_listing(root: Path, extra: dict) -> dict:
    """bundles.json as the packager wrote it ({"bundles": [...], "signing": {...}}); empty inside a bundle, or before the packager has run."""
    path = bundles_file(root, extra)
    if extra.get("offline") or not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def load_bundles(root: Path, extra: dict) -> list[dict]:
    """The bundles listed by the packager (none inside a bundle, or before it has run)."""
    return load_listing(root, extra).get("bundles", [])


def human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def sort_for(bundles: list[dict], lang: str) -> list[dict]:
    """The reader's language first, then the whole site, then the others."""
    return sorted(bundles, key=lambda b: (b["language"] not in (lang, "all"), b["language"] != lang, b["file"]))


def offline_note(strings: dict[str, str], online_page: str | None) -> str:
    """Inside an offline copy: where the files are (the site's download page when its address is known)."""
    link = f' <a href="{html.escape(online_page)}">{html.escape(strings["downloads_offline_link"])}</a>' if online_page else ""
    return f'<p class="downloads-offline">{html.escape(strings["downloads_offline"])}{link}</p>'


def signed_list(signing: dict, prefix: str, strings: dict[str, str]) -> str:
    """Links to SHA256SUMS and its signature, the public key, and the development key's label when it signed."""
    key = html.escape(signing["public_key"])
    label = f'<br><strong class="dev-key">{html.escape(strings["downloads_dev_key"])}</strong>' if signing.get("development") else ""
    return (
        f'<p class="downloads-sums"><a href="{prefix}{SUMS_NAME}" download>{html.escape(strings["downloads_sums"])}</a> · '
        f'<a href="{prefix}{SUMS_NAME}{SIGNATURE_SUFFIX}" download>{html.escape(strings["downloads_signature"])}</a><br>'
        f'{html.escape(strings["downloads_key"])}: <code class="public-key">{key}</code>{label}</p>'
    )


def elsewhere(others: dict[str, str], all_strings: dict[str, dict[str, str]], lang: str) -> str:
    """Links to the download page of every other language ({code: its address from this page})."""
    links = " · ".join(f'<a href="{html.escape(href)}#files" hreflang="{code}" lang="{code}">{html.escape(all_strings[code]["language_name"])}</a>' for code, href in others.items())
    return f'<p class="downloads-elsewhere">{html.escape(all_strings[lang]["downloads_other_languages"])}: {links}</p>\n'


def render(bundles: list[dict], lang: str, depth: int, all_strings: dict[str, dict[str, str]], signing: dict | None = None, others: dict[str, str] | None = None) -> str:
    """The files in the reader's language and in all languages (the others' pages are linked, `others`): links with
    size, date and SHA-256, then the signed list and its key. One language's files keep the page light."""
    strings = all_strings[lang]
    names = {code: all_strings[code]["language_name"] for code in all_strings}
    if not bundles:
        return f"<p>{html.escape(strings['downloads_none'])}</p>"
    items = []
    for bundle in bundles:
        if others is not None and bundle["language"] not in (lang, "all"):
            continue
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
    listing = '\n<ul class="downloads">\n' + "\n".join(items) + "\n</ul>\n" + (elsewhere(others, all_strings, lang) if others else "")
    return listing + (signed_list(signing, "../" * depth + f"{DOWNLOADS_DIR}/", strings) + "\n" if signing else "")
