"""Checklist items as one tappable, labelled control (alerta.checklists)."""

from alerta.checklists import label_items


def on_page_content(html, page, config, files):
    return label_items(html)
