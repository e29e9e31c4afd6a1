"""QR codes that work with no network: the emergency number as tel:, and the site's address when it is known.

The public address is mkdocs.yml `site_url`. While it is unset, printed
materials carry the tel: code only and `make site` says, in one line, how
to set it: an address is never guessed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from PIL import Image

from alerta.config import SiteConfig
from alerta.contacts import Contact, emergency_phone

SITE_URL_HINT = "Los materiales impresos llevan solo el código QR del número de emergencia: cuando el sitio tenga dirección pública, escríbala en mkdocs.yml (site_url: https://...) y su código QR se agregará."


@dataclass(frozen=True)
class Code:
    kind: str  # "tel" or "site"
    data: str  # what the code says: tel:110, https://...
    shown: str  # what is printed beside it: 110, the address


def site_address(config: SiteConfig) -> str:
    """mkdocs.yml site_url, or "" while the public address is not known."""
    return str(config.data.get("site_url") or "").strip()


def codes(contacts: list[Contact], config: SiteConfig) -> list[Code]:
    """The tel: code of the emergency number, then the site's address if it is set."""
    phone = emergency_phone(contacts, config.extra.get("emergency_contact", "police-emergency"))
    out = [Code("tel", f"tel:{phone.number}", phone.display)]
    address = site_address(config)
    if address:
        out.append(Code("site", address, address.removeprefix("https://").removeprefix("http://").rstrip("/")))
    return out


def svg(data: str) -> str:
    """The code as inline SVG (one path, no size: the CSS sizes it); medium error correction survives a worn print."""
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(out, kind="svg", xmldecl=False, svgns=True, nl=False, border=2, scale=1, omitsize=True)
    return out.getvalue().decode("ascii")


def image(data: str, size: int) -> Image.Image:
    """The code as a black-on-white Pillow image about `size` pixels wide (whole modules, quiet zone included)."""
    code = segno.make(data, error="m", micro=False)
    modules = code.symbol_size(scale=1, border=2)[0]
    out = io.BytesIO()
    code.save(out, kind="png", scale=max(1, size // modules), border=2)
    out.seek(0)
    return Image.open(out).convert("L")
