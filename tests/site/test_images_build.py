"""Images in a real build of a copy of the project: only clean variants published."""

from __future__ import annotations

import re

from tests.support.images import assert_clean, mislabelled, save_phone_photo
from tests.support.project import mkdocs_build


def test_build_publishes_only_clean_variants(project_copy, tmp_path):
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
    mislabelled(project_copy / "docs" / "assets" / "images" / "mala.jpg")
    failed = mkdocs_build(project_copy, site)
    assert failed.returncode != 0
    assert "docs/assets/images/mala.jpg: El archivo es una imagen PNG pero su nombre termina en .jpg" in failed.stderr
    assert (site / "index.html").read_bytes() == built and len(list(site.rglob("foto-prueba*"))) == 4
    (project_copy / "docs" / "assets" / "images" / "mala.jpg").unlink()
    # An image with no alt text stops the build, naming the page and line.
    lines = index.read_text(encoding="utf-8").split("\n")
    lines.append("![](../assets/images/foto-prueba.jpg)")
    index.write_text("\n".join(lines), encoding="utf-8")
    failed = mkdocs_build(project_copy, tmp_path / "site2")
    assert failed.returncode != 0
    # The content lint (first hook) or the image hook reports it; either names file and line.
    assert f"docs/es/index.md, línea {len(lines)}: Imagen sin texto alternativo." in failed.stderr
