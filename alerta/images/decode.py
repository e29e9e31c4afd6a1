"""Reading a picture safely: the format its name promises, a pixel limit against decompression
bombs, a damaged file told in plain words; then upright, sRGB and nothing but pixels."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from alerta.images.settings import ImageError, Settings, image_error
from alerta.problems import Problem, Text, say

RASTER_FORMATS = {".jpg": ("JPEG", "MPO"), ".jpeg": ("JPEG", "MPO"), ".png": ("PNG",), ".webp": ("WEBP",), ".gif": ("GIF",)}
FORMAT_EXTENSION = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
AGAIN = say("cópiela o expórtela de nuevo", "copy or export it again")
# How many decodes and encodes this process did (the tests read it).
STATS = {"decodes": 0, "encodes": 0}


def open_checked(path: Path, rel: str, data: bytes, settings: Settings) -> tuple[Image.Image, tuple[int, int]]:
    """Open, check format and size, decode; return the image and its stored size."""
    expected = RASTER_FORMATS[path.suffix.lower()]
    limit = settings.pixel_limit()
    saved_limit = Image.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = limit
            try:
                im = Image.open(io.BytesIO(data))
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise _too_large(rel, None, limit) from None
            except Exception as exc:  # UnidentifiedImageError, OSError, SyntaxError, struct.error...
                detail = "" if isinstance(exc, UnidentifiedImageError) else f" ({exc})"
                raise image_error(rel, say(f"no es una imagen que se pueda leer{detail}: está vacía, dañada o no es una imagen", f"not a readable image{detail}: empty, damaged or not a picture at all"), AGAIN) from None
            if im.format not in expected:
                real = FORMAT_EXTENSION.get(im.format or "", f".{(im.format or 'unknown').lower()}")
                raise image_error(
                    rel,
                    say(f"el archivo es una imagen {im.format} pero su nombre termina en {path.suffix}", f"the file is a {im.format} image but its name ends in {path.suffix}"),
                    say(f"cámbiele el nombre a {path.stem}{real} (y los enlaces), o expórtela de nuevo como {expected[0]}", f"rename it to {path.stem}{real} (and the links to it), or export it again as {expected[0]}"),
                )
            if im.width * im.height > limit:
                raise _too_large(rel, im.size, limit)
            stored = im.size
            if getattr(im, "n_frames", 1) > 1:
                im.seek(0)
            _draft(im, settings)
            try:
                im.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise _too_large(rel, stored, limit) from None
            except Exception as exc:  # OSError("image file is truncated"), SyntaxError, ...
                raise image_error(rel, say(f"la imagen está dañada o incompleta ({exc})", f"the image is damaged or incomplete ({exc})"), AGAIN) from None
    finally:
        Image.MAX_IMAGE_PIXELS = saved_limit
    STATS["decodes"] += 1
    return im, stored


def _too_large(rel: str, size: tuple[int, int] | None, limit: int) -> ImageError:
    dims = f" ({size[0]}x{size[1]} = {size[0] * size[1] / 1e6:.0f} megapíxeles)" if size else ""
    dims_en = f" ({size[0]}x{size[1]} = {size[0] * size[1] / 1e6:.0f} megapixels)" if size else ""
    return image_error(
        rel,
        say(f"la imagen es demasiado grande para procesarla con seguridad{dims}; el límite es {limit / 1e6:.0f} megapíxeles", f"image too large to process safely{dims_en}; the limit is {limit / 1e6:.0f} megapixels"),
        say("achíquela a 4000 px de ancho como máximo antes de agregarla (un archivo más grande también puede ser una «bomba de descompresión»)", "resize it to at most 4000 px wide before adding it (a larger file is also a possible decompression bomb)"),
    )


def image_warning(rel: str, what: Text, fix: Text | None = None) -> Problem:
    return Problem(rel, 0, what, fix, level="warning")


def _draft(im: Image.Image, settings: Settings) -> None:
    """Let libjpeg decode a big JPEG at 1/2, 1/4 or 1/8 scale when that is enough."""
    if im.format not in ("JPEG", "MPO"):
        return
    w, h = im.size
    turned = orientation(im) in (5, 6, 7, 8)
    shown_w = h if turned else w
    target = max(settings.widths)
    if shown_w <= target:
        return
    scale = target / shown_w
    im.draft(None, (max(1, int(w * scale + 0.999)), max(1, int(h * scale + 0.999))))


def orientation(im: Image.Image) -> int:
    try:
        return int(im.getexif().get(0x0112, 1))
    except Exception:  # a broken EXIF block: treat as upright
        return 1


def normalize(im: Image.Image, rel: str, warn: list[Problem]) -> tuple[Image.Image, bool]:
    """Upright, sRGB, RGB or RGBA, with nothing but pixels. Returns (image, has_alpha)."""
    icc = im.info.get("icc_profile")
    try:
        im = ImageOps.exif_transpose(im)
    except Exception as exc:  # odd EXIF: keep the stored orientation, say so
        warn.append(image_warning(rel, say(f"no se pudo leer la orientación guardada por la cámara ({exc}); se usa la imagen tal como está", f"could not read the EXIF orientation ({exc}); the image is used as stored")))
    has_alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (im.mode == "P" and "transparency" in im.info)
    mode = "RGBA" if has_alpha else "RGB"
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.point(lambda v: v / 256).convert("L")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if im.mode not in ("RGB", "RGBA", "CMYK", "L"):
                im = im.convert(mode)
            im = ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode=mode)
        except Exception as exc:
            warn.append(image_warning(rel, say(f"no se pudo convertir su perfil de color a sRGB ({exc}); los colores pueden verse un poco distintos", f"could not convert its colour profile to sRGB ({exc}); colours may look slightly different")))
    im = im.convert(mode) if im.mode != mode else im
    if has_alpha and im.getchannel("A").getextrema()[0] == 255:
        im, has_alpha = im.convert("RGB"), False  # fully opaque: JPEG is smaller
    clean = Image.new(im.mode, im.size)  # a fresh image: no info, no EXIF, no ICC
    clean.paste(im)
    return clean, has_alpha
