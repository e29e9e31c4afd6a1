"""Share images, the message to forward, QR codes and the card's caveats, without a browser."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from alerta.config import site_config
from alerta.contacts import emergency_phone, load_contacts
from alerta.printed.blocks import Block, marked_blocks
from alerta.printed.qr import codes, image
from alerta.printed.share import MESSAGE_MAX, SIZE, forward_message, share_image
from alerta.strings import load_strings

LANGUAGES = site_config().codes
CONTACTS = load_contacts()
NUMBER = emergency_phone(CONTACTS, "police-emergency").display


def decoded(picture: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(picture)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_share_images_are_square_light_and_bare(lang):
    strings = load_strings()[lang]
    blocks = [b for b in marked_blocks(lang, CONTACTS) if "share" in b.kinds]
    assert len(blocks) == 3  # the warning signs of a false job offer, what to do, the emergency number
    for block in blocks:
        data = share_image(block, NUMBER, codes(CONTACTS, site_config()), strings, "")
        picture = Image.open(io.BytesIO(data))
        assert picture.size == (SIZE, SIZE) == (1080, 1080)
        assert len(data) <= 150 * 1024
        assert not picture.info.keys() & {"exif", "xmp", "icc_profile", "comment", "dpi", "XML:com.adobe.xmp"}
        assert not getattr(picture, "text", {})
        assert decoded(picture.convert("RGB")) == ["tel:110"]


def test_a_block_too_long_for_an_image_is_refused():
    block = Block("docs/es/tarjeta.md", 3, {"share"}, "Título", items=["palabra " * 40] * 12)
    assert share_image(block, NUMBER, codes(CONTACTS, site_config()), load_strings()["es"], "") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_forward_message_is_short_plain_and_has_the_number(lang):
    text = forward_message(marked_blocks(lang, CONTACTS), NUMBER, load_strings()[lang], "")
    assert len(text) < MESSAGE_MAX
    assert "110" in text and "<" not in text and "[[" not in text
    assert text.count("\n- ") >= 5  # the signs of a false offer, one a line


def test_qr_codes_decode_and_the_site_only_when_its_address_is_set():
    config = site_config()
    assert [c.data for c in codes(CONTACTS, config)] == ["tel:110"]
    assert decoded(image("tel:110", 300)) == ["tel:110"]
    with_site = type(config)(config.path, {**config.data, "site_url": "https://example.org/"}, config.languages)
    assert [c.data for c in codes(CONTACTS, with_site)] == ["tel:110", "https://example.org/"]
    assert decoded(image("https://example.org/", 300)) == ["https://example.org/"]


def test_caveat_is_short_and_has_spanish_and_english(tmp_path):
    from alerta.problems import ProblemError

    entry = (
        "- id: line\n  kind: support\n  name: Line\n  area: national\n  phones: []\n  description: {es: a, en: a}\n"
        "  caveat: {es: " + "x" * 130 + "}\n  sources: [{name: s, date: 2024}]\n  confirmed: null\n"
    )
    (tmp_path / "contacts.yml").write_text(entry, encoding="utf-8")
    with pytest.raises(ProblemError) as caught:
        load_contacts(tmp_path / "contacts.yml", root=tmp_path)
    messages = [str(p.what) for p in caught.value.problems]
    assert any("130 caracteres, más de 120" in m for m in messages) and any("no tiene texto en 'en'" in m for m in messages)
