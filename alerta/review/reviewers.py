"""Who reviewed a translation: the front matter's `reviewers:` list, and the rule that `translation: reviewed` needs enough of them.

    reviewers:
      - {name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}

Each reviewer has a name (or initials), the variety of the language they
speak (Quechua of Norte de Potosí, Aymara of La Paz...) and the date of the
review. Two entries with the same name (ignoring case, spaces and dots) are
one person reviewing twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from alerta.pages import Page
from alerta.problems import Problem, say
from alerta.review import review_settings

KEY = "reviewers"
FIELDS = ("name", "variety", "date")
EXAMPLE = '- {name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}'


@dataclass(frozen=True)
class Reviewer:
    name: str
    variety: str
    date: str

    @property
    def person(self) -> str:
        """The name as compared: 'M. Q.' and 'mq' are the same person."""
        return re.sub(r"[\s.]+", "", self.name).casefold()


def read_reviewers(page: Page) -> tuple[list[Reviewer], list[Problem]]:
    """The page's reviewers and, for each entry that cannot be read, a problem."""
    value = page.meta.get(KEY)
    if value is None:
        return [], []
    line = page.meta_line(KEY)
    fix = say(f"escriba cada revisión en una línea debajo de {KEY}:, así: {EXAMPLE}", f"write each review on a line under {KEY}:, like {EXAMPLE}")
    if not isinstance(value, list):
        return [], [Problem(page.rel, line, say(f'"{KEY}" debe ser una lista de revisiones', f'front matter: "{KEY}" must be a list of reviews'), fix)]
    out, problems = [], []
    for index, entry in enumerate(value, 1):
        if not isinstance(entry, dict):
            problems.append(Problem(page.rel, line, say(f"la revisión {index} de {KEY} no tiene nombre, variedad y fecha", f"review {index} under {KEY} has no name, variety and date"), fix))
            continue
        missing = [key for key in FIELDS if not str(entry.get(key) or "").strip()]
        unknown = [str(key) for key in entry if key not in FIELDS]
        date = entry.get("date")
        if isinstance(date, dt.date):
            date = date.isoformat()
        if missing or unknown:
            what = ", ".join(missing) if missing else ", ".join(unknown)
            es = f"a la revisión {index} de {KEY} le falta: {what}" if missing else f"la revisión {index} de {KEY} tiene claves desconocidas: {what}"
            en = f"review {index} under {KEY} lacks: {what}" if missing else f"review {index} under {KEY} has unknown keys: {what}"
            problems.append(Problem(page.rel, line, say(es, en), fix))
        elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date)):
            problems.append(Problem(page.rel, line, say(f'la fecha "{date}" de la revisión {index} no es AAAA-MM-DD', f'the date "{date}" of review {index} is not YYYY-MM-DD'), fix))
        else:
            out.append(Reviewer(str(entry["name"]).strip(), str(entry["variety"]).strip(), str(date)))
    return out, problems


def speakers(meta: dict) -> int:
    """How many different people reviewed a page, from its front matter as MkDocs hands it to hooks."""
    entries = meta.get(KEY) if isinstance(meta.get(KEY), list) else []
    return len({Reviewer(str(e.get("name") or ""), "", "").person for e in entries if isinstance(e, dict) and str(e.get("name") or "").strip()})


def people(reviewers: list[Reviewer]) -> list[Reviewer]:
    """One entry per person (the first review of each)."""
    seen: dict[str, Reviewer] = {}
    for reviewer in reviewers:
        seen.setdefault(reviewer.person, reviewer)
    return list(seen.values())


def reviewed_problem(page: Page) -> Problem | None:
    """An error when a page says `translation: reviewed` without enough different reviewers (review languages only)."""
    settings = review_settings()
    if page.lang not in settings.languages or page.meta.get("translation") != "reviewed":
        return None
    reviewers, _ = read_reviewers(page)
    persons = people(reviewers)
    needed = settings.reviewers
    if len(persons) >= needed:
        return None
    names = ", ".join(r.name for r in persons) or "nadie"
    return Problem(
        page.rel,
        page.meta_line("translation"),
        say(
            f"dice translation: reviewed, pero solo {len(persons)} de las {needed} personas que deben revisarla están anotadas en {KEY} ({names})",
            f"it says translation: reviewed, but only {len(persons)} of the {needed} people who must review it are listed under {KEY} ({', '.join(r.name for r in persons) or 'nobody'})",
        ),
        say(
            f"deje translation: draft hasta que {needed} personas distintas que hablan el idioma la revisen; cada revisión se anota con make apply-review FILE=data/reviews/{page.lang}/{page.name.removesuffix('.md')}.yml",
            f"keep translation: draft until {needed} different native speakers have reviewed it; each review is recorded by make apply-review FILE=data/reviews/{page.lang}/{page.name.removesuffix('.md')}.yml",
        ),
    )
