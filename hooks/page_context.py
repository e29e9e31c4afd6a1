"""Give every page template what the site's own partials need.

`s` (the language's strings), the help page for the help bar (its emergency
number comes from hooks/contacts.py), the quick-exit destination, and the
names of the stylesheets and script: the site's own are renamed with a hash
of their content, Material's already carries one (found, not hard-coded).
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
from mkdocs.exceptions import PluginError

from alerta.config import site_config
from alerta.strings import StringsError, build_strings, page_language
from alerta.theme_assets import FINGERPRINTED, fingerprinted, is_theme_css

_assets: dict[str, str] = {}
_minified: dict[str, bytes] = {}  # published name -> the script as published


def on_config(config):
    """Fail early, with the file named, on a broken strings file or exit setting."""
    try:
        build_strings(config)
    except StringsError as exc:
        raise PluginError(str(exc)) from None
    if not (config.extra.get("quick_exit") or {}).get("url"):
        raise PluginError("mkdocs.yml: extra.quick_exit.url is missing. Set the neutral page the quick-exit button opens.")
    return config


def on_files(files, config):
    """Rename the site's CSS and JS to name.<hash>.ext; note Material's stylesheet."""
    for file in files:
        if file.src_uri in FINGERPRINTED:
            source = Path(file.abs_src_path).read_bytes()
            published = rjsmin.jsmin(source.decode("utf-8")).encode("utf-8") if file.src_uri.endswith(".js") else source
            file.dest_uri = fingerprinted(file.dest_uri, published)
            if published is not source:
                _minified[file.dest_uri] = published
            file.url = file.dest_uri
            file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
            _assets[file.src_uri] = file.dest_uri
        elif is_theme_css(file.src_uri):
            _assets["theme_css"] = file.dest_uri
    return files


def on_post_build(config):
    """The site's scripts as published: without comments and indentation (a phone fetches site.js before
    the page's load event: 2.5 KB gzip as written, 1.5 KB minified)."""
    for dest_uri, published in _minified.items():
        (Path(config.site_dir) / dest_uri).write_bytes(published)


def on_template_context(context, template_name, config):
    """The same values for pages that are templates only (404.html)."""
    return on_page_context(context, None, config, None)


def on_page_context(context, page, config, nav):
    """Strings and links for the help bar, quick exit and assets."""
    lang = page_language(config)
    help_page = config.extra.get("help_page", "ayuda.md").replace(".md", ".html")
    context.update(
        s=build_strings(config)[lang],
        help_url=site_config(config.config_file_path).prefix(lang) + help_page,
        quick_exit_url=_exit_url(config, page),
        theme_css=_assets["theme_css"],
        site_css=_assets["assets/stylesheets/site.css"],
        site_js=_assets["assets/javascripts/site.js"],
        check_js=_assets["assets/javascripts/check.js"],
    )
    return context


def _exit_url(config, page) -> str:
    """External exit URLs stay as they are; a bundled page is made relative."""
    url = config.extra["quick_exit"]["url"]
    if "://" in url or page is None:
        return url
    return "../" * page.file.dest_uri.count("/") + url
