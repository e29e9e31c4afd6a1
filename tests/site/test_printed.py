"""The printed files of the session's bundles (the `dist` fixture): one page per sheet, fonts inside, dates, QR codes, neutral metadata."""

from __future__ import annotations

import io
import json
import subprocess
import unicodedata

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from alerta.config import site_config
from alerta.contacts import load_contacts
from alerta.directory import as_of
from alerta.printed.engine import destinations

LANGUAGES = site_config().codes
ONE_PAGE = ("tarjeta", "tarjetas-a4", "afiche-a4", "afiche-a3")
OLDEST = as_of(load_contacts())["oldest"]  # the directory's oldest "as of" date, printed on every sheet


def reader(dist, name: str) -> PdfReader:
    return PdfReader(io.BytesIO((dist / name).read_bytes()))


def first_page_png(path, dpi: int = 150) -> Image.Image:
    out = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", str(path)], capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(out)).convert("RGB")


def fonts(pdf: PdfReader) -> list[dict]:
    """Every font of every page, resolved."""
    found = []
    for page in pdf.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            found.append(font.get_object())
        for form in ((page.get("/Resources", {}).get("/XObject")) or {}).values():
            for font in (form.get_object().get("/Resources", {}).get("/Font") or {}).values():
                found.append(font.get_object())
    return found


def embedded(font: dict) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are drawn inside the file
    descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    descriptor = descendant["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_sheet_is_one_page_with_its_fonts_dates_and_a_working_qr(dist, lang):
    meta = json.loads((dist / "bundles.json").read_text())["bundles"][0]
    for kind in ONE_PAGE:
        name = f"guia-{kind}-{lang}.pdf"
        pdf = reader(dist, name)
        assert len(pdf.pages) == 1, name
        assert fonts(pdf) and all(embedded(f) for f in fonts(pdf)), name
        assert {f.get("/BaseFont", "").split("+")[-1].split("-")[0] for f in fonts(pdf) if f.get("/Subtype") != "/Type3"} == {"NotoSans"}, name
        text = pdf.pages[0].extract_text()
        assert meta["date"] in text, name  # the build date
        assert OLDEST in text and "110" in text, name  # the contacts' oldest date, the emergency number
        results = [r.text for r in zxingcpp.read_barcodes(first_page_png(dist / name))]
        assert results.count("tel:110") == (4 if kind == "tarjetas-a4" else 1), name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_card_carries_marks_dates_and_caveats(dist, lang):
    from alerta.strings import load_strings

    strings = load_strings()[lang]
    # NFKC: Noto Sans sets "fi" as one ligature glyph.
    text = " ".join(unicodedata.normalize("NFKC", reader(dist, f"guia-tarjeta-{lang}.pdf").pages[0].extract_text()).split())
    assert " ".join(strings["contacts_not_confirmed"].split()) in text
    assert "800 14 0348" in text and "2022-01-28" in text
    assert "122" not in text.replace(OLDEST, "")  # a withheld number is never printed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_booklet_contents_point_at_the_right_pages(dist, lang):
    pdf = reader(dist, f"guia-cuadernillo-{lang}.pdf")
    landed = destinations((dist / f"guia-cuadernillo-{lang}.pdf").read_bytes())
    contents = pdf.pages[0].extract_text()
    for anchor in ("index", "señales", "ayuda", "seguridad"):
        assert str(landed[anchor]) in contents
        assert pdf.pages[landed[anchor] - 1].extract_text().strip()
    last = pdf.pages[-1].extract_text()
    assert str(len(pdf.pages)) in last and OLDEST in last  # page number, contacts date in the footer
    assert float(pdf.pages[0].mediabox.width) == pytest.approx(419.5, abs=1)  # A5
    folded = reader(dist, f"guia-cuadernillo-a4-{lang}.pdf")
    assert len(folded.pages) == -(-len(pdf.pages) // 4) * 2 and float(folded.pages[0].mediabox.width) == pytest.approx(841.9, abs=2)


def test_metadata_is_neutral_and_listed(dist):
    bundles = json.loads((dist / "bundles.json").read_text())["bundles"]
    listed = {b["file"]: b for b in bundles}
    for path in sorted(dist.glob("*.pdf")):
        pdf = reader(dist, path.name)
        assert set(pdf.metadata or {}) <= {"/CreationDate", "/ModDate"}, path.name
        assert "/ID" not in pdf.trailer, path.name
        assert path.name in listed and listed[path.name]["language"] in LANGUAGES
    images = [b for b in bundles if b["kind"] == "share"]
    assert len(images) == 3 * len(LANGUAGES) and all(b["alt"] and "110" in b["alt"] for b in images)
    for lang in LANGUAGES:
        message = (dist / f"guia-mensaje-{lang}.txt").read_text(encoding="utf-8")
        assert len(message) < 700 and "110" in message
