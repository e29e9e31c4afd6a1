"""Where a recording goes and what it reads: docs/<lang>/audio/<page>.<ext> (the whole page) or
docs/<lang>/audio/<page>--<heading-id>.<ext> (one section, by the explicit `{ #id }` of its
heading, the same in every language). The page's front matter records that the speaker agreed
(`recording_consent: yes`) and, if she wishes, the name to show (`recording_speaker:`);
the content lint (alerta/lint/front_matter.py) stops the build without that consent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alerta.audio import FOLDER, SECTION_SEPARATOR, SUFFIXES
from alerta.config import site_config
from alerta.pages import HEADING_ATTRS, display_path, headings, masked_lines, normalize_name, read_page
from alerta.problems import Problem, say

CONSENT_KEY = "recording_consent"
SPEAKER_KEY = "recording_speaker"
ANONYMOUS = ("anonymous", "anónima", "anónimo", "anonima", "anonimo")
NAMING = say(
    "el nombre debe ser el de la página (formas.opus lee formas.md) o el de la página, dos guiones y el id de una sección (formas--sexual-exploitation.opus)",
    "name it after the page (formas.opus reads formas.md), or the page, two dashes and a section id (formas--sexual-exploitation.opus)",
)


@dataclass(frozen=True)
class Recording:
    """One recording of docs/ and what it reads."""

    path: Path
    rel: str  # docs/qu/audio/formas.opus
    lang: str
    page: str  # formas.md
    section: str | None  # a heading id, or None for the whole page

    @property
    def stem(self) -> str:
        """formas, or formas--sexual-exploitation: the published name before its hash."""
        return Path(self.page).stem + (f"{SECTION_SEPARATOR}{self.section}" if self.section else "")

    @property
    def page_path(self) -> Path:
        return self.path.parent.parent / self.page


def is_recording(path: Path) -> bool:
    """A file with a sound suffix in a language's audio folder."""
    return path.suffix.lower() in SUFFIXES and path.parent.name == FOLDER


def recording_paths(docs: Path) -> list[Path]:
    """Every file of docs/<lang>/audio/ with a sound suffix, sorted (hidden files and symlinks left out)."""
    found = []
    for lang in site_config().codes:
        folder = Path(docs) / lang / FOLDER
        if folder.is_dir():
            found += [p for p in folder.iterdir() if p.is_file() and not p.is_symlink() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES]
    return sorted(found)


def split_name(path: Path) -> tuple[str, str | None]:
    """(page stem, heading id or None) from formas--sexual-exploitation.opus."""
    stem = normalize_name(path.stem)
    page, _, section = stem.partition(SECTION_SEPARATOR)
    return page, section or None


def page_recordings(page_path: Path) -> list[Path]:
    """The recordings of one page (docs/<lang>/<page>.md): the whole page's and each section's."""
    folder = Path(page_path).parent / FOLDER
    if not folder.is_dir():
        return []
    stem = normalize_name(Path(page_path).stem)
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES and split_name(p)[0] == stem)


def section_ids(page_path: Path) -> list[str]:
    """The explicit ids of a page's headings, in order."""
    page = read_page(page_path, page_path.parent.parent)
    return [hid for _, _, _, hid in headings(masked_lines(page.body)) if hid]


def heading_texts(page_path: Path) -> dict[str, str]:
    """Each explicit heading id of a page with its text ({ #id } left out)."""
    page = read_page(page_path, page_path.parent.parent)
    return {hid: HEADING_ATTRS.sub("", text).strip().strip("#").strip() for _, _, text, hid in headings(masked_lines(page.body)) if hid}


def find_recordings(docs: Path) -> tuple[list[Recording], list[Problem]]:
    """Every recording of docs/, each matched to its page and section; a problem for each that matches none."""
    docs = Path(docs)
    recordings, problems, seen = [], [], {}
    for path in recording_paths(docs):
        lang = path.parent.parent.name
        rel = display_path(path, docs)
        page_stem, section = split_name(path)
        page = f"{page_stem}.md"
        page_path = path.parent.parent / page
        if not page_path.is_file():
            problems.append(Problem(rel, 0, say(f"no hay una página docs/{lang}/{page} para esta grabación", f"there is no page docs/{lang}/{page} for this recording"), NAMING))
            continue
        if section is not None:
            ids = section_ids(page_path)
            if section not in ids:
                listed = ", ".join(ids) or "—"
                problems.append(
                    Problem(
                        rel,
                        0,
                        say(f"la página docs/{lang}/{page} no tiene una sección con el id '{section}'", f"docs/{lang}/{page} has no section with the id '{section}'"),
                        say(f"use uno de sus ids (lo que está entre {{ # }} al final de cada título): {listed}", f"use one of its ids (what is between {{ # }} at the end of each heading): {listed}"),
                    )
                )
                continue
        recording = Recording(path, rel, lang, page, section)
        target = (lang, recording.stem)
        if target in seen:
            problems.append(
                Problem(
                    rel,
                    0,
                    say(f"hay dos grabaciones de lo mismo: esta y {seen[target]}", f"two recordings of the same text: this one and {seen[target]}"),
                    say("deje solo una (borre la otra)", "keep only one (remove the other)"),
                )
            )
            continue
        seen[target] = rel
        recordings.append(recording)
    return recordings, problems


def consent_given(value) -> bool | None:
    """True for yes (or sí), False for no, None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("sí", "si", "yes"):
        return True
    if isinstance(value, str) and value.strip().lower() == "no":
        return False
    return None


def speaker_name(meta: dict) -> str | None:
    """The name the speaker chose to show, or None (anonymous, or not given)."""
    name = meta.get(SPEAKER_KEY)
    if not isinstance(name, str) or not name.strip() or name.strip().lower() in ANONYMOUS:
        return None
    return name.strip()
