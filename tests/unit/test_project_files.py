"""The project's own files read as data: theme strings, site strings, pins, heading ids, the offline config."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

from alerta.config import DOCS_DIR, ROOT
from tests.conftest import LANGUAGES
from tests.support.third_party import is_external, third_party_resources

KEY = re.compile(r'^\s*"([^"]+)":', re.M)


def material_keys(lang: str) -> set[str]:
    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html"
    return set(KEY.findall(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["qu", "ay"])
def test_quechua_and_aymara_ui_cover_every_material_key(lang):
    path = ROOT / "overrides" / "partials" / "languages" / f"{lang}.html"
    text = path.read_text(encoding="utf-8")
    ours = set(KEY.findall(text))
    missing = material_keys("es") - ours
    assert not missing, f"{path.relative_to(ROOT)} lacks Material keys: {sorted(missing)}"
    assert f'"language": "{lang}"' in text
    assert "draft" in text.lower(), "the file must say it is a draft for native review"


def test_site_strings_have_every_key_in_every_language():
    source = yaml.safe_load((ROOT / "data" / "strings" / "es.yml").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        strings = yaml.safe_load((ROOT / "data" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))
        assert set(source) - set(strings) == set(), lang


def test_requirements_are_pinned_exactly():
    lines = [ln.split("#")[0].strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    lines = [ln for ln in lines if ln]
    assert lines
    for line in lines:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][\w.]*", line), line
    assert any(ln.startswith("mkdocs==1.") for ln in lines)


def test_headings_have_explicit_ids_identical_across_languages():
    heading = re.compile(r"^#{2,3} .*\{ ?#([a-z0-9-]+) ?\}\s*$")
    bare = re.compile(r"^#{2,3} (?!.*\{ ?#)")
    for source in sorted((DOCS_DIR / "es").glob("*.md")):
        ids = {}
        for lang in LANGUAGES:
            path = DOCS_DIR / lang / source.name
            if not path.is_file():
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            assert not [ln for ln in lines if bare.match(ln)], f"{path.relative_to(ROOT)}: heading without {{ #id }}"
            ids[lang] = [m.group(1) for ln in lines if (m := heading.match(ln))]
        for lang, found in ids.items():
            assert found == ids["es"], f"docs/{lang}/{source.name}: ids differ from Spanish"


def test_third_party_scan_catches_a_cdn(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css"><script src="//cdn.example/x.js"></script><a href="https://source.example/">ok</a>')
    (tmp_path / "b.css").write_text("body{background:url(https://evil.example/p.png)}")
    (tmp_path / "c.js").write_text('fetch("https://tracker.example/ping")')
    found = third_party_resources(tmp_path)
    assert len(found) == 4, found


def test_offline_config_uses_vendored_iframe_worker_shim():
    data = yaml.safe_load((ROOT / "mkdocs-offline.yml").read_text(encoding="utf-8"))
    polyfills = data["extra"]["polyfills"]
    assert any("iframe-worker" in p and not is_external(p) for p in polyfills)
    for p in polyfills:
        assert (DOCS_DIR / p).is_file(), p
    # Plugins are mappings, so inheritance appends offline after i18n (pitfall 6).
    parent = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert data["INHERIT"] == "mkdocs.yml"
    assert isinstance(parent["plugins"], dict) and list(parent["plugins"]) == ["i18n"]
    assert list(data["plugins"]) == ["offline"]
