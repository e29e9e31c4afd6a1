"""A Content-Security-Policy that allows only the site's own files.

Each page carries it as a <meta> tag (so it holds on any host and from
file://); `_headers` repeats it for hosts that read that file, with the
headers a meta tag cannot set. Code the project itself inlines (a <style>
or <script> block) is allowed by the SHA-256 of exactly that code, which
the code that inlines it registers; never by 'unsafe-inline', and never by
hashing whatever a page happens to contain (that would also allow a script
slipped into the content). The link checker reports an inline block whose
hash the page's policy does not list.
"""

from __future__ import annotations

import base64
import hashlib

BASE_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"],  # recordings (alerta/audio/)
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
PLACEHOLDER = "__CSP__"


def source_hash(code: str) -> str:
    """The CSP source expression that allows exactly this inline code."""
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def policy(script_hashes=(), style_hashes=(), frame_ancestors: bool = False) -> str:
    """The policy as one header value."""
    directives = {k: list(v) for k, v in BASE_POLICY.items()}
    directives["script-src"] += sorted(script_hashes)
    directives["style-src"] += sorted(style_hashes)
    if frame_ancestors:
        directives["frame-ancestors"] = ["'none'"]
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def add_source(value: str, directive: str, source: str) -> str:
    """A policy (header value) with one more source allowed in one directive; the rest as it was."""
    parts = [part.strip() for part in value.split(";") if part.strip()]
    for n, part in enumerate(parts):
        if part.split()[0] == directive:
            parts[n] = part if source in part.split()[1:] else f"{part} {source}"
            break
    else:
        parts.append(f"{directive} {source}")
    return "; ".join(parts)


def headers_file(script_hashes=(), style_hashes=()) -> str:
    """_headers for hosts that read it (Netlify, Cloudflare Pages)."""
    lines = ["/*", f"  Content-Security-Policy: {policy(script_hashes, style_hashes, frame_ancestors=True)}"]
    lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS.items()]
    return "\n".join(lines) + "\n"


_SCRIPTS: dict[str, str] = {}  # hash -> inline script the project inlines


def register_script(code: str) -> str:
    """Allow exactly this inline script, on the pages that contain it (called by the code that inlines it); its hash."""
    digest = source_hash(code)
    _SCRIPTS[digest] = code
    return digest


def script_hashes(page: str | None = None) -> list[str]:
    """The registered scripts a page contains (every registered one for _headers)."""
    return sorted(h for h, code in _SCRIPTS.items() if page is None or code in page)
