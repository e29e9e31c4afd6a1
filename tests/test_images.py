"""The image pipeline: scripts/optimize_images.py and hooks/images.py.

Every picture is made here with Pillow; nothing binary is committed for tests.
"""

from __future__ import annotations

import importlib.util
import io
import random
import re
import struct
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFilter

from scripts import optimize_images as oi
from tests.conftest import ROOT, mkdocs_build

METADATA_MARKERS = (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"iCCP", b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"SECRET")


def load_hook():
    spec = importlib.util.spec_from_file_location("images_hook_under_test", ROOT / "hooks" / "images.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture(scope="module")
def phone_photo(tmp_path_factory) -> Path:
    return save_phone_photo(tmp_path_factory.mktemp("photo") / "foto.jpg")


@pytest.fixture(scope="module")
def photo_result(phone_photo, tmp_path_factory) -> oi.ImageResult:
    """The phone photo through the pipeline once (with a cache of its own)."""
    return oi.process_image(phone_photo, cache=oi.Cache(tmp_path_factory.mktemp("cache")), root=phone_photo.parent)


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


# ---------------------------------------------------------------- photos


def test_phone_photo_loses_metadata_and_is_turned_upright(phone_photo, photo_result):
    result = photo_result
    assert (result.width, result.height) == (2000, 3000)  # stored 3000x2000, orientation 6
    assert sorted({v.width for v in result.variants}) == [480, 960]
    assert {v.format for v in result.variants} == {"webp", "jpeg"}
    assert not [w for w in result.warnings if "budget" in w], result.warnings
    original = phone_photo.stat().st_size
    for v in result.variants:
        data = v.read()
        assert len(data) == v.size <= min(original, oi.Settings().budget_for(v.width)), v
        assert_clean(data, v.name)
        assert re.fullmatch(rf"foto-{v.width}\.[0-9a-f]{{8}}\.(webp|jpg)", v.name)
        with Image.open(io.BytesIO(data)) as im:
            assert im.size == (v.width, v.width * 3 // 2) == (v.width, v.height)
            r, g, b = im.convert("RGB").getpixel((3, 3))
            assert r > 200 and g < 80 and b < 80, "the red corner must be at the top left once upright"


def test_variants_are_cached_by_content(tmp_path):
    path = save_phone_photo(tmp_path / "foto.jpg", shown=(800, 1200))
    cache = oi.Cache(tmp_path / "cache")
    first = oi.process_image(path, cache=cache, root=tmp_path)
    before = dict(oi.STATS)
    second = oi.process_image(path, cache=cache, root=tmp_path)
    assert oi.STATS == before, "an unchanged image must not be decoded or encoded again"
    assert not first.cached and second.cached
    assert [v.name for v in first.variants] == [v.name for v in second.variants]
    assert all(v.read() for v in second.variants)
    # Other settings make another key: the image is made again.
    other = oi.process_image(path, oi.Settings(quality=70), cache=cache, root=tmp_path)
    assert not other.cached and oi.STATS["encodes"] > before["encodes"]


def test_png_with_transparency_keeps_alpha(tmp_path):
    path = tmp_path / "recorte.png"  # a photo cut out on a transparent background
    im = photo_like((800, 600))
    mask = Image.new("L", im.size, 0)
    ImageDraw.Draw(mask).ellipse((200, 100, 600, 500), fill=255)
    im.putalpha(mask.filter(ImageFilter.GaussianBlur(4)))
    im.save(path, pnginfo=_png_text("Author", "SECRET"))
    result = oi.process_image(path, root=tmp_path)
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
    result = oi.process_image(path, root=tmp_path)
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
    result = oi.process_image(path, root=tmp_path)
    assert {(v.width, v.height) for v in result.variants} == {(40, 30)}
    assert len(result.variants) == 2
    assert oi.variant_widths(300, oi.Settings()) == [300]
    assert oi.variant_widths(700, oi.Settings()) == [480, 700]


def test_over_budget_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "ruido.jpg"
    Image.effect_noise((1000, 700), 80).convert("RGB").save(path, quality=95)
    result = oi.process_image(path, oi.Settings(budget_kb=((480, 1), (960, 2))), root=tmp_path)
    assert any("ruido.jpg" in w and "over its budget" in w for w in result.warnings)
    assert all(v.size <= path.stat().st_size for v in result.variants)
    # Over budget, a WebP is only offered where it is no larger than the JPEG.
    jpeg = {v.width: v.size for v in result.fallbacks}
    assert sorted(jpeg) == [480, 960] and all(v.size <= jpeg[v.width] for v in result.webp)


def test_progress_line_for_more_than_five_images(tmp_path, capsys):
    paths = []
    for i in range(6):
        paths.append(tmp_path / f"p{i}.png")
        Image.new("RGB", (20, 20), (i * 40, 0, 0)).save(paths[-1])
    results, errors = oi.process_many(paths, root=tmp_path)
    assert len(results) == 6 and not errors
    assert "images: 6/6 p5.png" in capsys.readouterr().err


# ---------------------------------------------------------------- bad input


def _truncated_jpeg(path: Path) -> None:
    buf = io.BytesIO()
    photo_like((400, 300)).save(buf, "JPEG", quality=90)
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])


def _mislabelled(path: Path) -> None:
    Image.new("RGB", (50, 50), "blue").save(path, "PNG")


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
        ("mentira.jpg", _mislabelled, "is a PNG image but its name ends in .jpg"),
        ("bomba.png", _bomb, "too large to process safely"),
    ],
)
def test_bad_images_raise_a_clear_error(tmp_path, name, make, message):
    make(tmp_path / name)
    with pytest.raises(oi.ImageError, match=re.escape(message)) as exc:
        oi.process_image(tmp_path / name, root=tmp_path)
    assert str(exc.value).startswith(f"{name}:")


def test_pixel_limit_can_be_lowered(tmp_path, monkeypatch):
    path = tmp_path / "grande.png"
    Image.new("RGB", (100, 100)).save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(oi.ImageError, match=r"grande\.png: image too large"):
        oi.process_image(path, root=tmp_path)


def test_cli_reports_and_fails_without_touching_the_output(tmp_path, capsys, monkeypatch):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    monkeypatch.setattr(oi, "ROOT", tmp_path)  # cache and names under the test folder
    photo_like((600, 400)).save(src / "bien.jpg", quality=90)
    assert oi.main([str(src), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"src/bien\.jpg: [\d,]+ B -> [\d,]+ B \(600 px WEBP\), 4 variants [\d,]+ B, [\d.]+ s", printed)
    built = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(built) == 4
    _mislabelled(src / "mala.jpg")
    assert oi.main([str(src), "--out", str(out)]) == 1
    assert "src/mala.jpg: the file is a PNG image" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == built, "a failed run must leave the output as it was"
    assert oi.main([str(src), "--check"]) == 1
    assert oi.main([str(tmp_path / "nowhere")]) == 2


# ---------------------------------------------------------------- SVG

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
    with pytest.raises(oi.ImageError, match=re.escape(message)) as exc:
        oi.check_svg(path, root=tmp_path)
    assert str(exc.value).startswith("dibujo.svg:")


def test_clean_svg_passes_with_its_size(tmp_path):
    path = tmp_path / "ok.svg"
    path.write_text(CLEAN_SVG, encoding="utf-8")
    assert oi.check_svg(path, root=tmp_path) == (480, 320)
    # What drawing programs write is fine: a DTD line, licence metadata.
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" width="30px" height="20px">'
        '<metadata><rdf:Description rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></metadata><rect width="30" height="20"/></svg>',
        encoding="utf-8",
    )
    assert oi.check_svg(path, root=tmp_path) == (30, 20)
    path.write_text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', encoding="utf-8")
    with pytest.raises(oi.ImageError, match="entities"):
        oi.check_svg(path, root=tmp_path)


def test_project_svgs_are_safe_small_and_wordless():
    for path in sorted((ROOT / "docs" / "assets" / "images").glob("*.svg")):
        assert oi.check_svg(path) is not None, path
        text = path.read_text(encoding="utf-8")
        assert len(text.encode()) < 4096, f"{path.name}: keep illustrations under 4 KB"
        assert "<text" not in text, f"{path.name}: no words inside a picture (they would need translating)"


# ---------------------------------------------------------------- HTML


def _page_html(*imgs: str, text_before: str = "", up: str = "") -> str:
    return (
        '<html><body><header class="md-header"><a class="md-header__button md-logo" href="index.html">'
        f'<img src="{up}assets/images/logo.svg" alt="logo"></a></header>\n'
        '<div class="md-content"><article class="md-content__inner md-typeset">\n<h1>Título</h1>\n'
        f"<p>{text_before}</p>\n" + "\n<p>Texto entre imágenes.</p>\n".join(imgs) + "\n</article></div></body></html>"
    )


@pytest.fixture
def hook(photo_result):
    """The hook with one processed photo at assets/images/foto.jpg and one SVG."""
    module = load_hook()
    result = photo_result
    module._by_dest["assets/images/foto.jpg"] = result
    for v in result.variants:
        module._variant_dest[("assets/images/foto.jpg", v.name)] = f"assets/images/{v.name}"
    module._svg_by_dest["assets/images/logo.svg"] = (24, 24)
    module._svg_by_dest["assets/images/help.svg"] = (480, 320)
    return module


def test_img_becomes_a_picture(hook):
    page = _page_html('<img alt="Una foto" src="../assets/images/foto.jpg">', '<img alt="Un dibujo" src="../assets/images/help.svg">', up="../")
    out = hook.rewrite_html(page, "en/index.html")
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


def test_first_image_far_down_is_lazy_too(hook):
    out = hook.rewrite_html(_page_html('<img alt="Una foto" src="assets/images/foto.jpg">', text_before="palabra " * 80), "index.html")
    assert re.search(r'<img [^>]*alt="Una foto"[^>]*loading="lazy" decoding="async"', out)


def test_missing_alt_names_the_markdown_line(hook, tmp_path):
    from mkdocs.exceptions import PluginError

    md = tmp_path / "docs" / "en" / "index.md"
    md.parent.mkdir(parents=True)
    md.write_text("---\ntitle: x\n---\n\n# Title\n\nText.\n\n![](../assets/images/foto.jpg)\n", encoding="utf-8")
    hook._root = tmp_path
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(md), src_uri="en/index.md"))
    with pytest.raises(PluginError, match=r"^docs/en/index\.md:9: image '\.\./assets/images/foto\.jpg' has no alt text"):
        hook.rewrite_html(_page_html('<img alt="" src="../assets/images/foto.jpg">'), "en/index.html", page)
    # The same problem is found in the Markdown before anything is built.
    problems = hook.check_markdown(md, tmp_path / "docs", tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith("docs/en/index.md:9: image '../assets/images/foto.jpg' has no alt text")
    assert problems[1].startswith("docs/en/index.md:9: image '../assets/images/foto.jpg' not found")


def test_markdown_checks_ignore_code_and_catch_html_and_remote(tmp_path):
    hook = load_hook()
    docs = tmp_path / "docs"
    (docs / "assets" / "images").mkdir(parents=True)
    (docs / "assets" / "images" / "a.png").write_bytes(b"x")
    md = docs / "es" / "p.md"
    md.parent.mkdir()
    md.write_text(
        "```\n![](../assets/images/a.png)\n```\n`![](x.png)`\n"
        '![Bien](../assets/images/a.png "título")\n<img src="../assets/images/a.png">\n![Remota](https://example.org/a.png)\n',
        encoding="utf-8",
    )
    problems = hook.check_markdown(md, docs, tmp_path)
    assert [p.split(": ")[0] for p in problems] == ["docs/es/p.md:6", "docs/es/p.md:7"]
    assert "no alt text" in problems[0] and "another server" in problems[1]


def test_hook_stops_on_bad_or_missing_images(tmp_path):
    from mkdocs.exceptions import PluginError

    hook = load_hook()
    docs = tmp_path / "docs"
    (docs / "assets" / "images").mkdir(parents=True)
    (docs / "es").mkdir()
    config = SimpleNamespace(docs_dir=str(docs), config_file_path=str(tmp_path / "mkdocs.yml"), extra={"images": {"cache_dir": ".cache/img"}})
    hook.on_config(config)
    photo_like((100, 80)).save(docs / "assets" / "images" / "bien.jpg")
    (docs / "es" / "index.md").write_text("# Hola\n\n![Un campo](../assets/images/bien.jpg)\n", encoding="utf-8")
    hook.on_pre_build(config)
    assert (tmp_path / ".cache" / "img").is_dir()
    (docs / "es" / "index.md").write_text("# Hola\n\n![Un campo](../assets/images/falta.jpg)\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/es/index\.md:3: image '\.\./assets/images/falta\.jpg' not found"):
        hook.on_pre_build(config)
    _corrupt(docs / "assets" / "images" / "rota.png")
    with pytest.raises(PluginError, match=r"docs/assets/images/rota\.png: not a readable image"):
        hook.on_pre_build(config)
    (docs / "assets" / "images" / "rota.png").unlink()
    (docs / "assets" / "images" / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>', encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/assets/images/x\.svg: SVG contains a <script>"):
        hook.on_pre_build(config)
    with pytest.raises(PluginError, match=r"mkdocs.yml: extra.images: unknown setting\(s\) budget"):
        hook.on_config(SimpleNamespace(config_file_path=config.config_file_path, extra={"images": {"budget": 1}}))


# ---------------------------------------------------------------- the real build


def _with_hook(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "hooks/images.py" not in text:
        config.write_text(text.replace("hooks:\n", "hooks:\n  - hooks/images.py\n", 1), encoding="utf-8")


def test_build_publishes_only_clean_variants(project_copy, tmp_path):
    _with_hook(project_copy)
    save_phone_photo(project_copy / "docs" / "assets" / "images" / "foto-prueba.jpg", shown=(800, 1200))
    index = project_copy / "docs" / "es" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text + "\n![Una mujer lee en su celular](../assets/images/foto-prueba.jpg)\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    html = (site / "index.html").read_text(encoding="utf-8")
    picture = re.search(r'<picture><source type="image/webp" srcset="assets/images/foto-prueba-480\.\w{8}\.webp 480w, [^"]+".*?</picture>', html)
    assert picture and 'alt="Una mujer lee en su celular"' in picture.group(0) and 'width="960"' not in picture.group(0)
    assert 'width="800" height="1200"' in picture.group(0)
    published = list(site.rglob("foto-prueba*"))
    assert {p.suffix for p in published} == {".webp", ".jpg"} and len(published) == 4
    assert not (site / "assets" / "images" / "foto-prueba.jpg").exists(), "the original must not be published"
    for p in published:
        assert_clean(p.read_bytes(), p.name)
    assert (site / "assets" / "images" / "logo.svg").is_file() and (site / "assets" / "images" / "favicon.svg").is_file()
    # A bad image stops the next build before the site folder is touched.
    built = (site / "index.html").read_bytes()
    _mislabelled(project_copy / "docs" / "assets" / "images" / "mala.jpg")
    failed = mkdocs_build(project_copy, site)
    assert failed.returncode != 0
    assert "docs/assets/images/mala.jpg: the file is a PNG image but its name ends in .jpg" in failed.stderr
    assert (site / "index.html").read_bytes() == built and len(list(site.rglob("foto-prueba*"))) == 4
    (project_copy / "docs" / "assets" / "images" / "mala.jpg").unlink()
    # An image with no alt text stops the build, naming the page and line.
    lines = index.read_text(encoding="utf-8").split("\n")
    lines.append("![](../assets/images/foto-prueba.jpg)")
    index.write_text("\n".join(lines), encoding="utf-8")
    failed = mkdocs_build(project_copy, tmp_path / "site2")
    assert failed.returncode != 0
    # The content lint (first hook) or the image hook reports it; either names file and line.
    assert re.search(rf"docs/es/index.md:{len(lines)}: .*alt text", failed.stderr)
