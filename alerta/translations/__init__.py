"""Translations: their status against the Spanish source (status.py, render.py) and the version they follow (mark.py)."""
