"""Make checklist items one tappable, labelled control.

pymdownx.tasklist puts the checkbox in a <label> with no text, so a screen
reader announces an unnamed checkbox and the touch target is tiny. Moving
the item's text inside the label names the checkbox and lets a Community
Defender tick an item by tapping anywhere on its line. Ticks are not saved.
"""

from __future__ import annotations

from alerta.html import Edit, apply_edits, classes, elements, inner_span, outer_span, parse


def label_items(content: str) -> str:
    """Put each checklist item's text inside its label."""
    if "task-list-item" not in content:
        return content
    edits = []
    for item in elements(parse(content, fragment=True), "li"):
        label = next((child for child in item.children or [] if getattr(child, "name", None) == "label"), None)
        if "task-list-item" not in classes(item) or label is None or "task-list-control" not in classes(label):
            continue
        label_inner_end = inner_span(label)[1]
        after_label, item_inner_end = outer_span(label)[1], inner_span(item)[1]
        item_text = content[after_label:item_inner_end].strip()
        edits.append(Edit(label_inner_end, outer_span(item)[1], f'<span class="task-list-text">{item_text}</span></label></li>'))
    return apply_edits(content, edits)
