"""What travels by WhatsApp: a square image per marked block, and a plain-text message to forward.

Images are 1080x1080 PNG (WhatsApp status and groups show a square whole),
drawn with Pillow in Noto Sans, in 16 colours, with no metadata; the text
is made as large as the block allows. Each image's alt text is every word it
shows, published beside it on the download page. The message is the blocks
marked `forward`, the emergency number and the site's address, under 700
characters so it reads whole in one chat bubble.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from alerta.printed.blocks import Block
from alerta.printed.qr import Code
from alerta.printed.qr import image as qr_image
from alerta.problems import Problem, say

SIZE = 1080
MARGIN = 64
FOOT = 200  # the band at the foot: emergency number and QR code
FONTS = Path("/usr/share/fonts/truetype/noto")  # Debian's fonts-noto-core (the Makefile installs it)
WINE, INK, PAPER, LIGHT = (122, 26, 56), (24, 24, 24), (255, 255, 255), (253, 238, 238)
TEXT_SIZES = range(60, 29, -2)  # the largest that fits is used; the title is 1.2 times larger, up to 72 px
MESSAGE_MAX = 700


@functools.cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")), size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap to a width in pixels."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and face.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + ([current] if current else [])


def _layout(block: Block, title_size: int, text_size: int) -> tuple[list, int]:
    """[(kind, lines, face)] and the height they need."""
    title_face, text_face = font(title_size, bold=True), font(text_size, bold=block.emergency)
    width = SIZE - 2 * MARGIN
    parts = [("title", wrap(block.title, title_face, width), title_face)]
    parts += [("p", wrap(p, text_face, width), text_face) for p in block.paragraphs]
    parts += [("li", wrap(item, text_face, width - text_size), text_face) for item in block.items]
    height = sum(len(lines) * int(face.size * 1.25) + int(face.size * 0.45) for _, lines, face in parts)
    return parts, height


def share_image(block: Block, number: str, codes: list[Code], strings: dict, address: str) -> bytes | None:
    """The block as a square PNG, or None when it cannot fit even in the smallest type."""
    room = SIZE - 2 * MARGIN - FOOT - (0 if not block.emergency else 260)
    chosen = next(((t, s) for s in TEXT_SIZES for t in [min(72, int(s * 1.2))] if _layout(block, t, s)[1] <= room), None)
    if chosen is None:
        return None
    parts, height = _layout(block, *chosen)
    picture = Image.new("RGB", (SIZE, SIZE), LIGHT if block.emergency else PAPER)
    draw = ImageDraw.Draw(picture)
    y = MARGIN + (room - height) // 2
    for kind, lines, face in parts:
        step = int(face.size * 1.25)
        if kind == "li":
            draw.ellipse((MARGIN, y + step // 2 - 9, MARGIN + 18, y + step // 2 + 9), fill=WINE)
        for row in lines:
            draw.text((MARGIN + (face.size if kind == "li" else 0), y), row, font=face, fill=WINE if kind == "title" else INK)
            y += step
        y += int(face.size * 0.45)
    if block.emergency:
        big = font(240, bold=True)
        draw.text((SIZE // 2, y + 120), number, font=big, fill=WINE, anchor="mm")
    _foot(picture, number, codes, strings, address)
    out = io.BytesIO()
    picture.quantize(colors=16, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(out, "PNG", compress_level=6)
    return out.getvalue()


def _foot(picture: Image.Image, number: str, codes: list[Code], strings: dict, address: str) -> None:
    """The band at the foot: the emergency number in words and digits, the address if known, the tel: QR code."""
    draw = ImageDraw.Draw(picture)
    top = SIZE - FOOT
    draw.rectangle((0, top, SIZE, SIZE), fill=WINE)
    code = next(c for c in codes if c.kind == "tel")
    qr = qr_image(code.data, FOOT - 40).convert("RGB")
    picture.paste(qr, (SIZE - MARGIN - qr.width, top + (FOOT - qr.height) // 2))
    draw.text((MARGIN, top + 30), f"{strings['emergency']}: {number}", font=font(64, bold=True), fill=PAPER)
    if address:
        draw.text((MARGIN, top + 120), address, font=font(36), fill=PAPER)


def alt_text(block: Block, number: str, strings: dict, address: str) -> str:
    """Every word the image shows, in reading order."""
    return " ".join(filter(None, [block.alt, f"{strings['emergency']}: {number}.", address]))


def forward_message(blocks: list[Block], number: str, strings: dict, address: str) -> str:
    """The blocks marked `forward` as plain text, then the emergency number if they did not say it, then the address."""
    parts = []
    for block in blocks:
        if "forward" not in block.kinds:
            continue
        if block.paragraphs and not block.items:
            parts.append(" ".join([block.title, *block.paragraphs]))
        else:
            parts.append("\n".join([block.title.rstrip(":") + ":", *[f"- {item}" for item in block.items], *block.paragraphs]))
    text = "\n\n".join(parts)
    if number not in text:
        text += f"\n\n{strings['emergency']}: {number}"
    return text + (f"\n\n{address}" if address else "") + "\n"


def message_problem(lang: str, name: str, file: str, length: int) -> Problem:
    return Problem(
        file,
        0,
        say(
            f"el mensaje para reenviar en {name} ({lang}) tiene {length} caracteres, más de {MESSAGE_MAX}: no se leería entero en un chat",
            f"the forward message in {name} ({lang}) has {length} characters, over {MESSAGE_MAX}: it would not read whole in a chat",
        ),
        say("acorte los textos de los bloques marcados forward en esa página, o quite la marca forward de alguno", "shorten the blocks marked forward on that page, or remove the forward mark from one"),
    )
