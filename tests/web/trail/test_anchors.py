"""Anchors outside the database catch a cut tail and a trail rewritten wholesale."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from openpes.errors import InputError
from openpes.web.trail.anchors import FileAnchors, UrlAnchors, anchors_check, trail_anchor
from openpes.web.trail.services import event_record
from tests.web.trail.test_tamper import _raw


@pytest.fixture
def events(db):
    for number in range(5):
        event_record(actor="system", action="test", subject=str(number))


def test_a_cut_tail_no_longer_matches_its_anchor(events, tmp_path):
    store = FileAnchors(tmp_path / "anchors.txt")
    anchored = trail_anchor(store)
    assert anchored is not None and anchored.position == 5
    assert anchors_check(store).ok
    _raw("DELETE FROM trail_auditevent WHERE position = %s", [5])
    check = anchors_check(store)
    assert not check.ok and check.position == 5 and "line 2" in check.problem


def test_a_trail_deleted_and_written_anew_is_caught(events, tmp_path):
    store = FileAnchors(tmp_path / "anchors.txt")
    trail_anchor(store)
    _raw("DELETE FROM trail_auditevent", [])
    for number in range(5):
        event_record(actor="system", action="test", subject=f"new {number}")
    assert not anchors_check(store).ok


@pytest.mark.parametrize(
    ("content", "row"),
    [("5 abc\n", 1), ("# header\nfive " + "a" * 64 + "\n", 2), ("7\n", 1)],
)
def test_a_malformed_anchor_file_names_the_row(db, tmp_path, content, row):
    path = tmp_path / "anchors.txt"
    path.write_text(content)
    with pytest.raises(InputError) as caught:
        anchors_check(FileAnchors(path))
    assert caught.value.file == str(path) and caught.value.row == row


def test_a_folder_or_latin1_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        FileAnchors(tmp_path).read()
    latin = tmp_path / "latin.txt"
    latin.write_bytes("# é\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        FileAnchors(latin).read()


class _AppendOnlyStore(BaseHTTPRequestHandler):
    lines: list[str] = []

    def do_GET(self):  # noqa: N802
        body = "".join(self.lines).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802
        self.lines.append(self.rfile.read(int(self.headers["Content-Length"])).decode())
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_url_store_takes_and_gives_back_anchors(events):
    server = HTTPServer(("127.0.0.1", 0), _AppendOnlyStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        store = UrlAnchors(f"http://127.0.0.1:{server.server_port}/anchors")
        trail_anchor(store)
        assert len(_AppendOnlyStore.lines) == 1
        assert anchors_check(store).ok and anchors_check(store).checked == 1
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db(transaction=True)
def test_cli_verify_anchors_automatically_and_says_when_there_is_none(tmp_path):
    env = {
        "OPENPES_VAR_DIR": str(tmp_path),
        "OPENPES_DATABASE_URL": f"sqlite:///{tmp_path}/t.sqlite3",
        "PATH": "",
    }

    def run(*args, extra=None):
        return subprocess.run(
            [sys.executable, "-m", "openpes.cli", *args],
            env={**env, **(extra or {})},
            capture_output=True,
            text=True,
            check=False,
        )

    assert run("manage", "migrate", "-v0").returncode == 0
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='openpes.web.settings';"
        "django.setup();"
        "from openpes.web.trail.services import event_record as r;"
        "[r(actor='system', action='test', subject=str(i)) for i in range(3)]"
    )
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0
    unconfigured = run("trail", "verify", extra={"OPENPES_TRAIL_ANCHORS": ""})
    assert unconfigured.returncode == 0 and "no anchor store is configured" in unconfigured.stdout
    first = run("trail", "verify")
    assert first.returncode == 0 and "no anchor existed yet" in first.stdout
    assert (tmp_path / "trail-anchors.txt").read_text().count("\n") == 2  # header + head
    import sqlite3

    with sqlite3.connect(tmp_path / "t.sqlite3") as db:
        db.execute("DELETE FROM trail_auditevent")
    emptied = run("trail", "verify")
    assert emptied.returncode == 1 and "no longer matches" in emptied.stdout
    (tmp_path / "bad.txt").write_text("not an anchor\n")
    malformed = run("trail", "verify", "--anchors", str(tmp_path / "bad.txt"))
    assert malformed.returncode == 2 and "row 1" in malformed.stderr
