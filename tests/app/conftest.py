"""App tests: the real Kivy window needs a display (Xvfb in CI); core tests do not."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_collection_modifyitems(config, items) -> None:
    if os.environ.get("DISPLAY") or os.environ.get("CI"):
        return  # in CI a missing display is a failure, not a skip
    skip = pytest.mark.skip(reason="needs a display: run the suite with scripts/test.sh (Xvfb)")
    for item in items:
        if item.get_closest_marker("app"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def default_window(request):
    """Every window test starts in Kivy's own 800 x 600 window, as when it runs alone (a
    test that wants another size sets it): the suite runs on several workers in an order
    that varies, and a test must not take the size a test before it left."""
    if request.node.get_closest_marker("app") is not None:
        from tests.support.driver import use_screen
        use_screen(800, 600)


@pytest.fixture
def ralph(tmp_path: Path):
    """A real Ralph LRS of the test's own on 127.0.0.1 (tests/app/ralph_lrs.py), killed after."""
    from tests.app.ralph_lrs import Ralph  # needs the test extra's ralph-malph
    server = Ralph(tmp_path / "ralph")
    server.start()
    yield server
    server.kill()
