"""A Content-Security-Policy that allows only the site's own files.

Each page carries it as a <meta> tag (so it holds on any host and from
file://); `_headers` repeats it for hosts that read that file, with the
headers a meta tag cannot set. Inline <script>/<style> blocks, if a template
ever adds one, are allowed by their SHA-256 hash, never by 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

BASE_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
}
EXTRA_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    # Only in _headers: a meta CSP cannot forbid framing.
    "X-Frame-Options": "DENY",
}
CSP_PLACEHOLDER = "__CSP__"
INLINE = re.compile(r"<(script|style)(?![^>]*\bsrc=)[^>]*>(.*?)</\1>", re.S)
_script_hashes: set[str] = set()
_style_hashes: set[str] = set()


def policy(script_hashes=(), style_hashes=(), frame_ancestors: bool = False) -> str:
    """The policy as one header value."""
    directives = {k: list(v) for k, v in BASE_POLICY.items()}
    directives["script-src"] += sorted(script_hashes)
    directives["style-src"] += sorted(style_hashes)
    if frame_ancestors:
        directives["frame-ancestors"] = ["'none'"]
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def inline_hashes(page_html: str) -> tuple[set[str], set[str]]:
    """CSP source expressions for the page's inline scripts and styles."""
    scripts, styles = set(), set()
    for match in INLINE.finditer(page_html):
        digest = base64.b64encode(hashlib.sha256(match.group(2).encode("utf-8")).digest()).decode()
        (scripts if match.group(1) == "script" else styles).add(f"'sha256-{digest}'")
    return scripts, styles


def on_page_context(context, page, config, nav):
    context["csp"] = CSP_PLACEHOLDER
    return context


def on_template_context(context, template_name, config):
    context["csp"] = CSP_PLACEHOLDER
    return context


def on_post_template(output, template_name, config):
    return on_post_page(output, None, config)


def on_post_page(output, page, config):
    scripts, styles = inline_hashes(output)
    _script_hashes.update(scripts)
    _style_hashes.update(styles)
    return output.replace(CSP_PLACEHOLDER, policy(scripts, styles), 1)


def on_post_build(config):
    """Write _headers for hosts that read it (Netlify, Cloudflare Pages)."""
    csp = policy(_script_hashes, _style_hashes, frame_ancestors=True)
    lines = ["/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS.items()]
    Path(config.site_dir, "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
