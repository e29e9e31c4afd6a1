"""One finding of the content lint: where, what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where, what is wrong and how to fix it."""

    path: str
    line: int
    message: str
    hint: bool = False

    def __post_init__(self) -> None:
        if not self.message.endswith((".", "!", "?")):
            object.__setattr__(self, "message", self.message + ".")

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: " if self.path else ""
        return f"{where}{'HINT: ' if self.hint else ''}{self.message}"


def line_of(text: str, offset: int, first_line: int) -> int:
    """The file line of a character offset in text that starts at first_line."""
    return first_line + text.count("\n", 0, offset)
