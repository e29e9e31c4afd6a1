"""Building the project (or a copy of it) the way `make` does, from a test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# What a copy of the project leaves out: history, environments and build output.
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", "dist", "build", ".cache", "__pycache__", ".pytest_cache", "*.egg-info")


def mkdocs_build(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` of a project into site_dir."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config), "-d", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
