"""Shared fixtures: the real site and the bundles, each built once per session; no network.

Three layers, one folder each, marked by folder (`pytest -m unit` runs the
fast ones alone): unit/ (functions and small fixtures, no full build),
site/ (the real site or bundles built, or a copy of the project built),
browser/ (Debian's Chromium). Nothing is written into the repository: builds
go to temporary folders and the build cache to SITE_CACHE_DIR.
Every test runs with outbound connections blocked except to 127.0.0.1 / ::1,
so a test that would touch the internet fails loudly instead of flaking.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from alerta.audio.cache import Cache
from alerta.audio.process import process_recording
from alerta.audio.settings import Settings as AudioSettings
from alerta.config import ROOT, cache_dir, site_config
from alerta.offline.build import offline_build, package
from tests.support.audio import ENCODINGS, add_recordings, phone_recording, speech_wav
from tests.support.browser import serve
from tests.support.project import COPY_IGNORE, mkdocs_build

LANGUAGES = site_config().codes
LOOPBACK = ("127.0.0.1", "::1", "localhost")
LAYERS = ("unit", "site", "browser")
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark each test with its layer, from the folder it lives in."""
    for item in items:
        layer = Path(item.fspath).resolve().relative_to(TESTS).parts[0]
        if layer in LAYERS:
            item.add_marker(getattr(pytest.mark, layer))


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory):
    """The build cache (images, external links) of this session: a temporary folder, never .cache/."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any socket connection to anything but loopback."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in LOOPBACK and not host.startswith("127.") and self.family != socket.AF_UNIX:
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's real site, built once into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline build of the site (mkdocs-offline.yml), once for the session."""
    return offline_build(tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="session")
def dist(offline_site, tmp_path_factory) -> Path:
    """The offline bundles, packaged once for the session."""
    out = tmp_path_factory.mktemp("dist")
    package(offline_site, out)
    return out


@pytest.fixture(scope="session")
def unpacked(dist, tmp_path_factory) -> Path:
    """Every zip of the session's bundles unpacked side by side."""
    target = tmp_path_factory.mktemp("unpacked")
    for path in dist.glob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            archive.extractall(target)
    return target


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's sources, to break on purpose."""
    target = tmp_path / "project"
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    return target


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over http on 127.0.0.1 (a random free port)."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def phone_recordings(tmp_path_factory) -> dict[str, Path]:
    """One recording of every accepted kind (.opus, .ogg, .m4a, .mp3, .wav, .webm), made once for the session."""
    folder = tmp_path_factory.mktemp("recordings")
    speech = speech_wav(folder)
    return {suffix: phone_recording(speech, folder / f"phone{suffix}") for suffix in ENCODINGS}


@pytest.fixture(scope="session")
def published_audio(phone_recordings, tmp_path_factory) -> dict:
    """Each phone recording as the site publishes it (processed once, into the session's build cache)."""
    cache = Cache(cache_dir() / "audio")
    return {suffix: process_recording(path, AudioSettings(), cache, path.parent) for suffix, path in phone_recordings.items()}


@pytest.fixture(scope="session")
def audio_project(phone_recordings, published_audio, tmp_path_factory) -> Path:
    """A copy of the project with recordings in every language (tests/support/audio.py), built once by `make site`'s command."""
    project = tmp_path_factory.mktemp("audio") / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    add_recordings(project, phone_recordings)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", SITE_MESSAGES="es")
    result = subprocess.run([sys.executable, "-m", "scripts.build_site"], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return project
