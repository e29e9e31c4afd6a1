"""Give every page template what the site's own partials need.

`s` (the language's strings), the help page for the help bar (its emergency
number comes from hooks/contacts.py), the quick-exit destination, and fingerprinted names for the site's
own CSS and JavaScript (so browsers may cache them for good).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.site_strings import DEFAULT_LANGUAGE, StringsError, load_strings, page_language  # noqa: E402

FINGERPRINTED = ("assets/stylesheets/site.css", "assets/javascripts/site.js")
_assets: dict[str, str] = {}


def on_config(config):
    """Fail early, with the file named, on a broken strings file or exit setting."""
    try:
        load_strings()
    except StringsError as exc:
        raise PluginError(str(exc)) from None
    exit_url = (config.extra.get("quick_exit") or {}).get("url")
    if not exit_url:
        raise PluginError("mkdocs.yml: extra.quick_exit.url is missing. Set the neutral page the quick-exit button opens.")
    return config


def on_files(files, config):
    """Rename the site's CSS and JS to name.<hash>.ext."""
    for file in files:
        if file.src_uri in FINGERPRINTED:
            digest = hashlib.sha256(Path(file.abs_src_path).read_bytes()).hexdigest()[:8]
            stem, ext = file.dest_uri.rsplit(".", 1)
            file.dest_uri = f"{stem}.{digest}.{ext}"
            file.url = file.dest_uri
            file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
            _assets[file.src_uri] = file.dest_uri
    return files


def on_template_context(context, template_name, config):
    """The same values for pages that are templates only (404.html)."""
    return on_page_context(context, None, config, None)


def on_page_context(context, page, config, nav):
    """Strings and links for the help bar, quick exit and assets."""
    lang = page_language(config)
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    help_page = config.extra.get("help_page", "ayuda.md").replace(".md", ".html")
    context.update(
        s=load_strings()[lang],
        help_url=prefix + help_page,
        quick_exit_url=_exit_url(config, page),
        site_css=_assets["assets/stylesheets/site.css"],
        site_js=_assets["assets/javascripts/site.js"],
    )
    return context


def _exit_url(config, page) -> str:
    """External exit URLs stay as they are; a bundled page is made relative."""
    url = config.extra["quick_exit"]["url"]
    if "://" in url or page is None:
        return url
    depth = page.file.dest_uri.count("/")
    return "../" * depth + url
