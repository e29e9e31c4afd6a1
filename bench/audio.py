"""The audio pipeline (alerta.audio) against its budgets: published speech at most 3.5 KB a second
(210 KB a minute); a page with a recording adds no byte of sound to its first view; the audio step
linear in minutes of audio, at most 1 s per minute on a cold build and about nothing with the cache.

The speech is espeak-ng reading the Spanish pages of docs/ (a synthetic voice: measured here,
never published), cut to 1, 2 and 4 minutes, between room noise, saved the way WhatsApp saves a
voice note (Ogg Opus, mono, 16 kHz). Each length is processed cold (empty cache), again (same
bytes?), then warm; then all three side by side, as a build does. The same minute is also
encoded as a small MP3 and AAC (what a fallback would cost) and Debian's Chromium is asked what
it can play. Last, a copy of the project is built with one recording, and its page is loaded in
Chromium at 360x740 beside the same page without the player: bytes and requests of each first view.
No result is asserted: numbers depend on the machine. Run alone: `python -m bench.audio [--workdir DIR]`.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from alerta.audio.cache import Cache
from alerta.audio.process import STATS, TARGET_LUFS, process_many
from alerta.audio.settings import Settings
from alerta.chromium import ARGS, CHROMIUM
from alerta.config import DOCS_DIR
from alerta.html import Edit, apply_edits, classes, elements, outer_span, parse
from alerta.pages import read_page
from bench.browser import load, throttled_tab, url_of
from bench.fonts import GoogleFontsStandIn
from bench.peer import command_line
from bench.project import copy_project
from bench.server import SiteServer
from bench.timing import mkdocs_build, run_timed

BUDGET = {"bytes_per_second": 3500, "cold_s_per_audio_minute": 1.0, "first_view_audio_bytes": 0}
LENGTHS_MIN = (1, 2, 4)
TYPES = {"webm_opus": 'audio/webm; codecs="opus"', "ogg_opus": 'audio/ogg; codecs="opus"', "mp4_aac": 'audio/mp4; codecs="mp4a.40.2"', "mpeg_mp3": "audio/mpeg"}
FALLBACKS = {  # what a fallback for phones without Opus would cost, at the lowest rates that still carry speech
    "mp3_32k_mono_22khz": ["-ac", "1", "-ar", "22050", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3"],
    "aac_lc_32k_mono": ["-ac", "1", "-ar", "22050", "-c:a", "aac", "-b:a", "32k", "-f", "mp4"],
    "opus_24k_voip_webm (published)": [],
}


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def speech(workdir: Path) -> Path:
    """espeak-ng reading the Spanish pages, long enough for the longest cut."""
    text = " ".join(re.sub(r"[#*_>\[\]()`|{}-]+", " ", read_page(p, DOCS_DIR).body) for p in sorted((DOCS_DIR / "es").glob("*.md")))
    wav = workdir / "speech.wav"
    subprocess.run(["espeak-ng", "-v", "es", "-s", "150", "-w", str(wav), text[:7000]], check=True, capture_output=True)
    return wav


def voice_note(source: Path, minutes: int, target: Path) -> Path:
    """`minutes` of the speech between 1.5 s of room noise, as WhatsApp saves a voice note."""
    noise = "anoisesrc=d=1.5:c=pink:a=0.002:r=16000"
    ffmpeg("-f", "lavfi", "-i", noise, "-i", str(source), "-f", "lavfi", "-i", noise + ":seed=3",
           "-filter_complex", f"[1:a]atrim=end={minutes * 60},aresample=16000,volume=-12dB[s];[0:a][s][2:a]concat=n=3:v=0:a=1",
           "-ac", "1", "-c:a", "libopus", "-b:a", "24k", "-f", "ogg", str(target))  # fmt: skip
    return target


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def processed(paths: list[Path], cache: Path) -> dict:
    """Wall and CPU seconds (ffmpeg's included) of one process_many run; what it published."""
    cpu, encodes, started = children_cpu(), STATS["encodes"], time.perf_counter()
    results, problems = process_many(paths, Settings(), Cache(cache), cache.parent)
    wall = time.perf_counter() - started
    if problems:
        raise RuntimeError("; ".join(map(str, problems)))
    audio = sum(r.duration for r in results)
    return {
        "audio_s": round(audio, 2),
        "wall_s": round(wall, 3),
        "cpu_s": round(children_cpu() - cpu, 3),
        "wall_s_per_audio_minute": round(wall / (audio / 60), 3),
        "encodes": STATS["encodes"] - encodes,
        "results": results,
    }


def loudness(data: bytes, workdir: Path) -> float:
    path = workdir / "probe.webm"
    path.write_bytes(data)
    log = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128", "-f", "null", "-"], capture_output=True, text=True).stderr
    return float(re.search(r"I:\s+(-?[\d.]+) LUFS", log[log.rfind("Summary:") :]).group(1))


def pipeline(notes: dict[int, Path], workdir: Path) -> dict:
    """Each length cold, again, warm; then all together cold."""
    rows = []
    for minutes, note in notes.items():
        cold = processed([note], workdir / f"cache-{minutes}")
        again = processed([note], workdir / f"cache-{minutes}-again")
        warm = processed([note], workdir / f"cache-{minutes}")
        result = cold.pop("results")[0]
        data = result.read()
        rows.append({
            "minutes": minutes, "input_bytes": note.stat().st_size, "published_bytes": result.size, "bytes_per_second": round(result.size / result.duration),
            "loudness_lufs": loudness(data, workdir), "same_bytes_twice": again.pop("results")[0].read() == data,
            "cold": cold, "warm": {k: v for k, v in warm.items() if k != "results"},
        })  # fmt: skip
    together = processed(list(notes.values()), workdir / "cache-all")
    together.pop("results")
    per_minute = [r["cold"]["wall_s_per_audio_minute"] for r in rows]
    fits = {kind: line([r["cold"]["audio_s"] / 60 for r in rows], [r["cold"][kind] for r in rows]) for kind in ("wall_s", "cpu_s")}
    return {"lengths": rows, "all_at_once_cold": together, "linearity": round(per_minute[-1] / per_minute[0], 2), "fit": fits}


def line(xs: list[float], ys: list[float]) -> dict:
    """Least squares y = per_minute * x + fixed: the cost of each minute of audio, and of each recording."""
    n, mx, my = len(xs), sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return {"per_minute_s": round(slope, 3), "per_recording_s": round(my - slope * mx, 3), "points": n}


def fallbacks(note: Path, published_rate: int, workdir: Path) -> dict:
    """Bytes a second of the same minute as MP3 and AAC, beside the published Opus; what Chromium can play."""
    sizes = {}
    for name, args in FALLBACKS.items():
        if not args:
            sizes[name] = published_rate
            continue
        target = workdir / f"fallback-{name}"
        ffmpeg("-i", str(note), "-t", "60", *args, str(target))
        sizes[name] = round(target.stat().st_size / 60)
    return {"bytes_per_second": sizes, "chromium_can_play": can_play()}


def can_play() -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            return {name: page.evaluate("t => document.createElement('audio').canPlayType(t)", mime) for name, mime in TYPES.items()}
        finally:
            browser.close()


def first_view(note: Path, workdir: Path) -> dict:
    """A copy of the project with one recording on qu/formas.md, built; the page's first view with and without the player."""
    from playwright.sync_api import sync_playwright

    project = copy_project(workdir / "project")
    (project / "docs" / "qu" / "audio").mkdir()
    (project / "docs" / "qu" / "audio" / "formas.opus").write_bytes(note.read_bytes())
    page_md = project / "docs" / "qu" / "formas.md"
    page_md.write_text(page_md.read_text(encoding="utf-8").replace("---\n", "---\nrecording_consent: yes\n", 1), encoding="utf-8")
    seconds, _ = run_timed(mkdocs_build(project / "mkdocs.yml", project / "site"), project)
    built = project / "site" / "qu" / "formas.html"
    html = built.read_text(encoding="utf-8")
    figures = [e for e in elements(parse(html), "figure") if "audio-player" in classes(e)]
    plain = apply_edits(html, [Edit(*outer_span(f), "") for f in figures])
    (built.parent / "formas-sin-audio.html").write_text(plain, encoding="utf-8")
    views = {}
    # On the project's link profile, as bench.browser measures pages; until the network is idle.
    with GoogleFontsStandIn() as fonts, SiteServer(project / "site") as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *fonts.chromium_args()])
        try:
            for label, path in (("with_player", "qu/formas.html"), ("without_player", "qu/formas-sin-audio.html")):
                context, tab, traffic = throttled_tab(browser, server, "project")
                try:
                    idle = load(tab, traffic, server, fonts, url_of(server.origin, path))["until_idle"]
                    sound = [e for e in server.entries() if e["path"].endswith(".webm")]
                finally:
                    context.close()
                views[label] = {"bytes": idle["bytes"], "requests": idle["requests"], "audio_bytes": sum(e["bytes"] for e in sound)}
        finally:
            browser.close()
    return {"build_s": round(seconds, 2), "player_html_bytes": len(html.encode()) - len(plain.encode()), **views, "added_bytes": views["with_player"]["bytes"] - views["without_player"]["bytes"]}


def run(workdir: Path) -> dict:
    """Everything above, in workdir (made if needed); returns the figures."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    source = speech(workdir)
    notes = {m: voice_note(source, m, workdir / f"nota-{m}min.opus") for m in LENGTHS_MIN}
    measured = pipeline(notes, workdir)
    one_minute = measured["lengths"][0]
    fallback = fallbacks(notes[1], one_minute["bytes_per_second"], workdir)
    view = first_view(notes[1], workdir)
    worst_rate = max(r["bytes_per_second"] for r in measured["lengths"])
    worst_cold = max(r["cold"]["wall_s_per_audio_minute"] for r in measured["lengths"])
    summary = {
        "target_lufs": TARGET_LUFS,
        "loudness_lufs": [r["loudness_lufs"] for r in measured["lengths"]],
        "bytes_per_second_max": worst_rate,
        "bytes_per_second_budget": BUDGET["bytes_per_second"],
        "cold_s_per_audio_minute_max": worst_cold,
        "cold_s_per_audio_minute_budget": BUDGET["cold_s_per_audio_minute"],
        "all_at_once_cold_s_per_audio_minute": measured["all_at_once_cold"]["wall_s_per_audio_minute"],
        "warm_s_max": max(r["warm"]["wall_s"] for r in measured["lengths"]),
        "linearity_4min_over_1min": measured["linearity"],
        "cold_wall_s_per_extra_minute": measured["fit"]["wall_s"]["per_minute_s"],
        "cold_wall_s_per_recording": measured["fit"]["wall_s"]["per_recording_s"],
        "cold_cpu_s_per_extra_minute": measured["fit"]["cpu_s"]["per_minute_s"],
        "cold_cpu_s_per_recording": measured["fit"]["cpu_s"]["per_recording_s"],
        "same_bytes_twice": all(r["same_bytes_twice"] for r in measured["lengths"]),
        "first_view_audio_bytes": view["with_player"]["audio_bytes"],
        "first_view_added_bytes": view["added_bytes"],
        "player_html_bytes": view["player_html_bytes"],
        # Linear in minutes: each extra minute within the budget, counted in CPU seconds (the pipeline runs one
        # process at a time, so on an idle machine wall time is CPU time; on a shared one wall time also counts
        # the other jobs). The fixed cost per recording is shown beside it.
        "within_budgets": worst_rate <= BUDGET["bytes_per_second"] and measured["fit"]["cpu_s"]["per_minute_s"] <= BUDGET["cold_s_per_audio_minute"] and view["with_player"]["audio_bytes"] == 0,
    }
    for name, rate in fallback["bytes_per_second"].items():
        summary[f"bytes_per_second_{name.split()[0]}"] = rate
    return {"summary": summary, "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()}, "pipeline": measured, "fallback": fallback, "first_view": view}


def main(argv: list[str] | None = None) -> int:
    return command_line("bench.audio", "Measure the audio pipeline against its budgets.", run, argv)


if __name__ == "__main__":
    sys.exit(main())
