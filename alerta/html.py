"""Reading and editing HTML: one parser for the whole project (justhtml).

justhtml implements the WHATWG parsing algorithm (it passes the html5lib
test suite), so a page is read here the way a browser reads it: a quoted
">" inside an attribute, `<!-->` or an entity-encoded "javascript:" cannot
hide anything from a check. It also records where each element starts and
ends in the source, so the project edits a page by splicing new text into
exactly those places: every byte it does not mean to change stays as it was.

    doc = parse(page_html)
    edits = [Edit(*start_tag_span(img), start_tag("img", new_attrs)) for img in elements(doc, "img")]
    page_html = apply_edits(page_html, edits)
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from justhtml import Element, JustHTML, Text

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

__all__ = [
    "Edit",
    "Element",
    "VOID",
    "ancestors",
    "apply_edits",
    "attribute",
    "classes",
    "edit_start_tag",
    "elements",
    "inner_span",
    "layout_whitespace_edits",
    "line",
    "outer_span",
    "parse",
    "start_tag",
    "start_tag_span",
    "text",
]


@dataclass(frozen=True, order=True)
class Edit:
    """Replace source[start:end] with `new`."""

    start: int
    end: int
    new: str


def attribute_value(value: str) -> str:
    """A value for a double-quoted attribute: only &, < and " need escaping (a ' stays one byte)."""
    return _html.escape(value, quote=False).replace('"', "&quot;")


def parse(source: str, fragment: bool = False, locations: bool = True) -> Element:
    """The root of the parsed document (or fragment, parsed as the content of a <body>).

    `locations` records each element's line and source span (needed to edit
    or to name a line); reading without them is about twice as fast.
    Line endings must be \\n: offsets count characters of `source`.
    """
    document = JustHTML(source, sanitize=False, fragment=fragment, track_node_locations=locations)
    return document.root


def elements(root: Element, *names: str) -> Iterator[Element]:
    """Every element under root in document order, or only those named."""
    wanted = set(names)
    stack = list(reversed(root.children or []))
    while stack:
        node = stack.pop()
        if not isinstance(node, Element):
            continue
        if not wanted or node.name in wanted:
            yield node
        stack.extend(reversed(_children(node)))


def _children(element: Element) -> list:
    """An element's child nodes, a <template>'s content after them."""
    children = list(element.children or [])
    if element.template_content is not None:
        children += list(element.template_content.children or [])
    return children


def attribute(element: Element, name: str) -> str | None:
    """An attribute's value with entities decoded (a bare attribute is "")."""
    value = (element.attrs or {}).get(name)
    return None if value is None else str(value)


def classes(element: Element) -> list[str]:
    return (attribute(element, "class") or "").split()


def ancestors(element: Element) -> Iterator[Element]:
    node = element.parent
    while isinstance(node, Element):
        yield node
        node = node.parent


def text(node) -> str:
    """The text of a node and everything inside it, as a browser's textContent."""
    if isinstance(node, Text):
        return node.data or ""
    parts = []
    stack = list(reversed(node.children or []))
    while stack:
        child = stack.pop()
        if isinstance(child, Text):
            parts.append(child.data or "")
        elif isinstance(child, Element):
            stack.extend(reversed(child.children or []))
    return "".join(parts)


def line(element: Element) -> int:
    """The 1-based line of the element's start tag (0 when parsed without locations)."""
    return element.origin_line or 0


# justhtml keeps the spans of start and end tags when locations are tracked;
# these four functions are the only place that reads them (tests/unit/test_html.py).


def start_tag_span(element: Element) -> tuple[int, int]:
    """(start, end) of the element's start tag in the source."""
    start, end = element._start_tag_start, element._start_tag_end
    if start is None or end is None:
        raise ValueError(f"<{element.name}> has no position: parse with locations=True")
    return start, end


def outer_span(element: Element) -> tuple[int, int]:
    """(start, end) of the whole element: start tag to end tag (or to its last content when the end tag is implied)."""
    start, end = start_tag_span(element)
    if element._end_tag_end is not None:
        return start, element._end_tag_end
    if element.name in VOID:
        return start, end
    # The end tag is implied: the element ends where whatever follows it begins.
    node = element
    while node.parent is not None:
        siblings = node.parent.children or []
        following = siblings[siblings.index(node) + 1 :]
        if following:
            nxt = following[0]
            begin = nxt._start_tag_start if isinstance(nxt, Element) else nxt.origin_offset
            if begin is not None:
                return start, begin
        if isinstance(node.parent, Element) and node.parent._end_tag_start is not None:
            return start, node.parent._end_tag_start
        node = node.parent
    source = element._source_html  # the parsed text, kept with the spans
    return start, len(source) if source is not None else end


def inner_span(element: Element) -> tuple[int, int]:
    """(start, end) of what is between the start and end tags."""
    _, start = start_tag_span(element)
    end = element._end_tag_start if element._end_tag_start is not None else outer_span(element)[1]
    return start, end


def start_tag(name: str, attrs: Iterable[tuple[str, str | None]]) -> str:
    """A start tag; values escaped (quotes included), None written as a bare attribute."""
    parts = [f"<{name}"]
    for key, value in attrs:
        parts.append(f" {key}" if value is None else f' {key}="{attribute_value(value)}"')
    return "".join(parts) + ">"


_SPACE = " \t\n\f\r"


def _attribute_chunks(tag: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """A start tag split into its name, each attribute's text (with the space before it), and what closes it.

    The parser has already read the tag; this only finds where each
    attribute's text is, following the tokenizer's attribute states, so an
    edit can keep every other attribute exactly as written.
    """
    position = 1
    while position < len(tag) and tag[position] not in _SPACE + "/>":
        position += 1
    head, chunks, end = tag[:position], [], position
    while True:
        start = position
        while position < len(tag) and tag[position] in _SPACE + "/":
            position += 1
        if position >= len(tag) or tag[position] == ">":
            return head, chunks, tag[end:]
        name_start = position
        position += 1  # the first character always belongs to the name (even "=")
        while position < len(tag) and tag[position] not in _SPACE + "/>=":
            position += 1
        name = tag[name_start:position].lower()
        after_name = position
        while position < len(tag) and tag[position] in _SPACE:
            position += 1
        if position < len(tag) and tag[position] == "=":
            position += 1
            while position < len(tag) and tag[position] in _SPACE:
                position += 1
            if position < len(tag) and tag[position] in "\"'":
                closing = tag.find(tag[position], position + 1)
                if closing == -1:
                    return None
                position = closing + 1
            else:
                while position < len(tag) and tag[position] not in _SPACE + ">":
                    position += 1
        else:
            position = after_name
        chunks.append((name, tag[start:position]))
        end = position


def edit_start_tag(source: str, element: Element, changes: dict[str, str | None]) -> Edit:
    """Set (or, with None, remove) attributes of an element; every other byte of its start tag is kept.

    A changed attribute keeps its place; a new one goes at the end.
    """
    start, end = start_tag_span(element)
    split = _attribute_chunks(source[start:end])
    names = list((element.attrs or {}).keys())
    if split is None or [name for name, _ in split[1]] != names:
        # Duplicated or unusual attributes: write the whole tag again.
        values = {**(element.attrs or {}), **changes}
        return Edit(start, end, start_tag(element.name, [(k, v) for k, v in values.items() if v is not None]))
    head, chunks, tail = split
    pending = dict(changes)
    parts = [head]
    for name, text in chunks:
        if name not in pending:
            parts.append(text)
        elif (value := pending.pop(name)) is not None:
            parts.append(f' {name}="{attribute_value(value)}"')
    parts += [f' {name}="{attribute_value(value)}"' for name, value in pending.items() if value is not None]
    return Edit(start, end, "".join(parts) + tail)


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """The source with every edit applied; edits must not overlap."""
    out, position = [], 0
    for edit in sorted(edits):
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        out.append(source[position : edit.start])
        out.append(edit.new)
        position = edit.end
    out.append(source[position:])
    return "".join(out)


# Elements whose text keeps its whitespace: preformatted by HTML or by Material's CSS
# (.md-typeset code, kbd, pre: white-space: pre-wrap), or not text at all.
KEEPS_WHITESPACE = frozenset({"pre", "textarea", "code", "kbd", "samp", "script", "style"})
LAYOUT_WHITESPACE = re.compile(r"[ \t\n\f\r]*\n[ \t\n\f\r]*")


def layout_whitespace_edits(root: Element, source: str) -> list[Edit]:
    """Edits that make each run of whitespace holding a line break one line break, in the text of
    a page parsed with locations, outside the elements in KEEPS_WHITESPACE: the templates'
    indentation and blank lines go (about 0.4 KB gzip a page) and a browser draws the page the
    same, as white-space: normal makes any such run one space. Text whose source is not its text
    (an entity in it) is left as it is."""
    edits = []
    stack = [(child, False) for child in reversed(root.children or [])]
    while stack:
        node, keep = stack.pop()
        if isinstance(node, Text):
            start, data = node.origin_offset, node.data or ""
            if keep or start is None or "\n" not in data or not source.startswith(data, start):
                continue
            folded = LAYOUT_WHITESPACE.sub("\n", data)
            if folded != data:
                edits.append(Edit(start, start + len(data), folded))
        elif isinstance(node, Element):
            inside = keep or node.name in KEEPS_WHITESPACE
            stack.extend((child, inside) for child in reversed(_children(node)))
    return edits
