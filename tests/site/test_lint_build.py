"""The content lint inside a real two-language MkDocs build: hints printed once, an error stops it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from alerta.config import ROOT

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "content"


def docs(case: str) -> Path:
    return FIXTURES / case / "docs"


def build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )


MINI_SITE = """\
site_name: Test
use_directory_urls: false
exclude_docs: |
  contacts.yml
hooks:
  - {hook}
markdown_extensions:
  - attr_list
  - admonition
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - locale: es
          name: Español
          default: true
        - locale: en
          name: English
"""


def test_strict_build_fails_on_errors_and_not_on_hints(tmp_path):
    """A real two-language build with the hook: hints are printed once, an error stops it."""
    project = tmp_path / "project"
    shutil.copytree(docs("good"), project / "docs")
    (project / "mkdocs.yml").write_text(MINI_SITE.format(hook=ROOT / "hooks" / "content_lint.py"), encoding="utf-8")
    page = project / "docs" / "es" / "index.md"
    long_sentence = (FIXTURES / "long-sentence" / "docs" / "es" / "index.md").read_text(encoding="utf-8").split("\n")[9]
    page.write_text(page.read_text(encoding="utf-8") + "\n" + long_sentence + "\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("docs/es/index.md, línea 27: Una frase de 48 palabras") == 1
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "Problemas que impiden publicar: 1" in result.stderr
    assert "docs/es/index.md, línea 29: La etiqueta HTML <script> no está permitida" in result.stderr
