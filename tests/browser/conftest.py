"""One Chromium for every browser test of the session."""

from __future__ import annotations

import pytest

from tests.support.browser import browser


@pytest.fixture(scope="session")
def chrome():
    with browser() as instance:
        yield instance
