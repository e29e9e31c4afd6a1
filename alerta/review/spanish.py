"""Which words are Spanish: Debian's hunspell with the hunspell-es dictionary for Bolivia (es_BO).

Chosen by measurement over Debian's wspanish word list (/usr/share/dict/spanish):
on the site's own Spanish pages wspanish knows 75% of the words (52% of the
different words: it lacks most plurals and verb forms, "casos", "amigos",
"amenazas"), hunspell-es 97% (95%), because it applies Spanish endings to
its stems. pyspellchecker's Spanish list measured like wspanish. `make`
installs both Debian packages where they are missing, like chromium.
Every word is asked once per process, all at once (`hunspell -l` lists the
words it does not know: about 0.1 s for every word of docs/).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

DICTIONARY = "es_BO"
DICTIONARY_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
PACKAGES = "hunspell hunspell-es"
_known: dict[str, bool] = {}


def available() -> bool:
    """hunspell and its Bolivian Spanish dictionary are installed."""
    return shutil.which("hunspell") is not None and any((folder / f"{DICTIONARY}.dic").is_file() for folder in DICTIONARY_DIRS)


def spanish_words(words: Iterable[str]) -> set[str]:
    """The words (lowercase, no apostrophes) that the Spanish dictionary knows; empty when it is not installed."""
    words = set(words)
    asked = sorted(w for w in words if w and w not in _known)
    if asked and available():
        result = subprocess.run(["hunspell", "-d", DICTIONARY, "-l"], input="\n".join(asked) + "\n", capture_output=True, text=True, encoding="utf-8", check=True)
        unknown = set(result.stdout.split())
        _known.update({w: w not in unknown for w in asked})
    return {w for w in words if _known.get(w)}
