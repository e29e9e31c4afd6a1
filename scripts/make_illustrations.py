#!/usr/bin/env python3
"""Draw the site's raster illustration: docs/assets/images/altiplano.jpg.

    make_illustrations.py [--out DIR]

A 1600x900 landscape of the Altiplano (sky, a snow peak, hills, the plain and
a road), drawn with Pillow so the site needs no photo of a real place. It is
saved the way a phone saves a photo: a JPEG (about 125 KB), stored turned on
its side with an EXIF orientation tag, an sRGB ICC profile, camera EXIF and a
GPS block (at 0°N 0°E, nowhere real). The build must undo all of that: this
file exercises the image pipeline (alerta.images) on the real site.

The output is the same on every run (a seeded texture), so re-running it does
not change the committed file unless this script changes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, ImageFilter

from alerta.config import DOCS_DIR

OUT = DOCS_DIR / "assets" / "images"
W, H = 1600, 900
HORIZON = 560
SEED = 1825  # Bolivia's independence


def _gradient(top: tuple[int, int, int], bottom: tuple[int, int, int], height: int) -> Image.Image:
    """A vertical colour gradient, W wide."""
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((W, height))


def _texture(rng: random.Random, size: tuple[int, int], radius: float) -> Image.Image:
    """Seeded grey noise, blurred: grass and rock without any randomness between runs."""
    noise = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return noise.filter(ImageFilter.GaussianBlur(radius))


def _ridge(rng: random.Random, base: int, amplitude: int, step: int) -> list[tuple[int, int]]:
    """A jagged line of hill tops across the picture."""
    points, y = [], base
    for x in range(0, W + step, step):
        y = max(base - amplitude, min(base + amplitude // 3, y + rng.randint(-amplitude // 4, amplitude // 4)))
        points.append((x, y))
    return points


def draw() -> Image.Image:
    rng = random.Random(SEED)
    img = Image.new("RGB", (W, H))
    img.paste(_gradient((38, 92, 168), (196, 222, 240), HORIZON), (0, 0))
    d = ImageDraw.Draw(img)
    # The big peak (snow above, rock below) and a smaller one.
    peak = [(380, 560), (640, 250), (720, 290), (800, 215), (1080, 560)]
    d.polygon(peak, fill=(104, 96, 112))
    d.polygon([(560, 350), (640, 250), (720, 290), (800, 215), (900, 340), (840, 330), (790, 360), (720, 330), (650, 370)], fill=(244, 246, 250))
    d.polygon([(1000, 560), (1230, 330), (1460, 560)], fill=(120, 110, 124))
    d.polygon([(1160, 400), (1230, 330), (1300, 400), (1260, 392), (1225, 410), (1195, 395)], fill=(236, 240, 246))
    # Brown hills in front of the mountains.
    d.polygon([(0, HORIZON + 10)] + _ridge(rng, 500, 60, 40) + [(W, HORIZON + 10)], fill=(150, 112, 78))
    # The plain: ochre grass with a seeded texture, lighter towards the horizon.
    plain = _gradient((176, 146, 92), (132, 104, 60), H - HORIZON)
    grass = _texture(rng, plain.size, 1.2)
    plain = Image.blend(plain, Image.merge("RGB", (grass, grass, grass)), 0.14)
    img.paste(plain, (0, HORIZON))
    d = ImageDraw.Draw(img)
    # A dirt road narrowing to the horizon, and its centre line.
    d.polygon([(700, H), (1180, H), (835, HORIZON), (805, HORIZON)], fill=(92, 84, 78))
    for i in range(12):
        t0, t1 = i / 12, (i + 0.5) / 12
        y0, y1 = H - t0 * (H - HORIZON), H - t1 * (H - HORIZON)
        x0, x1 = 940 - t0 * 120, 940 - t1 * 120
        w0, w1 = 10 * (1 - t0) + 1, 10 * (1 - t1) + 1
        d.polygon([(x0 - w0, y0), (x0 + w0, y0), (x1 + w1, y1), (x1 - w1, y1)], fill=(230, 206, 120))
    # Tufts of ichu grass.
    for _ in range(90):
        x, y = rng.randint(0, W), rng.randint(HORIZON + 40, H)
        if 640 < x < 1240 and y > HORIZON + 80:
            continue
        s = 4 + (y - HORIZON) // 18
        d.polygon([(x - s, y), (x - s // 3, y - 2 * s), (x, y - s // 2), (x + s // 3, y - 2 * s), (x + s, y)], fill=(196, 168, 96))
    # A little softness, as a lens would give.
    return img.filter(ImageFilter.GaussianBlur(0.6))


def camera_exif(img: Image.Image) -> bytes:
    """EXIF as a phone writes it: make, model, date, orientation 6 and GPS (0°N 0°E)."""
    exif = img.getexif()
    exif[0x010F] = "ExampleCam"  # Make
    exif[0x0110] = "Phone 1"  # Model
    exif[0x0131] = "make_illustrations.py"  # Software
    exif[0x0132] = "2025:01:01 12:00:00"  # DateTime
    exif[0x0112] = 6  # Orientation: the pixels are stored turned; show them rotated 90° clockwise
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0), 0: b"\x02\x03\x00\x00"})
    return exif.tobytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    img = draw()
    # Stored as a phone stores a portrait-held shot: turned, with a tag saying so.
    stored = img.transpose(Image.Transpose.ROTATE_90)
    srgb = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    srgb[24:36] = bytes([0, 0xE9, 0, 1, 0, 1] + [0] * 6)  # creation date: 2025-01-01, not "now"
    srgb = bytes(srgb)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "altiplano.jpg"
    stored.save(target, "JPEG", quality=92, exif=camera_exif(stored), icc_profile=srgb)
    print(f"{target}: {target.stat().st_size:,} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
