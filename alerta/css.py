"""Only the CSS the site uses: Material's stylesheet reduced to the rules that can match a built page.

A rule is kept when one of its selectors, made broader, matches an element of
some page. Broader: states a reader or site.js can change (:hover, :focus,
:checked for the search and menu toggles, :not(...), :target...) and
pseudo-elements are dropped from the selector before matching, so a rule
that could ever apply is kept. Markup that site.js builds (search results)
is a <template> in the page, so it is matched like the rest; and a class
named in site.js keeps every rule whose subject has that class. Custom
properties are kept when a kept rule (or the site's own CSS) uses them,
@keyframes when a kept rule animates with them. Parsing is tinycss2's,
matching cssselect2's (Kozea's, as WeasyPrint uses them), over pages read
with alerta.html.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.etree import ElementTree as ET

import cssselect2
import tinycss2
from tinycss2.ast import FunctionBlock, LiteralToken, WhitespaceToken

from alerta.html import Element, parse

# Pseudo-classes that depend only on the document: kept when matching.
STRUCTURAL = frozenset(
    "root first-child last-child only-child nth-child nth-last-child first-of-type last-of-type only-of-type nth-of-type nth-last-of-type empty is where has lang".split()
)
GROUPING = ("media", "supports", "layer", "container")
# String literals of site.js that may be class names it sets.
JS_STRING = re.compile(r"""["']([A-Za-z_][\w -]*)["']""")


def _boundary(token) -> bool:
    return token is None or token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~", ","))


def broaden(tokens: list) -> list:
    """A selector without pseudo-elements and without the pseudo-classes a reader or a script can change."""
    out, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "literal" and token.value == ":":
            skip = 0
            if i + 1 < len(tokens) and tokens[i + 1].type == "literal" and tokens[i + 1].value == ":":
                skip = 3  # ::pseudo-element (or ::name(...))
            else:
                following = tokens[i + 1] if i + 1 < len(tokens) else None
                name = getattr(following, "lower_value", None) or getattr(following, "lower_name", "") or ""
                if name not in STRUCTURAL:
                    skip = 2  # :hover, :checked, :not(...), :-webkit-..., :before: may apply at some moment
            if skip:
                # A compound left empty (":hover > a") stands for any element.
                if _boundary(out[-1] if out else None) and _boundary(tokens[i + skip] if i + skip < len(tokens) else None):
                    out.append(LiteralToken(0, 0, "*"))
                i += skip
                continue
            if following.type == "function" and name in ("is", "where", "has"):
                # Broaden each argument; an argument left empty could match anything.
                arguments = [broaden(part) for part in _selectors(following.arguments)]
                joined = [token for n, part in enumerate(arguments) for token in ([LiteralToken(0, 0, ",")] if n else []) + part]
                out += [token, FunctionBlock(0, 0, name, joined)]
                i += 2
                continue
        out.append(token)
        i += 1
    return out


def _selectors(prelude: list) -> list[list]:
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _tree(node: Element) -> ET.Element:
    """An ElementTree copy of an element, with <template> contents in the template's place (as a script instantiates them)."""
    element = ET.Element(node.name, {k: str(v or "") for k, v in (node.attrs or {}).items()})
    for child in _children(node):
        element.append(_tree(child))
    return element


def _children(node: Element) -> Iterable[Element]:
    for child in node.children or []:
        if not isinstance(child, Element):
            continue
        if child.name == "template" and child.template_content is not None:
            yield from (c for c in child.template_content.children or [] if isinstance(c, Element))
        else:
            yield child


def script_classes(script: str) -> set[str]:
    """Words in site.js's string literals: any of them may be a class it sets on an element."""
    return {word for literal in JS_STRING.findall(script) for word in literal.split()}


def subject_classes(selector: list) -> set[str]:
    """The classes of the selector's last compound (the element it styles)."""
    classes: set[str] = set()
    for i, token in enumerate(selector):
        if token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~")):
            classes = set()
        elif token.type == "literal" and token.value == "." and i + 1 < len(selector) and selector[i + 1].type == "ident":
            classes.add(selector[i + 1].value)
    return classes


def _rules(nodes: list) -> Iterable:
    for node in nodes:
        if node.type == "qualified-rule":
            yield node
        elif node.type == "at-rule" and node.lower_at_keyword in GROUPING and isinstance(node.content, list):
            yield from _rules(node.content)


def parse_stylesheet(css: str) -> list:
    """The stylesheet's rules, with grouping at-rules' contents parsed too."""
    nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for node in nodes:
        _parse_content(node)
    return nodes


def _parse_content(node) -> None:
    if node.type == "at-rule" and node.lower_at_keyword in GROUPING and node.content is not None:
        node.content = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
        for child in node.content:
            _parse_content(child)


def used_rules(nodes: list, pages: Iterable[str], script: str = "") -> set[int]:
    """id() of every rule that can match: a broadened selector matches some page's element, or its subject has a script's class."""
    from_script = script_classes(script)
    matcher, kept = cssselect2.Matcher(), set()
    for rule in _rules(nodes):
        for selector in _selectors(rule.prelude):
            broad = broaden(selector)
            if subject_classes(broad) & from_script or not tinycss2.serialize(broad).strip():
                kept.add(id(rule))
                continue
            try:
                for compiled in cssselect2.compile_selector_list(tinycss2.serialize(broad)):
                    matcher.add_selector(compiled, id(rule))
            except cssselect2.SelectorError:
                kept.add(id(rule))  # a selector the engine cannot read: keep its rule rather than guess
    for page in pages:
        for element in page_elements(page):
            kept.update(match[3] for match in matcher.match(element))
    return kept


def page_elements(page: str) -> Iterable:
    """Every element of a page as cssselect2 matches it, <template> contents in place."""
    root = next(c for c in parse(page, locations=False).children if isinstance(c, Element))
    return cssselect2.ElementWrapper.from_html_root(_tree(root)).iter_subtree()


def _declarations(rule) -> list:
    return [d for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True) if d.type == "declaration"]


def _refs(tokens, found: set[str], function: str = "var") -> set[str]:
    for token in tokens or []:
        if token.type == "function":
            if token.lower_name == function:
                names = [t.value for t in token.arguments if t.type == "ident"]
                found.update(names[:1])
            _refs(token.arguments, found, function)
        elif isinstance(getattr(token, "content", None), list):
            _refs(token.content, found, function)
    return found


def reduce_stylesheet(css: str, pages: Iterable[str], script: str = "", also_used: str = "") -> str:
    """The stylesheet with only the rules, custom properties and keyframes that can apply; `also_used` is CSS whose var() uses count."""
    nodes = parse_stylesheet(css)
    kept = used_rules(nodes, pages, script)
    rules = [r for r in _rules(nodes) if id(r) in kept]
    declarations = {id(r): _declarations(r) for r in rules}
    defined: dict[str, list] = {}
    used = _refs(tinycss2.parse_stylesheet(also_used) if also_used else [], set())
    animations: set[str] = set()
    for rule in rules:
        for declaration in declarations[id(rule)]:
            if declaration.name.startswith("--"):
                defined.setdefault(declaration.name, []).append(declaration)
            else:
                _refs(declaration.value, used)
                if declaration.lower_name in ("animation", "animation-name"):
                    animations.update(t.value for t in declaration.value if t.type == "ident")
    waiting = list(used)
    while waiting:  # a custom property may be defined with others
        for declaration in defined.get(waiting.pop(), []):
            for name in _refs(declaration.value, set()) - used:
                used.add(name)
                waiting.append(name)
    return _serialize(nodes, kept, declarations, used, animations)


def compact(css: str) -> str:
    """The stylesheet as the reducer writes it, every rule kept: no comments, whitespace cut to one space."""
    nodes = parse_stylesheet(css)
    rules = list(_rules(nodes))
    declarations = {id(r): _declarations(r) for r in rules}
    names = {d.name for ds in declarations.values() for d in ds if d.name.startswith("--")}
    keyframes = {_text(n.prelude) for n in nodes if n.type == "at-rule" and n.lower_at_keyword.endswith("keyframes")}
    return _serialize(nodes, {id(r) for r in rules}, declarations, names, keyframes)


def _text(tokens: list) -> str:
    """Tokens written back with each run of whitespace as one space (a string's own spaces are kept)."""
    return tinycss2.serialize(WhitespaceToken(0, 0, " ") if t.type == "whitespace" else t for t in tokens if t.type != "comment").strip()


def _serialize(nodes: list, kept: set[int], declarations: dict, used: set[str], animations: set[str]) -> str:
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            if id(node) not in kept:
                continue
            body = [d for d in declarations[id(node)] if not d.name.startswith("--") or d.name in used]
            if body:
                text = ";".join(f"{d.name}:{_text(d.value)}{'!important' if d.important else ''}" for d in body)
                out.append(_text(node.prelude) + "{" + text + "}")
        elif node.type == "at-rule" and node.lower_at_keyword in GROUPING and isinstance(node.content, list):
            inner = _serialize(node.content, kept, declarations, used, animations)
            if inner:
                out.append(f"@{node.at_keyword} {_text(node.prelude)}{{{inner}}}")
        elif node.type == "at-rule" and node.lower_at_keyword.endswith("keyframes"):
            name = _text(node.prelude)
            if name in animations:
                out.append(tinycss2.serialize([node]))
        elif node.type == "at-rule":
            out.append(tinycss2.serialize([node]))
    return "".join(out)
