"""What a recording is (ffprobe) and how loud it is, moment by moment (ffmpeg's EBU R128 meter).

Both tools come from Debian's ffmpeg package (the Makefile installs it where
missing). Nothing here changes a file: process.py decides from these figures.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from alerta.audio.settings import AudioError, audio_error
from alerta.problems import say

FFMPEG, FFPROBE = "ffmpeg", "ffprobe"
TIMEOUT = 600  # seconds for one run of a tool: far above any recording the settings allow
# The meter prints one line every 100 ms: t (seconds) and M, the loudness of the last 400 ms.
MOMENT = re.compile(r"t:\s*(-?[\d.]+)\s+TARGET:.*?\sM:\s*(-?[\d.]+|-?inf|nan)")
SUMMARY = {"integrated": re.compile(r"I:\s+(-?[\d.]+|-?inf) LUFS"), "lra": re.compile(r"LRA:\s+(-?[\d.]+|-?inf) LU"), "peak": re.compile(r"Peak:\s+(-?[\d.]+|-?inf) dBFS")}
PEAK_MODES = ("sample", "true", "")  # the meter's peak: sample (cheap), true (4x oversampled), or none
AGAIN = say("grábela o envíela de nuevo (en WhatsApp: reenvíe la nota de voz) y reemplace el archivo", "record or send it again (WhatsApp: forward the voice note) and replace the file")


@dataclass(frozen=True)
class Probe:
    """The container and first audio stream of a file, as ffprobe reads them."""

    container: str
    codec: str
    channels: int
    sample_rate: int
    duration: float | None  # None when the file does not say (a browser's recording)


@dataclass(frozen=True)
class Loudness:
    """EBU R128 figures of a signal, and the 400 ms loudness every 100 ms."""

    integrated: float  # LUFS
    lra: float  # LU
    peak: float  # dBFS (sample or true peak, as measured; nan when not)
    moments: tuple[tuple[float, float], ...]  # (t, momentary LUFS)


def require_tools(rel: str) -> None:
    """ffmpeg and ffprobe are installed, or an error that says how to get them."""
    missing = [tool for tool in (FFMPEG, FFPROBE) if shutil.which(tool) is None]
    if missing:
        raise audio_error(
            rel,
            say(f"no se puede preparar la grabación: falta el programa {', '.join(missing)} en esta computadora", f"cannot prepare the recording: {', '.join(missing)} is not installed"),
            say("ejecute make site (instala ffmpeg si falta), o pida a quien programa que instale el paquete ffmpeg", "run make site (it installs ffmpeg where missing), or install Debian's ffmpeg package"),
        )


@functools.cache
def tools_version() -> str:
    """A fingerprint of the installed ffmpeg (its version and libraries): part of every cache key."""
    out = subprocess.run([FFMPEG, "-hide_banner", "-version"], capture_output=True, text=True, check=False).stdout
    return hashlib.sha256(out.encode()).hexdigest()[:16]


def run(command: list[str], rel: str, stdin=None) -> subprocess.CompletedProcess:
    """One run of a tool; a timeout becomes an error naming the file."""
    try:
        return subprocess.run(command, capture_output=True, stdin=stdin, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise audio_error(rel, say(f"preparar la grabación tardó más de {TIMEOUT // 60} minutos", f"preparing the recording took more than {TIMEOUT // 60} minutes"), AGAIN) from None


def unreadable(rel: str, detail: str = "") -> AudioError:
    """The file cannot be decoded; what ffmpeg said goes only into the English message (for developers)."""
    said = f" (ffmpeg: {detail})" if detail else ""
    return audio_error(rel, say("no se puede leer la grabación: está vacía, dañada o no es un archivo de sonido", f"cannot read the recording: it is empty, damaged or not a sound file{said}"), AGAIN)


def last_line(stderr: bytes, path: Path | None = None) -> str:
    """What the tool said last, without the file's full path (the message names the file already)."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    said = lines[-1] if lines else ""
    if path is not None:
        said = said.removeprefix(f"{path}: ").replace(str(path), Path(path).name)
    return said[:160]


def probe(path: Path, rel: str) -> Probe:
    """The first audio stream of a file; AudioError if it cannot be read or has no sound."""
    result = run([FFPROBE, "-v", "error", "-show_entries", "format=format_name,duration:stream=codec_type,codec_name,channels,sample_rate", "-of", "json", str(path)], rel)
    try:
        data = json.loads(result.stdout or b"{}")
    except ValueError:
        data = {}
    if result.returncode != 0 or "format" not in data:
        raise unreadable(rel, last_line(result.stderr, path))
    audio = next((s for s in data.get("streams", []) if s.get("codec_type") == "audio"), None)
    if audio is None:
        raise audio_error(rel, say("el archivo no tiene sonido: no hay ninguna pista de audio dentro", "the file has no sound: there is no audio stream in it"), AGAIN)
    duration = data["format"].get("duration")
    return Probe(
        data["format"].get("format_name", ""),
        audio.get("codec_name", ""),
        int(audio.get("channels") or 0),
        int(audio.get("sample_rate") or 0),
        float(duration) if duration not in (None, "N/A") else None,
    )


def measure(path: Path, chain: str, rel: str, peak: str = "sample", keep: Path | None = None) -> Loudness:
    """Decode the first audio stream through `chain`, then the R128 meter (and the peak: PEAK_MODES); its figures.

    With `keep`, what `chain` makes is also written there (32-bit float WAV),
    so the later steps read it instead of decoding the phone's file again.
    """
    meter = f"ebur128=peak={peak}" if peak else "ebur128"
    command = [FFMPEG, "-nostdin", "-hide_banner", "-nostats", "-threads", "1", "-i", str(path)]
    if keep is None:
        command += ["-map", "0:a:0", "-af", f"{chain},{meter}", "-f", "null", "-"]
    else:
        graph = f"[0:a:0]{chain},asplit[meter][kept];[meter]{meter}[done]"
        command += ["-filter_complex", graph, "-map", "[done]", "-f", "null", "-", "-map", "[kept]", "-c:a", "pcm_f32le", "-f", "wav", str(keep)]
    result = run(command, rel)
    log = result.stderr.decode("utf-8", "replace")
    summary = log[log.rfind("Summary:") :] if "Summary:" in log else ""
    found = {key: pattern.search(summary) for key, pattern in SUMMARY.items() if peak or key != "peak"}
    if result.returncode != 0 or not all(found.values()):
        raise unreadable(rel, last_line(result.stderr, path))
    moments = tuple((float(t), _number(m)) for t, m in MOMENT.findall(log))
    level = _number(found["peak"].group(1)) if peak else float("nan")
    return Loudness(_number(found["integrated"].group(1)), _number(found["lra"].group(1)), level, moments)


SUMMARY_OF = re.compile(r"\[Parsed_ebur128_(\d+) @ [^\]]+\] Summary:\s*Integrated loudness:\s*I:\s+(-?[\d.]+|-?inf) LUFS")


def loudness_after(path: Path, chain: str, gains: list[str], rel: str) -> list[float]:
    """The integrated loudness of `chain` followed by each of the filter chains `gains`, all in one decoding."""
    split = "".join(f"[in{i}]" for i in range(len(gains)))
    graph = f"[0:a:0]{chain},asplit={len(gains)}{split};" + ";".join(f"[in{i}]{g},ebur128[out{i}]" for i, g in enumerate(gains))
    command = [FFMPEG, "-nostdin", "-hide_banner", "-nostats", "-threads", "1", "-i", str(path), "-filter_complex", graph]
    for i in range(len(gains)):
        command += ["-map", f"[out{i}]", "-f", "null", "-"]
    result = run(command, rel)
    # ffmpeg sets up a graph with several outputs twice; each meter's last summary is the real one.
    found = {int(n): _number(level) for n, level in SUMMARY_OF.findall(result.stderr.decode("utf-8", "replace"))}
    if result.returncode != 0 or len(found) != len(gains):
        raise unreadable(rel, last_line(result.stderr, path))
    return [found[n] for n in sorted(found)]


def _number(text: str) -> float:
    return float("-inf") if "inf" in text or text == "nan" else float(text)
