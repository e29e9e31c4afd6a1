"""What the link checker works with: the links of a page, the built site, its findings and options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alerta.config import cache_dir
from alerta.problems import Text

CACHE_NAME = "external-links.json"  # in the build cache (alerta.config.cache_dir)
CACHE_DAYS = 7.0
TIMEOUT = 10.0
RETRIES = 2
BACKOFF = 0.5
PER_HOST = 2
WORKERS = 16


@dataclass
class Link:
    """One URL found in a file, with where it was found."""

    url: str
    where: str  # "a[href]", "img[srcset]", "url() in CSS"...
    line: int  # line in the built file
    hreflang: str = ""


@dataclass
class Page:
    """What the checker needs of one built file."""

    path: str  # relative to the site folder, with "/"
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    fallback: bool = False
    csp: str | None = None  # the page's Content-Security-Policy meta tag
    inline: list[tuple[str, str, int]] = field(default_factory=list)  # (script|style, code, line) written in the page


@dataclass
class Finding:
    """One problem, named the way an editor can find it."""

    file: str
    line: int | None
    page: str
    link: str
    reason: Text
    kind: str


@dataclass
class Options:
    """Settings of one run."""

    site: Path
    site_label: str
    offline: bool = False
    external: bool = False
    docs: Path | None = None
    contacts: Path | None = None
    cache: Path = field(default_factory=lambda: cache_dir() / CACHE_NAME)
    cache_days: float = CACHE_DAYS
    timeout: float = TIMEOUT
    retries: int = RETRIES
    backoff: float = BACKOFF
    per_host: int = PER_HOST
    workers: int = WORKERS


@dataclass
class Site:
    """The files of the built site and how they map to languages and sources."""

    options: Options
    files: dict[str, str]  # NFC relative name -> name on disk
    dirs: set[str]
    root: str  # folder of the site inside SITE_DIR ("" or a bundle's subfolder)
    pages: dict[str, Page] = field(default_factory=dict)
    numbers: set[str] = field(default_factory=set)
    tel_ids: dict[str, list[str]] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    external: dict[str, list[tuple[str, Link]]] = field(default_factory=dict)
    checked: int = 0
    _sources: dict[str, str] = field(default_factory=dict)
    _texts: dict[Path, str] = field(default_factory=dict)
