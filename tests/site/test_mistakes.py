"""`make site` with each common editor mistake: the exact message in Spanish, a non-zero exit, nothing published.

One case per folder under tests/fixtures/mistakes/<case>/case.yml (as the
htmlproofer and FastAPI suites do): what the editor changed, and every line
the build must print. Each case runs the real command (`python -m
scripts.build_site`, what `make site` runs) in a copy of the project that
already holds a good build, and checks that site/ and dist/ are then exactly
as they were. Placeholders keep the messages exact while the pages change:
{+N} is line N of what was appended; {line:TEXT} and {line@FILE:TEXT} the
line of the changed file (or of FILE) that starts with TEXT. `recording:`
makes a sound file with one of ffmpeg's test sources (the repository ships
no recording).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alerta.config import ROOT
from tests.support.audio import generated
from tests.support.project import COPY_IGNORE

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "mistakes"
PLACEHOLDER = re.compile(r"\{(\+\d+|line(?:@[^:}]+)?:[^}]+)\}")


def build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", SITE_MESSAGES="es")
    # -m from the copy: the copy's own library builds the copy.
    return subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=project, capture_output=True, text=True, env=env)


def fingerprint(project: Path) -> dict[str, str]:
    """SHA-256 of every file of site/ and dist/."""
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for folder in ("site", "dist") for p in sorted((project / folder).rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def good_project(tmp_path_factory) -> Path:
    """A copy of the project with a good build in site/ and dist/."""
    project = tmp_path_factory.mktemp("good") / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def apply(case: dict, project: Path) -> dict[str, int]:
    """Make the editor's change; return, per appended file, its line count before."""
    bases = {}
    for path, text in (case.get("write") or {}).items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    for path, text in (case.get("write_latin1") or {}).items():
        (project / path).write_bytes(text.encode("latin-1"))
    for path, (old, new) in (case.get("replace") or {}).items():
        content = (project / path).read_text(encoding="utf-8")
        assert old in content, f"{path}: the case no longer applies ({old!r} not found)"
        (project / path).write_text(content.replace(old, new, 1), encoding="utf-8")
    for path, text in (case.get("append") or {}).items():
        content = (project / path).read_text(encoding="utf-8")
        bases[path] = content.count("\n")
        (project / path).write_text(content + text, encoding="utf-8")
    for path, target in (case.get("symlink") or {}).items():
        (project / path).symlink_to(target)
    for path, source in (case.get("recording") or {}).items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        generated(project / path, source)
    return bases


def expected_lines(case: dict, project: Path, bases: dict[str, int]) -> list[str]:
    changed = next(iter({**(case.get("append") or {}), **(case.get("replace") or {}), **(case.get("write") or {})}), None)

    def fill(match: re.Match) -> str:
        token = match.group(1)
        if token.startswith("+"):
            return str(next(iter(bases.values())) + int(token[1:]))
        where, _, text = token.partition(":")
        path = where.split("@", 1)[1] if "@" in where else changed
        lines = (project / path).read_text(encoding="utf-8").split("\n")
        return str(next(n for n, line in enumerate(lines, 1) if line.startswith(text)))

    return [PLACEHOLDER.sub(fill, line) for line in case["expected"]]


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.iterdir() if (p / "case.yml").is_file()))
def test_mistake_is_told_in_spanish_and_nothing_is_published(name, good_project, tmp_path):
    case = yaml.safe_load((CASES / name / "case.yml").read_text(encoding="utf-8"))
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    before = fingerprint(project)
    bases = apply(case, project)
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode == case.get("exit", 1), output
    printed = [line.strip() for line in output.splitlines()]
    for line in expected_lines(case, project, bases):
        assert line in printed, f"expected:\n  {line}\nprinted:\n{output}"
    assert "Traceback" not in output
    if result.returncode:
        assert "site/ y dist/ quedaron como estaban" in output
        assert fingerprint(project) == before
    assert not list(project.glob(".building-*"))
