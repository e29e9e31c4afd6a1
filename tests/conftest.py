"""Shared fixtures: the real site built once per session, and no network.

Every test runs with outbound connections blocked except to 127.0.0.1 / ::1,
so a test that would touch the internet fails loudly instead of flaking.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from scripts.site_strings import LANGUAGES  # noqa: F401  (shared with the tests)
LOOPBACK = ("127.0.0.1", "::1", "localhost")


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


def mkdocs_build(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` of a project into site_dir."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config), "-d", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's real site, built once into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's sources, to break on purpose."""
    target = tmp_path / "project"
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "dist", ".cache", "__pycache__", ".pytest_cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over http on 127.0.0.1 (a random free port)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
