"""What every offline file records about itself: version, build date, neutral name."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess

from alerta.config import ROOT, site_config
from alerta.problems import Problem, ProblemError, say

ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest date a zip can store
DEFAULT_NAME = "guia"


class BundleError(ProblemError):
    """A bundle could not be built."""


def bundle_name() -> str:
    """extra.bundle.name of mkdocs.yml: the neutral file name of every bundle."""
    name = str((site_config().extra.get("bundle") or {}).get("name") or DEFAULT_NAME)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise BundleError(
            [Problem("mkdocs.yml", 0, say(f"extra.bundle.name {name!r} no sirve como nombre de archivo", f"extra.bundle.name {name!r} is not a usable file name"), say("use minúsculas, cifras, '-' o '_'", "use lowercase letters, digits, '-' or '_'"))]
        )
    return name


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time, else a fixed date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        return int(out)
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return ZIP_EPOCH_MIN


def version() -> str:
    """SOURCE_VERSION, else the commit the bundle was built from."""
    if os.environ.get("SOURCE_VERSION"):
        return os.environ["SOURCE_VERSION"]
    try:
        return subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
