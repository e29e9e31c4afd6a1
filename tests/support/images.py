"""Pictures made with Pillow for the image tests (nothing binary is committed), and the metadata check."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, ImageFilter

METADATA_MARKERS = (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"iCCP", b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"SECRET")


def photo_like(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """Gradients and blurred noise: compresses like a photo, not like a flat drawing."""
    w, h = size
    rng = random.Random(seed)
    noise = Image.frombytes("L", size, rng.randbytes(w * h)).filter(ImageFilter.GaussianBlur(3))
    grad = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (grad, noise, grad.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def save_phone_photo(path: Path, shown: tuple[int, int] = (2000, 3000)) -> Path:
    """A JPEG stored on its side with orientation 6, GPS, XMP, ICC and a comment.

    As shown (after rotation) it is portrait, with a red block at the top left.
    """
    image = photo_like(shown)
    ImageDraw.Draw(image).rectangle((0, 0, shown[0] // 5, shown[1] // 5), fill=(255, 0, 0))
    stored = image.transpose(Image.Transpose.ROTATE_90)  # orientation 6 turns it back
    exif = stored.getexif()
    exif[0x0112] = 6
    exif[0x010F] = "SECRET-CAMERA"
    exif.get_ifd(0x8825).update({1: "S", 2: (16.0, 29.0, 58.0), 3: "W", 4: (68.0, 8.0, 50.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:xmp="http://ns.adobe.com/xap/1.0/">SECRET</rdf:RDF></x:xmpmeta>'
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    stored.save(path, "JPEG", quality=90, exif=exif.tobytes(), xmp=xmp, icc_profile=icc, comment=b"SECRET village name")
    return path


def assert_clean(data: bytes, name: str) -> None:
    """No metadata of any kind in an encoded variant.

    The byte search also catches a block Pillow would not report. "GPS" is
    only three bytes and could turn up by chance in compressed data; the
    pictures here are seeded, so a pass or a failure is the same every run.
    """
    with Image.open(io.BytesIO(data)) as im:
        assert not im.getexif(), f"{name}: EXIF survived"
        for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "dpi"):
            assert key not in im.info, f"{name}: {key} survived"
    for marker in METADATA_MARKERS:
        assert marker not in data, f"{name}: {marker!r} found in the bytes"


def mislabelled(path: Path) -> None:
    Image.new("RGB", (50, 50), "blue").save(path, "PNG")
