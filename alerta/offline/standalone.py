"""One shell for pages that need no other file: the bundles' start page and the single files."""

from __future__ import annotations

import html

from alerta.csp import source_hash


def standalone_page(lang: str, title: str, css: str, body: str, script: str = "", media: bool = False) -> str:
    """A page that needs no other file (but the recordings beside it, with media=True): inline CSS and script (if any), each allowed by its hash in the page's CSP."""
    csp = f"default-src 'none'; style-src {source_hash(css)}; img-src data:" + (f"; script-src {source_hash(script)}" if script else "") + ("; media-src 'self'" if media else "")
    script_tag = f"\n<script>{script}</script>" if script else ""
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<title>{html.escape(title)}</title>
<style>{css}</style>
</head>
<body>
{body}{script_tag}
</body>
</html>
"""
