"""The exchange in a browser: a member (the live server) shares a case with a hub (a real
`openpes serve` process with its own database), and the case appears on the hub. axe-core
on every exchange page, in every language, and at 320 px in English."""

from __future__ import annotations

import pytest

from openpes.i18n import LANGUAGES
from tests.browser.pages import blocking_violations, sign_in
from tests.web.exchange.instances import free_port, instance_env, openpes, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-passphrase"
HUB_PAGES = (
    "/exchange/",
    "/exchange/benchmarks/?size_band=large",
    "/exchange/compare/",
    "/exchange/cases/",
    "/exchange/members/",
)


@pytest.fixture
def hub(tmp_path):
    port = free_port()
    env = instance_env(tmp_path / "hub", OPENPES_HUB="1")
    assert openpes(env, "manage", "migrate", "-v0").returncode == 0
    seeded = openpes(
        env,
        "manage",
        "shell",
        "-c",
        "from openpes.web.exchange.demo import exchange_demo_seed; exchange_demo_seed();"
        "from openpes.web.accounts.services import user_create;"
        "from openpes.web.accounts.enums import Role;"
        f"user_create(username='hub-lead', password='{PASSWORD}', role=Role.TEAM_LEAD)",
    )
    assert seeded.returncode == 0, seeded.stderr
    process = serve(env, port)
    yield env, f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


def _axe(page, base: str, paths, findings: dict) -> None:
    for language in LANGUAGES:
        page.set_extra_http_headers({"Accept-Language": language})
        for path in paths:
            for width in (1280, 320) if language == "en" else (1280,):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(f"{base}{path}")
                assert page.get_attribute("html", "lang") == language
                if problems := blocking_violations(page):
                    findings[f"{path} [{language}] @{width}px"] = problems
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    findings[f"{path} [{language}] @{width}px"] = [f"scrolls sideways {overflow}px"]
    page.set_extra_http_headers({"Accept-Language": "en"})
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_member_shares_a_case_and_sees_it_on_the_hub(
    live_server, page, hub, tmp_path, monkeypatch
):
    from openpes.exchange import generate_key
    from openpes.web.accounts.enums import Role
    from openpes.web.accounts.services import user_create
    from openpes.web.exchange.services import case_create

    hub_env, hub_url = hub
    key = tmp_path / "member" / "exchange.key"
    added = openpes(
        hub_env,
        "exchange",
        "member",
        "add",
        "browser-pes",
        generate_key(key),
        "--name",
        "PES of Browserland (fictional)",
        "--country",
        "LV",
    )
    assert added.returncode == 0, added.stderr
    for name, value in {
        "OPENPES_HUB": "0",
        "OPENPES_HUB_URL": hub_url,
        "OPENPES_HUB_TOKEN": added.stdout.strip(),
        "OPENPES_EXCHANGE_KEY": str(key),
        "OPENPES_EXCHANGE_MEMBER": "browser-pes",
    }.items():
        monkeypatch.setenv(name, value)
    user_create(username="officer", password=PASSWORD, role=Role.OVERSIGHT)
    case_create(
        actor=None,
        title="Vecuma grupu pārbaude pārlūkā",
        problem="p",
        approach="a",
        result="r",
        lessons="l",
        theme="fairness",
        language="lv",
        country="LV",
    )

    sign_in(page, live_server.url, "officer", PASSWORD)
    findings: dict[str, list[str]] = {}
    _axe(page, live_server.url, ("/exchange/share/", "/exchange/share/cases/new/"), findings)
    page.goto(f"{live_server.url}/exchange/share/")
    page.get_by_text("Vecuma grupu pārbaude pārlūkā").first.wait_for(state="attached")
    page.get_by_role("checkbox", name="Our cases (problem, approach, result and lessons)").check()
    page.get_by_role("button", name="Send the ticked parts to the hub").click()
    page.wait_for_load_state()
    assert "The hub accepted the bundle" in page.locator("#result").inner_text()

    sign_in(page, hub_url, "hub-lead", PASSWORD)
    page.goto(f"{hub_url}/exchange/cases/?country=LV")
    assert page.get_by_role("heading", name="Vecuma grupu pārbaude pārlūkā").is_visible()
    page.goto(f"{hub_url}/exchange/members/")
    assert "PES of Browserland (fictional)" in page.content()
    _axe(page, hub_url, HUB_PAGES, findings)
    assert not findings, findings
