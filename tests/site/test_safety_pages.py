"""Safe on a shared phone, as built: quick exit as a plain link, help in the first round trip, headers, the card."""

from __future__ import annotations

import gzip
import re
import zlib

import pytest

from alerta.config import site_config
from tests.conftest import LANGUAGES

EXIT_URL = site_config().extra["quick_exit"]["url"]
FIRST_ROUND_TRIP = 14 * 1024
GZIP_LEVEL = 6  # what common hosts use


def first_round_trip(page: bytes) -> bytes:
    """What a reader's phone can show from the first 14 KB the host sends (gzip, as hosts serve HTML)."""
    sent = gzip.compress(page, compresslevel=GZIP_LEVEL, mtime=0)[:FIRST_ROUND_TRIP]
    return zlib.decompressobj(wbits=31).decompress(sent)


def test_exit_is_a_plain_link_without_javascript(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="quick-exit__button" href="' + re.escape(EXIT_URL) + '"', page)


def test_emergency_number_and_help_link_in_first_round_trip_of_every_page(built_site):
    pages = sorted(p for p in built_site.rglob("*.html") if "assets" not in p.parts)
    assert len(pages) >= 40
    for page in pages:
        head = first_round_trip(page.read_bytes())
        assert b'href="tel:110"' in head, page
        assert b'class="help-bar__help" href="' in head, page


def test_help_link_leads_to_the_help_page_of_the_same_language(built_site):
    for lang in LANGUAGES:
        prefix = "" if lang == "es" else f"{lang}/"
        page = built_site / prefix / "formas.html"
        href = re.search(r'class="help-bar__help" href="([^"]+)"', page.read_text(encoding="utf-8")).group(1)
        assert (page.parent / href).resolve() == (built_site / prefix / "ayuda.html").resolve()


def test_headers_file_for_hosts(built_site):
    headers = (built_site / "_headers").read_text()
    assert headers.startswith("/*\n")
    for expected in ("Content-Security-Policy: default-src 'none'", "Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff", "Permissions-Policy: camera=()", "frame-ancestors 'none'"):
        assert expected in headers


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printable_card_per_language(built_site, lang):
    prefix = "" if lang == "es" else f"{lang}/"
    card = (built_site / prefix / "tarjeta.html").read_text(encoding="utf-8")
    assert 'class="contacts contacts--compact"' in card
    assert 'href="tel:110"' in card
    assert 'id="recruitment-red-flags"' in card
