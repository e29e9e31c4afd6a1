"""A local stand-in for Google Fonts, so the stock site's font request costs what a real connection
costs: HTTPS on 127.0.0.1 with a certificate for fonts.googleapis.com and fonts.gstatic.com made on
the spot (trustme), which Chromium reaches through `--host-resolver-rules` and accepts through
`--ignore-certificate-errors-spki-list` (that key alone), so its requests go through the same
throttled link as the site's. The stylesheet is shaped like Google's answer (an @font-face per
family, weight and style the query asks for, latin unicode-range, the font-display asked for); the
font files get 404, as no real Roboto can be had here (the stock figures leave their bytes out).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import ssl
from urllib.parse import parse_qs

import trustme
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bench.server import GZIP_LEVEL, CountingServer, Reply

CSS_HOST, FONT_HOST = "fonts.googleapis.com", "fonts.gstatic.com"
HOSTS = (CSS_HOST, FONT_HOST)
# Google's "latin" subset, as its stylesheets name it.
LATIN = ("U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, "
         "U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD")
# Both headers as Google sends them: resource timing may read the sizes, fonts load with CORS.
SHARED_HEADERS = {"Timing-Allow-Origin": "*", "Access-Control-Allow-Origin": "*", "Server": "bench-fonts"}
WEIGHT_NAMES = {"regular": "400", "italic": "400i", "bold": "700", "bolditalic": "700i"}


def faces(query: str) -> list[tuple[str, int, str]]:
    """(family, weight, style) of every face a stylesheet query asks for, in its order.

    The css API: family=Roboto:300,300i,400italic|Roboto+Mono (no list: 400 normal);
    the css2 API: family=Roboto:ital,wght@0,300;1,700 (one family parameter each).
    """
    out = []
    for value in parse_qs(query).get("family", []):
        for spec in value.split("|"):
            family, _, variants = spec.partition(":")
            family = family.strip()
            if not family:
                continue
            if "@" in variants:  # css2: axis names, then tuples of values
                axes, _, tuples = variants.partition("@")
                names = axes.split(",")
                for values in tuples.split(";"):
                    axis = dict(zip(names, values.split(",")))
                    out.append((family, int(float(axis.get("wght", 400))), "italic" if axis.get("ital") == "1" else "normal"))
                continue
            for variant in (variants.split(",") if variants else ["400"]):
                variant = WEIGHT_NAMES.get(variant.strip().lower(), variant.strip().lower())
                weight = variant.removesuffix("italic").removesuffix("i") or "400"
                if weight.isdigit():
                    out.append((family, int(weight), "italic" if weight != variant else "normal"))
    return list(dict.fromkeys(out))


def font_css(query: str) -> str:
    """The stylesheet Google would send for the query (the latin subset, woff2)."""
    display = (parse_qs(query).get("display") or [""])[0]
    blocks = []
    for family, weight, style in faces(query):
        slug = family.lower().replace(" ", "")
        src = f"https://{FONT_HOST}/s/{slug}/{weight}{'i' if style == 'italic' else ''}.woff2"
        lines = [f"  font-family: '{family}';", f"  font-style: {style};", f"  font-weight: {weight};"]
        if display:
            lines.append(f"  font-display: {display};")
        lines += [f"  src: url({src}) format('woff2');", f"  unicode-range: {LATIN};"]
        blocks.append("/* latin */\n@font-face {\n" + "\n".join(lines) + "\n}\n")
    return "".join(blocks)


class GoogleFontsStandIn(CountingServer):
    """fonts.googleapis.com and fonts.gstatic.com on one HTTPS port of 127.0.0.1."""

    def __init__(self) -> None:
        self.ca = trustme.CA()
        self.cert = self.ca.issue_cert(*HOSTS)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.cert.configure_cert(context)
        super().__init__(tls=context)

    def spki(self) -> str:
        """base64 SHA-256 of the certificate's public key, as Chromium's SPKI list takes it."""
        cert = x509.load_pem_x509_certificate(self.cert.cert_chain_pems[0].bytes())
        return base64.b64encode(hashlib.sha256(cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)).digest()).decode()

    def chromium_args(self) -> list[str]:
        """Both hosts to this server, every other host but 127.0.0.1 unresolvable, this certificate accepted."""
        rules = ", ".join(f"MAP {host} 127.0.0.1:{self.port}" for host in HOSTS) + ", MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
        return [f"--host-resolver-rules={rules}", f"--ignore-certificate-errors-spki-list={self.spki()}"]

    def reply(self, path: str, query: str, headers) -> Reply:
        host = (headers.get("Host") or "").split(":")[0].lower()
        if host == CSS_HOST and path in ("/css", "/css2"):
            css = font_css(query).encode()
            out = {**SHARED_HEADERS, "Content-Type": "text/css; charset=utf-8", "Cache-Control": "private, max-age=86400", "Vary": "Accept-Encoding"}
            if "gzip" in (headers.get("Accept-Encoding") or ""):
                out["Content-Encoding"] = "gzip"
                return Reply(200, out, gzip.compress(css, compresslevel=GZIP_LEVEL, mtime=0), len(css))
            return Reply(200, out, css, len(css))
        body = b"Not Found"
        return Reply(404, {**SHARED_HEADERS, "Content-Type": "text/plain; charset=utf-8"}, body, len(body))
