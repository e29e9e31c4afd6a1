"""Recordings made for the tests in a temporary folder (the repository ships none), and ffprobe/ebur128 readings.

The speech is espeak-ng reading Spanish (a synthetic voice: fine for a test,
never published), padded with a second and a half of room noise at both
ends, in stereo, tagged with "SECRET" title, artist, comment and date the
way a phone tags a file; then encoded the way phones and apps save it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SPEECH = "Si alguien le ofrece un trabajo en otra ciudad con un sueldo muy alto, pregunte a una persona de confianza antes de viajar."
PAD_S = 1.5
# How each accepted kind of file is saved by a phone or an app.
ENCODINGS = {
    ".opus": ["-c:a", "libopus", "-b:a", "32k", "-f", "ogg"],  # a WhatsApp voice note
    ".ogg": ["-c:a", "libopus", "-b:a", "32k"],
    ".m4a": ["-c:a", "aac", "-b:a", "64k"],
    ".mp3": ["-c:a", "libmp3lame", "-b:a", "64k"],
    ".wav": ["-c:a", "pcm_s16le"],
    ".webm": ["-c:a", "libopus", "-b:a", "32k"],  # a browser's MediaRecorder
}
TAGS = ["-metadata", "title=SECRET title", "-metadata", "artist=SECRET person", "-metadata", "comment=SECRET village", "-metadata", "creation_time=2024-05-01T10:00:00Z"]


def tool_or_skip(name: str) -> str:
    """The tool's path; fail (not skip) in CI, where `make test` installs it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed: `make test` installs Debian's package")
        pytest.skip(f"{name} not installed (run `make test`)")
    return path


def ffmpeg(*args: str) -> None:
    subprocess.run([tool_or_skip("ffmpeg"), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def speech_wav(folder: Path) -> Path:
    """espeak-ng's Spanish voice reading SPEECH (about 9 seconds)."""
    target = folder / "speech.wav"
    subprocess.run([tool_or_skip("espeak-ng"), "-v", "es", "-w", str(target), SPEECH], check=True, capture_output=True)
    return target


def phone_recording(speech: Path, target: Path) -> Path:
    """The speech between room noise, stereo, tagged, saved as target's suffix says."""
    noise = f"anoisesrc=d={PAD_S}:c=pink:a=0.002:r=44100"
    ffmpeg(
        "-f", "lavfi", "-i", noise, "-i", str(speech), "-f", "lavfi", "-i", noise + ":seed=7",
        "-filter_complex", "[1:a]aresample=44100,volume=-9dB[s];[0:a][s][2:a]concat=n=3:v=0:a=1,aformat=channel_layouts=stereo",
        *TAGS, *ENCODINGS[target.suffix], str(target),
    )  # fmt: skip
    return target


def generated(target: Path, source: str) -> Path:
    """A file from one of ffmpeg's test sources (anullsrc, sine, anoisesrc), saved as its suffix says."""
    ffmpeg("-f", "lavfi", "-i", source, *ENCODINGS.get(target.suffix, []), str(target))
    return target


def probe(path: Path) -> dict:
    """ffprobe's reading of a file: format and streams, with their tags."""
    out = subprocess.run([tool_or_skip("ffprobe"), "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def integrated_loudness(path: Path) -> float:
    """The integrated loudness (LUFS) ffmpeg's EBU R128 meter gives the decoded file."""
    log = subprocess.run([tool_or_skip("ffmpeg"), "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128", "-f", "null", "-"], capture_output=True, text=True, check=True).stderr
    return float(re.search(r"I:\s+(-?[\d.]+) LUFS", log[log.rfind("Summary:") :]).group(1))


# The recordings the test site gets (file -> the kind of phone file it is made from), and who speaks.
SITE_RECORDINGS = {
    "docs/qu/audio/formas.opus": ".opus",
    "docs/qu/audio/formas--sexual-exploitation.m4a": ".m4a",
    "docs/qu/audio/que-hacer.webm": ".webm",
    "docs/es/audio/index.mp3": ".mp3",
    "docs/ay/audio/señales.ogg": ".ogg",
    "docs/en/audio/ayuda.wav": ".wav",
}
SPEAKERS = {"docs/qu/formas.md": '"Rosa"'}


def add_recordings(project: Path, recordings: dict[str, Path]) -> None:
    """Put a phone recording of each kind where SITE_RECORDINGS says, with the speaker's consent in the page."""
    pages = set()
    for rel, suffix in SITE_RECORDINGS.items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(recordings[suffix], target)
        lang_folder = target.parent.parent
        pages.add((lang_folder / (target.stem.split("--")[0] + ".md")).relative_to(project).as_posix())
    for rel in sorted(pages):
        page = project / rel
        speaker = SPEAKERS.get(rel, "anonymous")
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("---\n", f"---\nrecording_consent: yes\nrecording_speaker: {speaker}\n", 1), encoding="utf-8")
