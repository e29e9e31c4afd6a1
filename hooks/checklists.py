"""Make checklist items one tappable, labelled control.

pymdownx.tasklist puts the checkbox in a <label> with no text, so a screen
reader announces an unnamed checkbox and the touch target is tiny. Moving
the item's text inside the label names the checkbox and lets a Community
Defender tick an item by tapping anywhere on its line. Ticks are not saved.
"""

from __future__ import annotations

import re

ITEM = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control">.*?<span class="task-list-indicator"></span>)</label>(.*?)</li>',
    re.S,
)


def label_items(html: str) -> str:
    """Put each checklist item's text inside its label."""
    return ITEM.sub(lambda m: f'{m.group(1)}<span class="task-list-text">{m.group(2).strip()}</span></label></li>', html)


def on_page_content(html, page, config, files):
    return label_items(html)
