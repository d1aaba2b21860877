"""Browser tests: Debian's chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import require

CHROMIUM = os.environ.get("OPENPES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests
# make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    require(
        os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None,
        f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


from tests.web.shared_fixtures import (  # noqa: E402, F401  (fixtures shared with the web tests)
    _test_catalogue,
    catalogue_dir,
    model_dir,
    support_model_installed,
)


@pytest.fixture(autouse=True)
def _own_trail_anchors(settings, tmp_path):
    # Every test has its own anchor store: an anchor of another test's trail would not match.
    settings.OPENPES_TRAIL_ANCHORS = str(tmp_path / "trail-anchors.txt")
