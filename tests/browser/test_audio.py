"""Recordings in a real browser: not one byte of sound before a tap, a tap plays it, no script needed, accessible."""

from __future__ import annotations

import zipfile

from alerta.offline.meta import bundle_name
from tests.browser.test_pages import CSP_WATCH
from tests.support.browser import new_context, poll, serve


def tap_play(page, audio) -> None:
    """Tap the play button of a native player (its left end), as a finger would."""
    box = audio.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + box["height"] / 2)


def wait_playing(page, audio) -> float:
    """The player's position once it has moved."""
    return poll(page, lambda: audio.evaluate("a => a.currentTime"), "the recording did not start")


def test_no_audio_byte_before_a_tap_then_the_tap_plays_it_and_axe_finds_nothing(chrome, audio_project):
    from axe_playwright_python.sync_playwright import Axe

    with serve(audio_project / "site") as base:
        context, guard = new_context(chrome, base)
        context.add_init_script(CSP_WATCH)
        page = context.new_page()
        fetched = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(base + "qu/formas.html", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert [url for url in fetched if url.endswith(".webm")] == []
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in Axe().run(page).response["violations"]] == []
        audio = page.locator("figure.audio-player audio").first
        src = page.locator("figure.audio-player source").first.get_attribute("src")
        tap_play(page, audio)
        assert wait_playing(page, audio) > 0
        assert [url for url in fetched if url.endswith(".webm")] == [base + "qu/" + src]
        assert page.evaluate("window.__csp") == [] and guard.blocked == []
        context.close()


def test_the_player_works_without_script(chrome, audio_project):
    with serve(audio_project / "site") as base:
        context = chrome.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "index.html")
        audio = page.locator("figure.audio-player audio").first
        assert audio.is_visible() and audio.get_attribute("controls") == ""
        tap_play(page, audio)
        assert wait_playing(page, audio) > 0
        context.close()


def test_the_audio_only_zip_plays_from_the_phones_files(chrome, audio_project, tmp_path):
    name = f"{bundle_name()}-qu-audio"
    with zipfile.ZipFile(audio_project / "dist" / f"{name}.zip") as archive:
        archive.extractall(tmp_path)
    context, guard = new_context(chrome)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.goto((tmp_path / name / "index.html").as_uri())
    audio = page.locator("audio").first
    tap_play(page, audio)
    assert wait_playing(page, audio) > 0
    assert page.evaluate("window.__csp") == [] and guard.blocked == []
    context.close()
