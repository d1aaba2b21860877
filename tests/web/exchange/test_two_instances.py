"""Two instances on one machine, as in docs/exchange.md: a member and a hub (OPENPES_HUB=1),
each an `openpes serve` process with its own database and var/ folder. The member's person
shares from the web page; the hub's API checks and stores the bundle; a tampered file is
refused by `openpes exchange import` with exit 2; the member withdraws."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

import pytest

from tests.web.exchange.instances import free_port, instance_env, openpes, serve

pytestmark = pytest.mark.slow
PASSWORD = "a-long-two-instance-passphrase"


def _browser() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _post(opener, url: str, fields: list[tuple[str, str]], referer: str) -> str:
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": referer})
    with opener.open(request, timeout=60) as response:
        return response.read().decode()


def test_a_member_shares_with_a_hub_on_the_same_machine(tmp_path):
    hub_port, member_port = free_port(), free_port()
    hub_env = instance_env(tmp_path / "hub", OPENPES_HUB="1")
    member_env = instance_env(
        tmp_path / "member",
        OPENPES_EXCHANGE_MEMBER="pes-member",
        OPENPES_HUB_URL=f"http://127.0.0.1:{hub_port}",
    )
    for env in (hub_env, member_env):
        assert openpes(env, "manage", "migrate", "-v0").returncode == 0
    key = openpes(member_env, "exchange", "keygen")
    assert key.returncode == 0, key.stderr
    public = key.stdout.strip()
    added = openpes(
        hub_env,
        "exchange",
        "member",
        "add",
        "pes-member",
        public,
        "--name",
        "PES Member (fictional)",
        "--country",
        "FI",
    )
    assert added.returncode == 0, added.stderr
    member_env["OPENPES_HUB_TOKEN"] = added.stdout.strip()
    made = openpes(
        member_env,
        "manage",
        "shell",
        "-c",
        "from openpes.web.accounts.services import user_create;"
        "from openpes.web.accounts.enums import Role;"
        f"user_create(username='officer', password='{PASSWORD}', role=Role.OVERSIGHT);"
        "from openpes.web.exchange.services import case_create;"
        "case_create(actor=None, title='Ensimmäinen haastattelu', problem='p', approach='a',"
        "result='r', lessons='l', theme='counselling', language='fi', country='FI')",
    )
    assert made.returncode == 0, made.stderr

    hub = serve(hub_env, hub_port)
    member = serve(member_env, member_port)
    try:
        base = f"http://127.0.0.1:{member_port}"
        opener, _jar = _browser()
        login = opener.open(f"{base}/accounts/login/", timeout=60).read().decode()
        _post(
            opener,
            f"{base}/accounts/login/",
            [
                ("csrfmiddlewaretoken", _csrf(login)),
                ("username", "officer"),
                ("password", PASSWORD),
            ],
            f"{base}/accounts/login/",
        )
        share = opener.open(f"{base}/exchange/share/", timeout=60).read().decode()
        assert "Ensimmäinen haastattelu" in share  # shown before it is sent
        answer = _post(
            opener,
            f"{base}/exchange/share/",
            [("csrfmiddlewaretoken", _csrf(share)), ("parts", "cases"), ("action", "send")],
            f"{base}/exchange/share/",
        )
        assert "The hub accepted the bundle" in answer, answer[-2000:]

        listed = openpes(hub_env, "exchange", "member", "list")
        assert "pes-member\tFI" in listed.stdout and "\tv1" in listed.stdout
        request = urllib.request.Request(
            f"http://127.0.0.1:{hub_port}/api/v1/exchange/benchmarks",
            headers={"Authorization": f"Bearer {member_env['OPENPES_HUB_TOKEN']}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert json.loads(response.read())["cells"] == []  # one PES: nothing to show

        exported = tmp_path / "bundle.json"
        assert (
            openpes(member_env, "exchange", "export", "--out", str(exported), "--cases").returncode
            == 0
        )
        bundle = json.loads(exported.read_text())
        bundle["parts"]["cases"][0]["result"] = "changed on the way"
        exported.write_text(json.dumps(bundle))
        refused = openpes(hub_env, "exchange", "import", str(exported))
        assert refused.returncode == 2
        assert "signature does not match" in refused.stderr

        withdrawn = openpes(member_env, "exchange", "withdraw")
        assert withdrawn.returncode == 0, withdrawn.stderr
        assert "\tv-" in openpes(hub_env, "exchange", "member", "list").stdout
    finally:
        for process in (member, hub):
            process.terminate()
            process.wait(timeout=30)
