"""Web load benchmark: ``openpes serve`` (gunicorn, 4 workers) on the demo database.

Run:  .venv/bin/python benchmarks/web_load.py [--postgres] [--reuse] [--users 50] [--think 2]

1. Builds a demo database in a scratch ``OPENPES_VAR_DIR`` (``openpes manage migrate`` and
   ``openpes demo``): SQLite by default; with ``--postgres`` (or ``OPENPES_DATABASE_URL`` set
   to a ``postgresql://`` URL) a PostgreSQL database of its own, dropped and created again.
2. Starts ``openpes serve --workers 4`` on 127.0.0.1 and signs in through the login form as
   the demo counsellor and the demo job seeker (password ``openpes-demo``).
3. Measures, with a bounded load generator of plain threads and ``http.client`` (no extra
   dependency): one user's median per page; saturated throughput across the pages (a fixed
   number of clients without pause); and ``--users`` users with a ``--think`` second pause,
   p50/p95 and errors.

The pages: the caseload list (``/caseload/``), a job seeker's page with suggestions
(``/caseload/JS-0000001/``) and the job seeker's own page (``/me/``). Beside the wall-clock
figures it prints the CPU time the server's workers spent (from ``/proc``) and the load
average, as the machine may be shared. ``--src DIR`` serves another checkout's ``src/`` (for
a before/after comparison on the same machine). ``--floor`` runs only the saturated load, on
pages with no per-person content: the most any caching of the pages' content could give here.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PAGES = {
    "caseload list": ("counsellor", "/caseload/"),
    "job seeker page": ("counsellor", "/caseload/JS-0000001/"),
    "own page (/me/)": ("jobseeker", "/me/"),
}
#: ``--floor``: what no caching of a page's content can beat here. ``/ai/`` renders the
#: layout and a short list for a signed-in user: the session, the user, the middleware and
#: the layout's template, with no per-person content.
FLOOR_PAGES = {"layout only (/ai/)": ("counsellor", "/ai/")}
PASSWORD = "openpes-demo"
PG_DB = "openpes_web_load"
_CLK = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """One host:port; every request on a fresh connection (gunicorn's sync workers close)."""

    def __init__(self, port: int) -> None:
        self.port = port

    def request(
        self, method: str, path: str, *, cookies: dict[str, str], body: str | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    cookies[key.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.getheaders()), data
        finally:
            conn.close()

    def login(self, username: str) -> dict[str, str]:
        cookies: dict[str, str] = {}
        _, _, page = self.request("GET", "/accounts/login/", cookies=cookies)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token on the login page"
        from urllib.parse import urlencode

        body = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": PASSWORD,
            }
        )
        status, _, _ = self.request("POST", "/accounts/login/", cookies=cookies, body=body)
        assert status == 302 and "sessionid" in cookies, f"login of {username} failed ({status})"
        return cookies


def _workers_cpu(master: int) -> float:
    """User+system seconds of the gunicorn master's children (the workers), so far."""
    total = 0.0
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return 0.0
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / _CLK
    return total


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _env(args: argparse.Namespace, var: Path) -> dict[str, str]:
    env = {**os.environ, "OPENPES_VAR_DIR": str(var)}
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve())
    env.pop("OPENPES_DATABASE_URL", None)
    if args.database_url:
        env["OPENPES_DATABASE_URL"] = args.database_url
    return env


def _openpes(env: dict[str, str], *argv: str, **kwargs) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    code = "import sys; from openpes._console import main; sys.argv[0] = 'openpes'; main()"
    return subprocess.run([sys.executable, "-c", code, *argv], env=env, **kwargs)


def prepare(args: argparse.Namespace, var: Path) -> dict[str, str]:
    env = _env(args, var)
    marker = var / "web-load-demo-ready"
    if args.reuse and marker.exists():
        return env
    if var.exists():
        shutil.rmtree(var)
    var.mkdir(parents=True)
    if args.database_url:
        import psycopg

        admin = args.database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
    started = time.perf_counter()
    _openpes(env, "manage", "migrate", "-v0", check=True)
    _openpes(env, "demo", check=True, capture_output=True)
    print(f"demo database ready in {time.perf_counter() - started:.0f} s")
    marker.write_text("ok\n")
    return env


def serve(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, Site]:
    port = _free_port()
    code = "import sys; from openpes._console import main; sys.argv[0] = 'openpes'; main()"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = Site(port)
    for _ in range(240):
        try:
            if site.request("GET", "/healthz", cookies={})[0] == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        raise SystemExit("openpes serve did not start")
    return server, site


def _get(site: Site, sessions: dict[str, dict[str, str]], page: str) -> tuple[float, bool]:
    user, path = PAGES[page]
    started = time.perf_counter()
    try:
        status, _, body = site.request("GET", path, cookies=dict(sessions[user]))
        ok = status == 200 and b"</html>" in body
    except OSError:
        ok = False
    return time.perf_counter() - started, ok


def one_user(site: Site, sessions, repeats: int) -> dict[str, tuple[float, float]]:
    result = {}
    for page in PAGES:
        for _ in range(3):  # warm every worker a little
            _get(site, sessions, page)
        times = [_get(site, sessions, page)[0] for _ in range(repeats)]
        result[page] = (statistics.median(times), _pct(times, 0.95))
    return result


def run_users(
    site: Site, sessions, *, users: int, think: float, seconds: float
) -> tuple[list[float], int, float]:
    """``users`` threads, each cycling through the pages with ``think`` s between requests."""
    times: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds
    names = list(PAGES)

    def user(n: int) -> None:
        nonlocal errors
        if think:
            time.sleep(think * n / users)  # spread the first requests over one think time
        i = n
        while time.perf_counter() < stop:
            elapsed, ok = _get(site, sessions, names[i % len(names)])
            i += 1
            with lock:
                times.append(elapsed)
                errors += not ok
            if think:
                time.sleep(think)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors, time.perf_counter() - started


def floor(site: Site, sessions, pid: int, *, clients: int, seconds: float) -> None:
    """The saturated run on ``FLOOR_PAGES`` alone, one page at a time."""
    for name, page in FLOOR_PAGES.items():
        PAGES.clear()
        PAGES[name] = page
        _get(site, sessions, name)
        cpu0 = _workers_cpu(pid)
        times, errors, wall = run_users(site, sessions, users=clients, think=0.0, seconds=seconds)
        cpu = _workers_cpu(pid) - cpu0
        print(
            f"saturated, {name} ({clients} clients, {wall:.0f} s): {len(times) / wall:.1f} req/s, "
            f"p50 {statistics.median(times) * 1000:.0f} ms, errors {errors}; server CPU "
            f"{cpu / max(1, len(times)) * 1000:.1f} ms per request, {cpu / wall:.2f} cores busy"
        )
    print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", action="store_true", help="Use PostgreSQL (own database).")
    parser.add_argument("--reuse", action="store_true", help="Reuse the demo database if built.")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument("--clients", type=int, default=8, help="Clients in the saturated run.")
    parser.add_argument("--seconds", type=float, default=30.0, help="Length of each load run.")
    parser.add_argument("--repeats", type=int, default=30, help="Requests per page, one user.")
    parser.add_argument("--src", help="Serve this src/ directory (a before/after peer).")
    parser.add_argument("--var", help="Scratch folder (default: under the temp dir).")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="Only the saturated run, on pages with no per-person content (FLOOR_PAGES).",
    )
    args = parser.parse_args()
    url = os.environ.get("OPENPES_DATABASE_URL", "")
    args.database_url = ""
    if args.postgres or url.startswith("postgres"):
        base = url if url.startswith("postgres") else "postgresql://postgres@127.0.0.1:5432/x"
        args.database_url = base.rsplit("/", 1)[0] + f"/{PG_DB}"
    kind = "postgresql" if args.database_url else "sqlite"
    var = Path(args.var or Path(tempfile.gettempdir()) / f"openpes-web-load-{kind}")
    env = prepare(args, var)
    server, site = serve(env, args.workers)
    try:
        sessions = {name: site.login(name) for name in ("counsellor", "jobseeker")}
        print(
            f"database {kind}, {args.workers} workers, load average at start "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        if args.floor:
            floor(site, sessions, server.pid, clients=args.clients, seconds=args.seconds)
            return
        cpu0, wall0 = _workers_cpu(server.pid), time.perf_counter()
        single = one_user(site, sessions, args.repeats)
        cpu1 = _workers_cpu(server.pid)
        n_single = len(PAGES) * (args.repeats + 3)
        print(
            f"one user ({args.repeats} requests per page; server CPU "
            f"{(cpu1 - cpu0) / n_single * 1000:.0f} ms per request on average):"
        )
        for page, (p50, p95) in single.items():
            print(f"  {page:<18} median {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms")
        times, errors, wall = run_users(
            site, sessions, users=args.clients, think=0.0, seconds=args.seconds
        )
        saturated = len(times) / wall if wall else 0.0
        cpu2 = _workers_cpu(server.pid)
        print(
            f"saturated ({args.clients} clients, no pause, {wall:.0f} s): "
            f"{len(times) / wall:.1f} req/s, p50 {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {_pct(times, 0.95) * 1000:.0f} ms, errors {errors}; server CPU "
            f"{(cpu2 - cpu1) / max(1, len(times)) * 1000:.1f} ms per request, "
            f"{(cpu2 - cpu1) / wall:.2f} cores busy"
        )
        times, errors, wall = run_users(
            site, sessions, users=args.users, think=args.think, seconds=args.seconds
        )
        users_p95, users_errors = (_pct(times, 0.95) if times else 0.0), errors
        cpu3 = _workers_cpu(server.pid)
        print(
            f"{args.users} users, {args.think:g} s think ({wall:.0f} s): "
            f"{len(times) / wall:.1f} req/s, p50 {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {_pct(times, 0.95) * 1000:.0f} ms, errors {errors} of {len(times)}; "
            f"server CPU {(cpu3 - cpu2) / max(1, len(times)) * 1000:.1f} ms per request"
        )
        goals = {
            "one user, caseload list median < 50 ms": single["caseload list"][0] < 0.050,
            "one user, job seeker page median < 100 ms": single["job seeker page"][0] < 0.100,
            "saturated >= 150 req/s": saturated >= 150,
            f"{args.users} users, p95 < 150 ms and no errors": users_p95 < 0.150
            and users_errors == 0,
        }
        for goal, met in goals.items():
            print(f"  goal {'met' if met else 'NOT met'}: {goal}")
        print(
            f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
            f"wall {time.perf_counter() - wall0:.0f} s"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
