"""One way to report a problem: which file, which line, what is wrong, how to fix it.

The people who change the content speak Spanish and do not program, so every
message is written in plain Spanish first, with an English twin for
developers and CI logs (SITE_MESSAGES=en). A message is written where its
check is, as a pair: say("...", "..."). Nothing an editor can cause ends in
a traceback: the loaders raise ProblemError, the build and the commands print
the problems and exit non-zero.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

LANGUAGE_ENV = "SITE_MESSAGES"
LEVELS = ("error", "warning", "hint")


def message_language() -> str:
    """"es" unless SITE_MESSAGES=en (developers, CI logs)."""
    return "en" if os.environ.get(LANGUAGE_ENV, "es").lower().startswith("en") else "es"


@dataclass(frozen=True, order=True)
class Text:
    """A message in Spanish and in English; shown in the reader's setting."""

    es: str
    en: str

    def __str__(self) -> str:
        return self.es if message_language() == "es" else self.en


def say(es: str, en: str) -> Text:
    """A message, Spanish first."""
    return Text(es, en)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where (file relative to the repository, line or 0), what is wrong, how to fix it."""

    file: str
    line: int
    what: Text
    fix: Text | None = None
    level: str = field(default="error", compare=False)

    @property
    def error(self) -> bool:
        return self.level == "error"

    def where(self) -> str:
        if message_language() == "es":
            return f"{self.file}, línea {self.line}" if self.line else self.file
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        what = _sentence(str(self.what), capital=True)
        if self.fix is None:
            text = what
        else:
            label = "Qué hacer" if message_language() == "es" else "Fix"
            text = f"{what} {label}: {_sentence(str(self.fix))}"
        return f"{self.where()}: {text}" if self.file else text


def _sentence(text: str, capital: bool = False) -> str:
    text = text.strip()
    if capital:
        text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def encoding_problem(rel: str, data: bytes, exc: UnicodeDecodeError) -> Problem:
    """A file not saved as UTF-8: the line of its first odd character."""
    return Problem(
        rel,
        data[: exc.start].count(b"\n") + 1,
        say("el archivo no está guardado como UTF-8 (Unicode), y sus letras con tilde o ñ se leerían mal", "the file is not saved as UTF-8, so its accented letters would be misread"),
        say(
            "ábralo en el editor y guárdelo de nuevo eligiendo la codificación UTF-8 (en el editor web de GitHub basta con copiar el texto en un archivo nuevo)",
            "open it and save it again with the UTF-8 encoding",
        ),
    )


class ProblemError(Exception):
    """Raised with every problem found, so the caller can show them all."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop publishing, each once."""
    return sorted({p for p in problems if p.error})


def report(problems: Iterable[Problem]) -> str:
    """Errors first, then warnings, then plain-language hints, each group with a heading and a count."""
    problems = sorted(set(problems), key=lambda p: (LEVELS.index(p.level), p.file, p.line, str(p.what)))
    es = message_language() == "es"
    headings = {
        "error": ("Problemas que impiden publicar", "Problems that stop publishing"),
        "warning": ("Avisos (no impiden publicar)", "Warnings (they do not stop publishing)"),
        "hint": ("Sugerencias de lenguaje claro (no impiden publicar)", "Plain-language hints (they do not stop publishing)"),
    }
    lines: list[str] = []
    for level in LEVELS:
        group = [p for p in problems if p.level == level]
        if group:
            title = headings[level][0 if es else 1]
            lines += ([""] if lines else []) + [f"{title}: {len(group)}"] + [f"  {p}" for p in group]
    return "\n".join(lines)
