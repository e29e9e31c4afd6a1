"""The image pipeline (alerta.images), its command (scripts/optimize_images.py) and its hook.

Every picture is made here with Pillow; nothing binary is committed for tests.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw, ImageFilter

from alerta.config import ROOT
from alerta.images.cache import Cache
from alerta.images.publish import ImagePublisher
from alerta.images.raster import STATS, ImageResult, process_image, process_many, variant_widths
from alerta.images.settings import ImageError, Settings
from alerta.images.svg import check_svg
from scripts import optimize_images
from tests.support.images import assert_clean, mislabelled, photo_like, save_phone_photo


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory) -> Path:
    return save_phone_photo(tmp_path_factory.mktemp("photo") / "foto.jpg")


@pytest.fixture(scope="module")
def photo_result(phone_photo, tmp_path_factory) -> ImageResult:
    """The phone photo through the pipeline once (with a cache of its own)."""
    return process_image(phone_photo, cache=Cache(tmp_path_factory.mktemp("cache")), root=phone_photo.parent)



@pytest.fixture(autouse=True)
def english(monkeypatch):
    """These tests read the developers' English messages (the Spanish ones: tests/site/test_mistakes.py)."""
    monkeypatch.setenv("SITE_MESSAGES", "en")


def test_phone_photo_loses_metadata_and_is_turned_upright(phone_photo, photo_result):
    result = photo_result
    assert (result.width, result.height) == (2000, 3000)  # stored 3000x2000, orientation 6
    assert sorted({v.width for v in result.variants}) == [480, 960]
    assert {v.format for v in result.variants} == {"webp", "jpeg"}
    assert not [w for w in result.warnings if "budget" in str(w)], result.warnings
    original = phone_photo.stat().st_size
    for v in result.variants:
        data = v.read()
        assert len(data) == v.size <= min(original, Settings().budget_for(v.width)), v
        assert_clean(data, v.name)
        assert re.fullmatch(rf"foto-{v.width}\.[0-9a-f]{{8}}\.(webp|jpg)", v.name)
        with Image.open(io.BytesIO(data)) as im:
            assert im.size == (v.width, v.width * 3 // 2) == (v.width, v.height)
            r, g, b = im.convert("RGB").getpixel((3, 3))
            assert r > 200 and g < 80 and b < 80, "the red corner must be at the top left once upright"


def test_variants_are_cached_by_content(tmp_path):
    path = save_phone_photo(tmp_path / "foto.jpg", shown=(800, 1200))
    cache = Cache(tmp_path / "cache")
    first = process_image(path, cache=cache, root=tmp_path)
    before = dict(STATS)
    second = process_image(path, cache=cache, root=tmp_path)
    assert STATS == before, "an unchanged image must not be decoded or encoded again"
    assert not first.cached and second.cached
    assert [v.name for v in first.variants] == [v.name for v in second.variants]
    assert all(v.read() for v in second.variants)
    # Other settings make another key: the image is made again.
    other = process_image(path, Settings(quality=70), cache=cache, root=tmp_path)
    assert not other.cached and STATS["encodes"] > before["encodes"]


def test_png_with_transparency_keeps_alpha(tmp_path):
    path = tmp_path / "recorte.png"  # a photo cut out on a transparent background
    im = photo_like((800, 600))
    mask = Image.new("L", im.size, 0)
    ImageDraw.Draw(mask).ellipse((200, 100, 600, 500), fill=255)
    im.putalpha(mask.filter(ImageFilter.GaussianBlur(4)))
    im.save(path, pnginfo=_png_text("Author", "SECRET"))
    result = process_image(path, root=tmp_path)
    assert result.has_alpha and {(v.format, v.width) for v in result.variants} == {("webp", 480), ("webp", 800), ("png", 480), ("png", 800)}
    for v in result.variants:
        data = v.read()
        assert_clean(data, v.name)
        with Image.open(io.BytesIO(data)) as out:
            assert out.mode in ("RGBA", "P")
            rgba = out.convert("RGBA")
            assert rgba.getpixel((0, 0))[3] == 0, f"{v.name}: the corner must stay transparent"
            assert rgba.getpixel((v.width // 2, v.height // 2))[3] == 255


def test_flat_graphic_keeps_exact_colours(tmp_path):
    path = tmp_path / "forma.png"
    im = Image.new("RGBA", (1200, 800), (0, 0, 0, 0))
    ImageDraw.Draw(im).ellipse((300, 100, 900, 700), fill=(140, 29, 64, 255))
    im.save(path)
    result = process_image(path, root=tmp_path)
    assert sorted(v.width for v in result.fallbacks) == [480, 960]
    for v in result.variants:
        assert v.size <= path.stat().st_size
        with Image.open(io.BytesIO(v.read())) as out:
            rgba = out.convert("RGBA")
            assert rgba.getpixel((v.width // 2, v.height // 2)) == (140, 29, 64, 255) and rgba.getpixel((0, 0))[3] == 0


def _png_text(key, value):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(key, value)
    return info


def test_tiny_image_is_never_upscaled(tmp_path):
    path = tmp_path / "icono.jpg"
    photo_like((40, 30)).save(path, quality=95)
    result = process_image(path, root=tmp_path)
    assert {(v.width, v.height) for v in result.variants} == {(40, 30)}
    assert len(result.variants) == 2
    assert variant_widths(300, Settings()) == [300]
    assert variant_widths(700, Settings()) == [480, 700]


def test_over_budget_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "ruido.jpg"
    Image.effect_noise((1000, 700), 80).convert("RGB").save(path, quality=95)
    result = process_image(path, Settings(budget_kb=((480, 1), (960, 2))), root=tmp_path)
    assert any("ruido.jpg" in str(w) and "over its budget" in str(w) for w in result.warnings)
    assert all(v.size <= path.stat().st_size for v in result.variants)
    # Over budget, a WebP is only offered where it is no larger than the JPEG.
    jpeg = {v.width: v.size for v in result.fallbacks}
    assert sorted(jpeg) == [480, 960] and all(v.size <= jpeg[v.width] for v in result.webp)


def test_progress_line_for_more_than_five_images(tmp_path, capsys):
    paths = []
    for i in range(6):
        paths.append(tmp_path / f"p{i}.png")
        Image.new("RGB", (20, 20), (i * 40, 0, 0)).save(paths[-1])
    results, errors = process_many(paths, root=tmp_path)
    assert len(results) == 6 and not errors
    assert "images: 6/6 p5.png" in capsys.readouterr().err


def _truncated_jpeg(path: Path) -> None:
    buf = io.BytesIO()
    photo_like((400, 300)).save(buf, "JPEG", quality=90)
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])



def _corrupt(path: Path) -> None:
    path.write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG" + bytes(range(256)))


def _bomb(path: Path) -> None:
    """A valid-looking PNG whose header claims 100000 x 100000 pixels."""
    buf = io.BytesIO()
    Image.new("L", (1, 1)).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    ihdr = struct.pack(">II", 100_000, 100_000) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("rota.jpg", _corrupt, "not a readable image"),
        ("cortada.jpg", _truncated_jpeg, "damaged or incomplete"),
        ("mentira.jpg", mislabelled, "is a PNG image but its name ends in .jpg"),
        ("bomba.png", _bomb, "too large to process safely"),
    ],
)
def test_bad_images_raise_a_clear_error(tmp_path, name, make, message):
    make(tmp_path / name)
    with pytest.raises(ImageError, match="(?i)" + re.escape(message)) as exc:
        process_image(tmp_path / name, root=tmp_path)
    assert str(exc.value).startswith(f"{name}:")


def test_pixel_limit_can_be_lowered(tmp_path, monkeypatch):
    path = tmp_path / "grande.png"
    Image.new("RGB", (100, 100)).save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ImageError, match=r"(?i)grande\.png: image too large"):
        process_image(path, root=tmp_path)


def test_cli_reports_and_fails_without_touching_the_output(tmp_path, capsys, monkeypatch):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    monkeypatch.setattr(optimize_images, "ROOT", tmp_path)  # cache and names under the test folder
    photo_like((600, 400)).save(src / "bien.jpg", quality=90)
    assert optimize_images.main([str(src), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"src/bien\.jpg: [\d,]+ B -> [\d,]+ B \(600 px WEBP\), 4 variants [\d,]+ B, [\d.]+ s", printed)
    built = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(built) == 4
    mislabelled(src / "mala.jpg")
    assert optimize_images.main([str(src), "--out", str(out)]) == 1
    assert "src/mala.jpg: The file is a PNG image" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == built, "a failed run must leave the output as it was"
    assert optimize_images.main([str(src), "--check"]) == 1
    assert optimize_images.main([str(tmp_path / "nowhere")]) == 2


CLEAN_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 320"><circle cx="10" cy="10" r="5" fill="#8c1d40"/><use href="#a"/></svg>'


@pytest.mark.parametrize(
    "body, message",
    [
        ('<script>alert(1)</script>', "<script>"),
        ('<circle r="5" onload="alert(1)"/>', "event handler 'onload='"),
        ('<a href="javascript:alert(1)"><circle r="5"/></a>', "javascript:"),
        ('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>', "<foreignObject>"),
        ('<image href="https://tracker.example/p.png" width="1" height="1"/>', "external reference"),
        ('<image xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="//cdn.example/p.png"/>', "external reference"),
        ('<rect width="5" height="5" style="fill:url(https://x.example/p.svg#g)"/>', "external reference"),
        ('<style>@import url(https://fonts.example/css);</style>', "external reference"),
        ('<a><animate attributeName="href" values="https://x.example/"/></a>', "changes a link"),
    ],
)
def test_unsafe_svg_is_rejected(tmp_path, body, message):
    path = tmp_path / "dibujo.svg"
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{body}</svg>', encoding="utf-8")
    with pytest.raises(ImageError, match="(?i)" + re.escape(message)) as exc:
        check_svg(path, root=tmp_path)
    assert str(exc.value).startswith("dibujo.svg:")


def test_clean_svg_passes_with_its_size(tmp_path):
    path = tmp_path / "ok.svg"
    path.write_text(CLEAN_SVG, encoding="utf-8")
    assert check_svg(path, root=tmp_path) == (480, 320)
    # What drawing programs write is fine: a DTD line, licence metadata.
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" width="30px" height="20px">'
        '<metadata><rdf:Description rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></metadata><rect width="30" height="20"/></svg>',
        encoding="utf-8",
    )
    assert check_svg(path, root=tmp_path) == (30, 20)
    path.write_text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', encoding="utf-8")
    with pytest.raises(ImageError, match="entities"):
        check_svg(path, root=tmp_path)


def test_project_svgs_are_safe_small_and_wordless():
    for path in sorted((ROOT / "docs" / "assets" / "images").glob("*.svg")):
        assert check_svg(path) is not None, path
        text = path.read_text(encoding="utf-8")
        assert len(text.encode()) < 4096, f"{path.name}: keep illustrations under 4 KB"
        assert "<text" not in text, f"{path.name}: no words inside a picture (they would need translating)"


def _page_html(*imgs: str, text_before: str = "", up: str = "") -> str:
    return (
        '<html><body><header class="md-header"><a class="md-header__button md-logo" href="index.html">'
        f'<img src="{up}assets/images/logo.svg" alt="logo"></a></header>\n'
        '<div class="md-content"><article class="md-content__inner md-typeset">\n<h1>Título</h1>\n'
        f"<p>{text_before}</p>\n" + "\n<p>Texto entre imágenes.</p>\n".join(imgs) + "\n</article></div></body></html>"
    )


@pytest.fixture
def publisher(photo_result):
    """A publisher that knows one processed photo at assets/images/foto.jpg and two SVGs."""
    publisher = ImagePublisher(ROOT)
    publisher.by_dest["assets/images/foto.jpg"] = photo_result
    for v in photo_result.variants:
        publisher.variant_dest[("assets/images/foto.jpg", v.name)] = f"assets/images/{v.name}"
    publisher.svg_by_dest["assets/images/logo.svg"] = (24, 24)
    publisher.svg_by_dest["assets/images/help.svg"] = (480, 320)
    return publisher


def test_img_becomes_a_picture(publisher):
    page = _page_html('<img alt="Una foto" src="../assets/images/foto.jpg">', '<img alt="Un dibujo" src="../assets/images/help.svg">', up="../")
    out = publisher.rewrite(page, "en/index.html")
    picture = re.search(r"<picture>(.*?)</picture>", out).group(1)
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', picture)
    assert webp and re.fullmatch(r"\.\./assets/images/foto-480\.\w{8}\.webp 480w, \.\./assets/images/foto-960\.\w{8}\.webp 960w", webp.group(1))
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert re.search(r'src="\.\./assets/images/foto-960\.\w{8}\.jpg"', img)
    assert re.search(r'srcset="\.\./assets/images/foto-480\.\w{8}\.jpg 480w, \.\./assets/images/foto-960\.\w{8}\.jpg 960w"', img)
    assert 'sizes="' in img and 'width="960" height="1440"' in img and 'alt="Una foto"' in img
    # The first image, right under the title, loads at once; the next ones lazily.
    assert "loading=" not in img and "decoding=" not in img
    svg = re.search(r'<img [^>]*help\.svg[^>]*>', out).group(0)
    assert 'width="480" height="320"' in svg and 'loading="lazy"' in svg and 'decoding="async"' in svg
    # The header logo only gains its size.
    assert '<img src="../assets/images/logo.svg" alt="logo" width="24" height="24">' in out
    assert "foto.jpg" not in out


def test_first_image_far_down_is_lazy_too(publisher):
    out = publisher.rewrite(_page_html('<img alt="Una foto" src="assets/images/foto.jpg">', text_before="palabra " * 80), "index.html")
    assert re.search(r'<img [^>]*alt="Una foto"[^>]*loading="lazy" decoding="async"', out)


def test_only_the_edited_tags_change(publisher):
    """Everything around an image, quotes and entities included, stays byte for byte."""
    page = _page_html("<img alt='Llank&#39;ay' src=assets/images/help.svg title=\"a > b\">")
    out = publisher.rewrite(page, "index.html")
    before, _, after = page.partition("<img alt='Llank&#39;ay'")
    assert out.startswith(before.replace('alt="logo">', 'alt="logo" width="24" height="24">'))
    assert out.endswith(after.split(">", 2)[2])
    assert '<img alt="Llank\'ay" src="assets/images/help.svg" title="a &gt; b" width="480" height="320">' in out


def test_hook_stops_on_bad_images(tmp_path):
    from mkdocs.exceptions import PluginError

    from hooks import images as hook

    docs = tmp_path / "docs"
    (docs / "assets" / "images").mkdir(parents=True)
    (docs / "es").mkdir()
    config = SimpleNamespace(docs_dir=str(docs), config_file_path=str(tmp_path / "mkdocs.yml"), extra={"images": {"cache_dir": ".cache/img"}})
    hook.on_config(config)
    photo_like((100, 80)).save(docs / "assets" / "images" / "bien.jpg")
    hook.on_pre_build(config)
    assert (tmp_path / ".cache" / "img").is_dir()
    _corrupt(docs / "assets" / "images" / "rota.png")
    with pytest.raises(PluginError, match=r"(?i)docs/assets/images/rota\.png: not a readable image"):
        hook.on_pre_build(config)
    (docs / "assets" / "images" / "rota.png").unlink()
    (docs / "assets" / "images" / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>', encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/assets/images/x\.svg: SVG contains a <script>"):
        hook.on_pre_build(config)
    with pytest.raises(PluginError, match=r"(?i)mkdocs.yml: extra.images: unknown setting\(s\) budget"):
        hook.on_config(SimpleNamespace(config_file_path=config.config_file_path, extra={"images": {"budget": 1}}))


def test_a_renamed_photo_is_published_under_its_new_name(tmp_path):
    """The cache is keyed by content: a renamed file reuses it, but never its old (camera) name."""
    cache = Cache(tmp_path / "cache")
    camera = tmp_path / "IMG_20240101_123456.jpg"
    photo_like((300, 200)).save(camera, quality=90)
    first = process_image(camera, cache=cache, root=tmp_path)
    assert all(v.name.startswith("IMG_20240101_123456-") for v in first.variants)
    assert any("camera's" in str(w) for w in first.warnings)
    renamed = camera.rename(tmp_path / "mercado.jpg")
    second = process_image(renamed, cache=cache, root=tmp_path)
    assert second.cached
    assert [v.name.rsplit("-", 1)[1] for v in second.variants] == [v.name.rsplit("-", 1)[1] for v in first.variants]
    assert all(v.name.startswith("mercado-") and v.read() for v in second.variants)
    assert not any("camera's" in str(w) for w in second.warnings)
