"""Find every resource a built site would load from another origin (the site must load none)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from tests.support.pages import tags

RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "embed": "src", "object": "data"}


LINK_RESOURCE_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest", "apple-touch-icon"}


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


JS_ORIGIN = re.compile(r"""(?:fetch|importScripts|XMLHttpRequest|src\s*=|href\s*=|open)\s*\(?\s*['"`](?:https?:)?//""")


def is_external(url: str) -> bool:
    return bool(urlparse(url).scheme in ("http", "https") or url.startswith("//"))


def third_party_resources(site: Path) -> list[str]:
    """Every resource URL in the built site that points outside it."""
    found = []
    for path in site.rglob("*"):
        rel = path.relative_to(site)
        if path.suffix == ".html":
            for tag, attrs in tags(path):
                urls = []
                if tag in RESOURCE_ATTRS and attrs.get(RESOURCE_ATTRS[tag]):
                    urls.append(attrs[RESOURCE_ATTRS[tag]])
                for srcset in (attrs.get("srcset"),):
                    if srcset:
                        urls += [part.strip().split(" ")[0] for part in srcset.split(",")]
                if tag == "link" and set((attrs.get("rel") or "").split()) & LINK_RESOURCE_RELS:
                    urls.append(attrs.get("href", ""))
                if attrs.get("style"):
                    urls += CSS_URL.findall(attrs["style"])
                found += [f"{rel}: <{tag}> {u}" for u in urls if is_external(u)]
            text = path.read_text(encoding="utf-8")
            found += [f"{rel}: inline css url({u})" for u in CSS_URL.findall(text) if is_external(u) and "<style" in text]
        elif path.suffix == ".css":
            found += [f"{rel}: url({u})" for u in CSS_URL.findall(path.read_text(encoding="utf-8")) if is_external(u)]
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8")
            found += [f"{rel}: {m.group(0)}" for m in JS_ORIGIN.finditer(text)]
    return found
