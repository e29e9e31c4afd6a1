"""One recording made light and clean: mono, loudness-normalised, trimmed, Opus in WebM, no tags.

The steps, all through Debian's ffmpeg:
  1. ffprobe: is it a sound file at all (probe.py)?
  2. measure: mono, a 70 Hz high-pass (handling noise, hum), then the EBU R128
     meter: the integrated loudness, the sample peak and the loudness of every
     400 ms. The same pass keeps that mono signal in a temporary WAV, which
     every later step reads: the phone's file is decoded once. Speech starts
     where the momentary loudness first comes within GATE_LU of the whole and
     ends where it last does: the silence (or room noise) before and after is
     cut. Nothing left, or the whole too quiet: the recording is silent. Too
     short or too long: an error naming it.
  3. gain: one fixed gain to TARGET_LUFS (-16 LUFS, the level of speech meant
     for phones); a look-ahead limiter keeps the sample peak under CEILING_DB.
     When the limiter has to work it costs loudness, by how much depends on
     the voice: the signal (or, when long, SAMPLES slices of it) is then
     measured once more, limited after each of a few larger gains side by
     side, and the gain that reaches the target is read off between them.
     The gain aims OPUS_LOSS_LU higher: Opus at 24 kbit/s drops the top of
     the spectrum, which the R128 weighting counts (measured on espeak-ng
     speech and phone-like recordings: 0.2 to 0.5 LU). Results land within
     half a LU of the target.
  4. encode: libopus at 24 kbit/s with its speech settings (application
     voip), constrained VBR so the rate stays near 24 kbit/s, 60 ms frames
     (fewer WebM block headers), complexity 5 (half the time of 10, measured;
     the level voice apps on phones use), then stream-copied into WebM. Both
     steps run with +bitexact and without any metadata, so the same input and
     the same ffmpeg give the same bytes, and nothing from the phone (title,
     artist, date, place, the phone's encoder) reaches the published file.
     The copy step exists to leave out the encoder's own "Lavc" tag; what
     ffprobe still shows is what a seekable WebM always carries: the muxing
     application ("Lavf", no version) and the track's DURATION.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from alerta.audio import OUTPUT_SUFFIX
from alerta.audio.cache import Cache, cache_key
from alerta.audio.probe import (
    FFMPEG,
    FFPROBE,
    Loudness,
    last_line,
    loudness_after,
    measure,
    probe,
    require_tools,
    run,
    tools_version,
    unreadable,
)
from alerta.audio.settings import AudioError, Settings, audio_error
from alerta.config import ROOT, relative_name
from alerta.problems import Problem, say

PIPELINE_VERSION = 5  # bump when the same input and settings should give other bytes
TARGET_LUFS = -16.0  # integrated loudness of every published recording (speech on a phone's speaker)
OPUS_LOSS_LU = 0.3  # what the encoding takes off the measured loudness (see above)
CEILING_DB = -2.0  # sample peak after the limiter: room for Opus's overshoot on decoding
SILENT_LUFS = -50.0  # quieter than this on the whole, there is nothing to hear
GATE_LU = 20.0  # speech: momentary loudness within this of the integrated loudness
WINDOW_S = 0.4  # the momentary meter's window: the line at t covers (t - 0.4, t]
PAD_START_S, PAD_END_S = 0.1, 0.25  # kept around the speech, so no syllable is clipped
EXTRA_GAINS_DB = (0.0, 2.0, 4.0, 6.0)  # tried side by side when the limiter acts (speech needed up to 3.7 dB more, measured)
SAMPLES, SAMPLE_S = 3, 10.0  # what the limiter check measures of a recording longer than 1.5 times both together
PEAK_MARGIN_DB = 0.5  # the sample peak may miss this much of the true peak: the limiter is assumed to act beyond it
MONO = "aformat=channel_layouts=mono,highpass=f=70,asetpts=PTS-STARTPTS"  # times from 0 in the meter and the kept WAV alike
LIMITER = f"alimiter=limit={10 ** (CEILING_DB / 20):.4f}:attack=5:release=50:level=false:latency=true"
OPUS = ["-c:a", "libopus", "-b:a", "24k", "-vbr", "constrained", "-compression_level", "5", "-application", "voip", "-frame_duration", "60"]
BITEXACT = ["-fflags", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1", "-map_chapters", "-1"]
# How many ffmpeg runs this process did (the tests and the benchmark read it).
STATS = {"measures": 0, "encodes": 0}


@dataclass
class AudioResult:
    """A published recording: where it came from, what it is, where its bytes are."""

    source: Path
    rel: str  # the source as editors see it: docs/qu/audio/formas.opus
    stem: str  # formas, or formas--sexual-exploitation
    size: int  # bytes
    duration: float  # seconds
    digest: str  # sha256 of the published bytes
    path: Path | None  # the file in the cache
    data: bytes | None = None  # when the cache is read-only
    loudness: float = TARGET_LUFS  # measured before encoding
    gain: float = 0.0
    trim: tuple[float, float] = (0.0, 0.0)
    cached: bool = False
    seconds: float = 0.0

    @property
    def name(self) -> str:
        """The published name: formas.1a2b3c4d.webm (the content's hash: a new recording, a new name)."""
        return f"{self.stem}.{self.digest[:8]}{OUTPUT_SUFFIX}"

    def read(self) -> bytes:
        return self.data if self.data is not None else Path(self.path).read_bytes()


def encoding() -> dict:
    """Everything that decides the output bytes (the cache key): the steps above and the installed ffmpeg."""
    return {
        "pipeline": PIPELINE_VERSION, "ffmpeg": tools_version(), "mono": MONO, "limiter": LIMITER, "opus": OPUS,
        "levels": [TARGET_LUFS, OPUS_LOSS_LU, CEILING_DB, SILENT_LUFS, GATE_LU, PEAK_MARGIN_DB, EXTRA_GAINS_DB, SAMPLES, SAMPLE_S],
        "trim": [WINDOW_S, PAD_START_S, PAD_END_S],
    }  # fmt: skip


def minutes(seconds: float) -> str:
    """2:10 (or 1:02:03), cut to the second as players show it."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def check_length(seconds: float, settings: Settings, rel: str) -> None:
    """Too short or too long (extra.audio.min_seconds, max_seconds): an error naming the file."""
    if seconds < settings.min_seconds:
        raise audio_error(
            rel,
            say(f"la grabación dura solo {seconds:.1f} segundos sin los silencios del principio y del final; lo mínimo es {settings.min_seconds:g}".replace(".", ","), f"the recording lasts only {seconds:.1f} seconds without the silence at both ends; the minimum is {settings.min_seconds:g}"),
            say("revise que sea el archivo correcto y grábela de nuevo leyendo toda la página o la sección", "check it is the right file, and record it again reading the whole page or section"),
        )
    if seconds > settings.max_seconds:
        raise audio_error(
            rel,
            say(f"la grabación dura {minutes(seconds)}, más que el máximo de {minutes(settings.max_seconds)}", f"the recording lasts {minutes(seconds)}, more than the maximum of {minutes(settings.max_seconds)}"),
            say(
                "grabe cada sección por separado (página--id-de-la-sección), o pida que se suba el máximo en mkdocs.yml (extra.audio.max_seconds)",
                "record each section on its own (page--section-id), or raise the maximum in mkdocs.yml (extra.audio.max_seconds)",
            ),
        )


def silent(rel: str, loudness: float) -> AudioError:
    level = "sin sonido" if loudness == float("-inf") else f"{loudness:.0f} LUFS"
    return audio_error(
        rel,
        say(f"la grabación está en silencio: casi no se oye nada (volumen medido: {level})", f"the recording is silent: almost nothing can be heard (measured: {level})"),
        say("revise que el micrófono no esté tapado y grábela de nuevo, con el teléfono cerca de la boca", "check the microphone is not covered and record again, with the phone close to the mouth"),
    )


def speech_span(loud: Loudness, rel: str) -> tuple[float, float]:
    """(start, end) in seconds of the speech: where the momentary loudness is within GATE_LU of the whole."""
    if loud.integrated < SILENT_LUFS:
        raise silent(rel, loud.integrated)
    threshold = loud.integrated - GATE_LU
    heard = [t for t, m in loud.moments if m >= threshold]
    if not heard:
        raise silent(rel, loud.integrated)
    last = loud.moments[-1][0]
    return max(0.0, heard[0] - WINDOW_S - PAD_START_S), min(last, heard[-1] + PAD_END_S)


def chain(start: float, end: float, gain: float) -> str:
    """The filters from the kept mono signal to what the encoder gets."""
    return f"atrim=start={start:.3f}:end={end:.3f},asetpts=PTS-STARTPTS,volume={gain:.2f}dB,{LIMITER},aresample=48000"


def sampled(start: float, end: float) -> str:
    """The trimmed signal, or SAMPLES slices spread over it when it is long."""
    if end - start <= SAMPLES * SAMPLE_S * 1.5:
        return f"atrim=start={start:.3f}:end={end:.3f},asetpts=PTS-STARTPTS"
    step = (end - start - SAMPLE_S) / (SAMPLES - 1)
    windows = "+".join(f"between(t,{start + i * step:.3f},{start + i * step + SAMPLE_S:.3f})" for i in range(SAMPLES))
    return f"aselect='{windows}',asetpts=N/SR/TB"


def settle_gain(path: Path, loud: Loudness, start: float, end: float, rel: str) -> tuple[float, float]:
    """(gain in dB, loudness it gives before encoding): exact when the limiter never acts, else read off EXTRA_GAINS_DB.

    Limiting takes away less loudness than the gain adds, so the loudness
    rises steadily with the gain: between the two tried gains that bracket
    the aim, a straight line is close enough (tenths of a LU). Past the
    largest, the limiter is squashing the voice: the largest is kept. The
    slices are also measured without the limiter: what they lack of the
    whole recording's loudness is added back to every limited level.
    """
    aim = TARGET_LUFS + OPUS_LOSS_LU
    base = aim - loud.integrated
    if loud.peak + PEAK_MARGIN_DB + base <= CEILING_DB:
        return round(base, 2), aim  # the limiter never acts: the gain is exact
    STATS["measures"] += 1
    gains = [round(base + extra, 2) for extra in EXTRA_GAINS_DB]
    unlimited, *limited = loudness_after(path, sampled(start, end), [f"volume={base:.2f}dB"] + [f"volume={g:.2f}dB,{LIMITER}" for g in gains], rel)
    points = [(g, level + aim - unlimited) for g, level in zip(gains, limited)]
    for (g1, l1), (g2, l2) in zip(points, points[1:]):
        if l1 <= aim <= l2:
            return round(g1 + (aim - l1) * (g2 - g1) / (l2 - l1) if l2 > l1 else g1, 2), aim
    return points[0] if aim < points[0][1] else points[-1]


def encode(path: Path, filters: str, rel: str) -> bytes:
    """Opus in Ogg, then copied into WebM without any tag; the WebM's bytes."""
    STATS["encodes"] += 1
    with tempfile.TemporaryDirectory(prefix="audio-", dir=path.parent) as tmp:
        ogg, webm = Path(tmp) / "speech.ogg", Path(tmp) / "speech.webm"
        first = run([FFMPEG, "-nostdin", "-hide_banner", "-loglevel", "error", "-threads", "1", "-i", str(path), "-map", "0:a:0", "-af", filters, *OPUS, *BITEXACT, "-f", "ogg", str(ogg)], rel)
        if first.returncode != 0:
            raise unreadable(rel, last_line(first.stderr, path))
        second = run([FFMPEG, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(ogg), "-map", "0:a", "-c", "copy", *BITEXACT, "-f", "webm", str(webm)], rel)
        if second.returncode != 0:
            raise unreadable(rel, last_line(second.stderr, ogg))
        return webm.read_bytes()


def duration_of(data: bytes, rel: str) -> float:
    """The published file's duration, as ffprobe reads it."""
    with tempfile.NamedTemporaryFile(suffix=OUTPUT_SUFFIX) as tmp:
        tmp.write(data)
        tmp.flush()
        result = run([FFPROBE, "-v", "error", "-show_entries", "format=duration", "-of", "json", tmp.name], rel)
    try:
        return float(json.loads(result.stdout)["format"]["duration"])
    except (ValueError, KeyError, TypeError):
        raise unreadable(rel, last_line(result.stderr)) from None


def process_recording(path: Path, settings: Settings = Settings(), cache: Cache | None = None, root: Path = ROOT) -> AudioResult:
    """The published form of one recording (from the cache when it is there); AudioError naming the file."""
    started = time.perf_counter()
    path = Path(path)
    rel = relative_name(path, root)
    stem = path.stem
    data = path.read_bytes()
    if not data:
        raise unreadable(rel)
    require_tools(rel)
    key = cache_key(data, encoding())
    manifest = cache.load(key) if cache else None
    if manifest is not None:
        check_length(manifest["duration"], settings, rel)
        return AudioResult(path, rel, stem, manifest["size"], manifest["duration"], manifest["digest"], cache.entry(key) / "audio.webm", None,
                           manifest["loudness"], manifest["gain"], tuple(manifest["trim"]), True, time.perf_counter() - started)
    found = probe(path, rel)
    if found.duration is not None and found.duration > settings.max_seconds + 60:
        check_length(found.duration, settings, rel)  # plainly too long: no need to decode it
    STATS["measures"] += 1
    with tempfile.TemporaryDirectory(prefix="audio-") as tmp:
        mono = Path(tmp) / "mono.wav"
        loud = measure(path, MONO, rel, keep=mono)
        start, end = speech_span(loud, rel)
        check_length(end - start, settings, rel)
        gain, measured = settle_gain(mono, loud, start, end, rel)
        out = encode(mono, chain(start, end, gain), rel)
    duration = duration_of(out, rel)
    check_length(duration, settings, rel)
    digest = hashlib.sha256(out).hexdigest()
    manifest = {"size": len(out), "duration": round(duration, 3), "digest": digest, "loudness": round(measured, 2), "gain": gain, "trim": [round(start, 3), round(end, 3)], "source": found.__dict__}
    stored = cache.store(key, manifest, out) if cache else None
    return AudioResult(path, rel, stem, len(out), manifest["duration"], digest, stored, None if stored else out, measured, gain, (start, end), False, time.perf_counter() - started)


def process_many(paths: list[Path], settings: Settings = Settings(), cache: Cache | None = None, root: Path = ROOT) -> tuple[list[AudioResult], list[Problem]]:
    """Every recording, side by side on the machine's cores; (results, problems) in the order given."""
    if not paths:
        return [], []

    def one(path: Path) -> AudioResult | list[Problem]:
        try:
            return process_recording(path, settings, cache, root)
        except AudioError as exc:
            return exc.problems

    with ThreadPoolExecutor(max_workers=max(1, min(len(paths), os.cpu_count() or 1))) as pool:
        outcomes = list(pool.map(one, paths))
    results = [o for o in outcomes if isinstance(o, AudioResult)]
    problems = [p for o in outcomes if isinstance(o, list) for p in o]
    return results, problems
