"""What a phone's first paint needs, and what can wait: print rules and rules for wide screens.

A page inlines the first part. The second goes into one shared file linked
with media="print, (min-width: 30em)": a phone's screen (narrower than 30em,
480 px) does not match it, so a phone fetches it after the page has loaded
(alerta.site_css) and keeps it for the next page. Moving a rule into that file puts
it after every inlined rule, which changes the cascade only against a later
inlined rule that can style the same element, with the same specificity, on
an overlapping property: such a rule stays inline. "The same element" is
judged on the built pages with the broadened selectors of alerta.css, so the
check errs on the side of keeping a rule inline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import cssselect2
import tinycss2

from alerta.css import (
    GROUPING,
    _declarations,
    _rules,
    _selectors,
    broaden,
    page_elements,
    parse_stylesheet,
    script_classes,
    subject_classes,
)

PHONE_EM = 30.0  # rules only for screens at least this wide (in em of 16 px) wait
WIDE = f"(min-width: {PHONE_EM:g}em)"
MEDIA = f"print, {WIDE}"
MIN_WIDTH = re.compile(r"\(\s*min-width\s*:\s*([\d.]+)(em|px)\s*\)")
UNKNOWN = None  # a rule whose elements cannot be told (script-made, unreadable selector): it conflicts with anything


def waits(prelude: list) -> bool:
    """A media query list no phone screen narrower than 30em matches: print, or a min-width of at least 30em, in every query."""
    for query in (q.strip() for q in tinycss2.serialize(prelude).lower().split(",")):
        if query == "print" or query.startswith("print "):
            continue
        width = MIN_WIDTH.search(query)
        if width and not query.startswith(("not ", "only not")) and float(width.group(1)) / (16 if width.group(2) == "px" else 1) >= PHONE_EM:
            continue
        return False
    return True


def split(css: str, pages: Iterable[str], script: str = "") -> tuple[str, str]:
    """(the CSS to inline, the CSS that can wait), each in the original order."""
    nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    sequence = []  # (top-level index, rule, media at-rule or None)
    for index, node in enumerate(nodes):
        if node.type == "at-rule" and node.lower_at_keyword == "media" and node.content is not None:
            node.content = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
            sequence += [(index, rule, node) for rule in node.content]
        else:
            # Rules inside @supports and the like never move, but a moved rule must not come to follow them.
            sequence += [(index, rule, None) for rule in _style_rules_within(node)] or [(index, node, None)]
    rules = [rule for _, rule, _ in sequence if rule.type == "qualified-rule"]
    elements = _elements_of(rules, pages, script)
    moved: set[int] = set()
    inline_after: list = []  # the inlined rules after the one being decided
    for _, rule, media in reversed(sequence):
        if rule.type == "qualified-rule" and media is not None and waits(media.prelude) and not any(_conflict(rule, later, elements) for later in inline_after):
            moved.add(id(rule))
        elif rule.type == "qualified-rule":
            inline_after.append(rule)
    return _write(nodes, moved, keep=False), _write(nodes, moved, keep=True)


def _style_rules_within(node) -> list:
    """The style rules inside a grouping at-rule other than @media (@supports selector(...) {...}), at any depth."""
    if node.type != "at-rule" or node.lower_at_keyword not in GROUPING or node.lower_at_keyword == "media" or node.content is None:
        return []
    return list(_rules(parse_stylesheet(tinycss2.serialize([node]))))


def _write(nodes: list, moved: set[int], keep: bool) -> str:
    """The stylesheet with only the moved rules (keep) or only the others; @media blocks kept around what remains."""
    out = []
    for node in nodes:
        if node.type == "at-rule" and node.lower_at_keyword == "media" and isinstance(node.content, list):
            inner = [rule for rule in node.content if (id(rule) in moved) == keep]
            if inner:
                out.append(f"@media {tinycss2.serialize(node.prelude).strip()}{{{tinycss2.serialize(inner)}}}")
        elif not keep:
            out.append(tinycss2.serialize([node]))
    return "".join(out)


def _elements_of(rules: list, pages: Iterable[str], script: str) -> dict[int, set | None]:
    """For each rule, the elements (page, position) its broadened selectors match; UNKNOWN when that cannot be told."""
    from_script = script_classes(script)
    matcher, found = cssselect2.Matcher(), {}
    for rule in rules:
        found[id(rule)] = set()
        for selector in _selectors(rule.prelude):
            broad = broaden(selector)
            if subject_classes(broad) & from_script or not tinycss2.serialize(broad).strip():
                found[id(rule)] = UNKNOWN
                break
            try:
                for compiled in cssselect2.compile_selector_list(tinycss2.serialize(broad)):
                    matcher.add_selector(compiled, id(rule))
            except cssselect2.SelectorError:
                found[id(rule)] = UNKNOWN
                break
    for page_number, page in enumerate(pages):
        for position, element in enumerate(page_elements(page)):
            for match in matcher.match(element):
                if found[match[3]] is not UNKNOWN:
                    found[match[3]].add((page_number, position))
    return found


def _specificities(rule) -> set[tuple] | None:
    try:
        return {selector.specificity for selector in cssselect2.compile_selector_list(tinycss2.serialize(rule.prelude))}
    except cssselect2.SelectorError:
        return None


def _properties(rule) -> set[str]:
    return {d.lower_name for d in _declarations(rule)}


def _overlap(a: set[str], b: set[str]) -> bool:
    """Properties that can set the same thing: equal, `all`, or one the shorthand of the other (margin, margin-left)."""
    return any(x == y or "all" in (x, y) or (not x.startswith("--") and not y.startswith("--") and (y.startswith(x + "-") or x.startswith(y + "-"))) for x in a for y in b)


def _conflict(moved, later, elements: dict) -> bool:
    """Whether the later (inlined) rule could lose to the moved one once it comes first."""
    if not _overlap(_properties(moved), _properties(later)):
        return False
    mine, theirs = elements[id(moved)], elements[id(later)]
    if mine is UNKNOWN or theirs is UNKNOWN:
        return True
    if not mine & theirs:
        return False
    a, b = _specificities(moved), _specificities(later)
    return a is None or b is None or bool(a & b)
