"""Recordings read aloud by native speakers, light enough for prepaid data.

Where they go and which page or section each reads (recordings.py); what
mkdocs.yml `extra.audio` may set (settings.py); ffprobe and loudness
measurement (probe.py); the one way a recording becomes a small, clean Opus
file (process.py) and its cache (cache.py); the player on the page
(publish.py); the recordings in the offline files (offline.py).
"""

from __future__ import annotations

# What phones produce: WhatsApp voice notes (.opus, .ogg), .m4a, .mp3, .wav, .webm.
SUFFIXES = frozenset(".opus .ogg .m4a .mp3 .wav .webm".split())
FOLDER = "audio"  # docs/<lang>/audio/<page>.<ext> and docs/<lang>/audio/<page>--<heading-id>.<ext>
SECTION_SEPARATOR = "--"
OUTPUT_SUFFIX = ".webm"
MIME = 'audio/webm; codecs="opus"'
