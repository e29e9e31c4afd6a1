"""mkdocs.yml read once, with MkDocs' own loader: the languages are defined there and nowhere else."""

from __future__ import annotations

import pytest

from alerta.config import ConfigError, site_config

MINI = """\
site_name: !ENV [SITE_NAME_FOR_TEST, "fallback"]
plugins:
  i18n:
    languages:
      - locale: es
        name: Español
        default: true
      - locale: qu
        name: Runa Simi
"""


def test_languages_come_from_the_i18n_plugin(tmp_path, monkeypatch):
    (tmp_path / "base.yml").write_text(MINI, encoding="utf-8")
    (tmp_path / "offline.yml").write_text("INHERIT: base.yml\nextra:\n  offline: true\n", encoding="utf-8")
    monkeypatch.setenv("SITE_NAME_FOR_TEST", "Alerta")
    config = site_config(tmp_path / "offline.yml")
    assert config.codes == ("es", "qu") and config.default.code == "es" and config.translations == ("qu",)
    assert [config.prefix(code) for code in config.codes] == ["", "qu/"]
    assert config.data["site_name"] == "Alerta" and config.extra == {"offline": True}


def test_the_real_configuration():
    config = site_config()
    assert config.codes == ("es", "en", "qu", "ay") and config.default.code == "es"
    assert config.nav[0] == "index.md"


def test_exactly_one_default_language(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(MINI.replace("        default: true\n", ""), encoding="utf-8")
    with pytest.raises(ConfigError, match="exactly one 'default: true'"):
        site_config(tmp_path / "mkdocs.yml")
