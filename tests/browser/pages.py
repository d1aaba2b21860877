"""Shared browser steps."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

_AXE = Axe()
BLOCKING_IMPACTS = {"serious", "critical"}


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].primary")
    page.wait_for_load_state()


def assert_focused(page, element_id: str) -> None:
    """The element holds the focus, waiting for it: the browser runs `autofocus`
    at its next rendering step, which may come after a click has returned."""
    expect(page.locator(f"[id='{element_id}']")).to_be_focused()


def blocking_violations(page) -> list[str]:
    """axe-core findings of serious or critical impact, as readable lines."""
    results = _AXE.run(
        page,
        options={
            "resultTypes": ["violations"],
            "runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        },
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING_IMPACTS
    ]
