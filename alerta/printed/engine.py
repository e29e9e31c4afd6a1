"""HTML and CSS to PDF with Debian's Chromium (print to PDF), and the few things done to a PDF afterwards.

Chromium was chosen by measurement over WeasyPrint 70 (README, "Printed
materials"): it lays text out exactly as the phones' browsers show the
pages, and it was faster; WeasyPrint made smaller files and numbers a table
of contents by itself, which here takes a second pass (`destinations`).
Every PDF leaves through `neutral()`: no title, author, creator, producer or
date but the build's own, no random id, so the same sources give the same
bytes. Sheets of several pages (four cards on A4, the booklet folded from
A4) are imposed with pypdf from the one-page PDFs, fonts and all.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject, NameObject, TextStringObject

from alerta.chromium import ARGS, CHROMIUM
from alerta.problems import Problem, ProblemError, say

MM = 72 / 25.4  # PDF points per millimetre
A4 = (210 * MM, 297 * MM)
FONT_FAMILY = '"Noto Sans", "Noto Sans Math", sans-serif'  # Debian's fonts-noto-core (the Makefile installs it): every letter of the four languages


class Printer:
    """One headless Chromium for every PDF of a build; nothing it loads leaves the machine.

    Playwright's sync API runs an event loop of its own and refuses to start
    where one already runs (a test's browser, a caller's Playwright): the
    printer keeps its Chromium in a thread of its own and hands it each page.
    """

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch

    def __enter__(self) -> Printer:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="printer")
        try:
            return self._thread.submit(self._start).result()
        except BaseException:
            self._thread.shutdown()
            raise

    def _start(self) -> Printer:
        from playwright.sync_api import Error, sync_playwright

        self._folder = tempfile.TemporaryDirectory(prefix="printed-")
        self._count = 0
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Error:
            self._playwright.stop()
            raise ProblemError(
                [Problem("Makefile", 0, say("Chromium no está instalado: hace falta para los PDF para imprimir", "Chromium is not installed: the printable PDFs need it"), say("ejecute make site (instala el paquete chromium de Debian)", "run make site (it installs Debian's chromium package)"))]
            ) from None
        self._page = self._browser.new_page()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._thread.submit(self._stop).result()
        finally:
            self._thread.shutdown()

    def _stop(self) -> None:
        self._browser.close()
        self._playwright.stop()
        self._folder.cleanup()

    def pdf(self, html: str) -> bytes:
        """The page printed to PDF at the size its CSS @page says, made neutral."""
        return self._thread.submit(self._pdf, html).result()

    def _pdf(self, html: str) -> bytes:
        self._count += 1
        path = Path(self._folder.name) / f"page-{self._count}.html"
        path.write_text(html, encoding="utf-8")
        self._page.goto(path.as_uri(), wait_until="load")
        return neutral(self._page.pdf(prefer_css_page_size=True, print_background=True), self.epoch)


def fit(printer: Printer, html_for, sizes) -> bytes:
    """The PDF of the first size whose page fits on one sheet (the last size's, however long, if none does)."""
    for size in sizes:
        pdf = printer.pdf(html_for(size))
        if page_count(pdf) == 1:
            break
    return pdf


def _date(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def neutral(data: bytes, epoch: int, writer: PdfWriter | None = None) -> bytes:
    """The PDF with nothing in its metadata but the build's date: no title, author, creator or producer, no random id."""
    if writer is None:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    stamp = TextStringObject(_date(epoch))
    info = writer._info.get_object() if writer._info is not None else None
    if info is not None:
        for key in list(info):
            del info[key]
        info[NameObject("/CreationDate")] = stamp
        info[NameObject("/ModDate")] = stamp
    writer._ID = None
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def destinations(data: bytes) -> dict[str, int]:
    """Where each linked id landed: {id: page number from 1}, from the PDF's named destinations."""
    reader = PdfReader(io.BytesIO(data))
    return {unquote(name.lstrip("/")): reader.get_destination_page_number(dest) + 1 for name, dest in reader.named_destinations.items()}


def _form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """A page as a Form XObject of the writer: placed by reference, its content never parsed again."""
    contents = page["/Contents"].get_object()
    parts = contents if isinstance(contents, ArrayObject) else [contents]
    form = DecodedStreamObject()
    form.set_data(b"\n".join(part.get_object().get_data() for part in parts))
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (0, 0, float(page.mediabox.width), float(page.mediabox.height))),
            NameObject("/Resources"): page["/Resources"].get_object().clone(writer),
        }
    )
    return writer._add_object(form.flate_encode())


def _sheet(writer: PdfWriter, size: tuple[float, float], placed: list[tuple[IndirectObject, float, float]]) -> None:
    """One new page of the writer showing forms at (x, y) points from its lower left corner."""
    sheet = PageObject.create_blank_page(writer, width=size[0], height=size[1])
    names = {NameObject(f"/P{i}"): form for i, (form, _, _) in enumerate(placed)}
    sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(names)})
    content = DecodedStreamObject()
    content.set_data("".join(f"q 1 0 0 1 {x:.3f} {y:.3f} cm /P{i} Do Q\n" for i, (_, x, y) in enumerate(placed)).encode("ascii"))
    sheet[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    writer.add_page(sheet)


def four_up(card: bytes, guides: bytes, epoch: int) -> bytes:
    """Four copies of a one-page A6 card on one A4 sheet, with the cutting guides laid over."""
    writer = PdfWriter()
    card_page = PdfReader(io.BytesIO(card)).pages[0]
    width, height = float(card_page.mediabox.width), float(card_page.mediabox.height)
    form, lines = _form(writer, card_page), _form(writer, PdfReader(io.BytesIO(guides)).pages[0])
    _sheet(writer, A4, [(form, x * width, y * height) for x in (0, 1) for y in (0, 1)] + [(lines, 0, 0)])
    return neutral(b"", epoch, writer)


def folded_booklet(pages_pdf: bytes, epoch: int) -> bytes:
    """A5 pages on A4 sheets in the order that, printed on both sides (short edge) and folded, reads as a booklet."""
    writer = PdfWriter()
    pages = list(PdfReader(io.BytesIO(pages_pdf)).pages)
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    forms = [_form(writer, page) for page in pages]
    total = -(-len(pages) // 4) * 4
    for sheet in range(total // 4):
        for left, right in ((total - 2 * sheet, 2 * sheet + 1), (2 * sheet + 2, total - 2 * sheet - 1)):
            placed = [(forms[number - 1], x, 0) for number, x in ((left, 0.0), (right, width)) if number <= len(forms)]
            _sheet(writer, (2 * width, height), placed)
    return neutral(b"", epoch, writer)
