"""The text values of a YAML file with their exact place, so one value can be read with its line and replaced alone.

PyYAML's composer records where each value starts and ends in the file;
replacing that span (and nothing else) keeps every comment, quote and blank
line of the file as the editor wrote it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Scalar:
    """One text value: the keys (or list positions) leading to it, its line, its span in the file, its value."""

    path: tuple
    line: int
    start: int
    end: int
    value: str


def scalars(text: str) -> list[Scalar]:
    """Every text value of a YAML document, in file order."""
    out: list[Scalar] = []

    def walk(node, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                walk(value, path + (index,))
        elif isinstance(node, yaml.ScalarNode):
            value = yaml.safe_load(text[node.start_mark.index : node.end_mark.index]) if node.style in (">", "|") else node.value
            out.append(Scalar(path, node.start_mark.line + 1, node.start_mark.index, node.end_mark.index, str(value).strip() if value is not None else ""))

    walk(yaml.compose(text), ())
    return out


def replace_scalar(text: str, scalar: Scalar, new: str) -> str:
    """The file with one value replaced by `new`, written in double quotes (the rest of the file untouched)."""
    old = text[scalar.start : scalar.end]
    tail = old[len(old.rstrip("\n")) :]  # a block scalar's span ends with its line break
    return text[: scalar.start] + json.dumps(new, ensure_ascii=False) + tail + text[scalar.end :]
