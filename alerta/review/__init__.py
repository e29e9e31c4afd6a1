"""Native-speaker review of the Quechua and Aymara drafts, without Git.

    units.py        a page cut into numbered sentences, paired with the Spanish source
    reviewers.py    who reviewed a page (front matter `reviewers:`), and the two-reviewer rule
    glossary.py     data/glossary/<lang>.yml: preferred terms, variants to avoid, accepted loanwords
    spanish.py      which words are Spanish (Debian's hunspell-es dictionary)
    sheets.py       the printable review sheets (`make review-sheets`, dist/review/)
    corrections.py  a coordinator's corrections file (data/reviews/<lang>/<page>.yml) applied to the page

The languages reviewed this way and how many reviewers `translation: reviewed`
needs are set once, in mkdocs.yml (extra.review).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alerta.config import MKDOCS_YML, site_config

REVIEWERS_NEEDED = 2


@dataclass(frozen=True)
class ReviewSettings:
    """mkdocs.yml extra.review: the languages native speakers review, and how many must review a page."""

    languages: tuple[str, ...]
    reviewers: int


def review_settings(mkdocs_yml: Path = MKDOCS_YML) -> ReviewSettings:
    """The review settings of a project (by default this one)."""
    config = site_config(mkdocs_yml)
    extra = config.extra.get("review") or {}
    languages = tuple(str(code) for code in extra.get("languages") or () if str(code) in config.translations)
    return ReviewSettings(languages, int(extra.get("reviewers", REVIEWERS_NEEDED)))
