"""Small Markdown pieces the report is made of: tables and how numbers are written (KB = 1000 bytes)."""

from __future__ import annotations

from bench.figures import KB


def kb(n: float) -> str:
    return f"{n / KB:.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def ratio(x: float) -> str:
    return f"{x:.2f}x"


def seconds(ms: float) -> str:
    return f"{ms / 1000:.2f} s"


def table(header: list[str], rows: list[list], numeric: bool = True) -> list[str]:
    """A Markdown table; columns after the first are right-aligned when numeric."""
    align = "---:" if numeric else "---"
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else align for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]
