"""``openpes.files``: atomic writes, orphaned temporary files, writability and text decoding."""

from __future__ import annotations

import codecs
import fcntl
import os
from pathlib import Path

import pytest

from openpes.errors import InputError
from openpes.files import (
    atomic_path,
    check_writable,
    decode_text,
    read_text,
    remove_orphans,
    write_atomic,
)


def test_an_orphan_of_a_killed_write_is_removed_by_the_next_write(tmp_path: Path) -> None:
    orphan = tmp_path / ".report.html.k1ll.tmp"
    orphan.write_text("half a report")
    other = tmp_path / ".other.csv.k1ll.tmp"
    other.write_text("another file's orphan")
    write_atomic(tmp_path / "report.html", "<p>done</p>")
    assert not orphan.exists(), "the next write to the same file removes its orphan"
    assert other.exists(), "only the orphans of the file written"
    assert (tmp_path / "report.html").read_text() == "<p>done</p>"


def test_a_name_with_brackets_is_a_name_not_a_pattern(tmp_path: Path) -> None:
    mine, other = tmp_path / ".[red]x.csv.k1ll.tmp", tmp_path / ".rx.csv.k1ll.tmp"
    mine.write_text("orphan")
    other.write_text("another file's orphan")
    write_atomic(tmp_path / "[red]x.csv", "a,b\n")
    assert not mine.exists() and other.exists()


def test_a_temporary_file_being_written_is_not_an_orphan(tmp_path: Path) -> None:
    live = tmp_path / ".report.html.l1ve.tmp"
    live.write_text("being written")
    fd = os.open(live, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as atomic_path holds it while a writer writes
    try:
        assert remove_orphans(tmp_path) == []
        assert live.exists()
    finally:
        os.close(fd)
    assert remove_orphans(tmp_path) == [live]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "scores.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed")
    assert target.read_text() == "old" and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("make", "folder", "says"),
    [
        (lambda t: t, False, "a file name was expected"),
        (lambda t: (t / "f").write_text("x") and t / "f", True, "a folder was expected"),
        (lambda t: (t / "f").write_text("x") and t / "f" / "out.csv", False, "is a file"),
        (lambda t: Path("/proc/openpes-cannot-write/out.csv"), False, "cannot write here"),
    ],
    ids=["folder as a file", "file as a folder", "under a file", "under a read-only mount"],
)
def test_unwritable_outputs_are_refused_before_anything_is_written(
    tmp_path: Path, make, folder: bool, says: str
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(InputError, match=says):
        check_writable(path, folder=folder)
    assert not list(tmp_path.glob(".*.tmp"))


def test_writable_outputs_are_accepted_and_nothing_is_created(tmp_path: Path) -> None:
    (tmp_path / "old.csv").write_text("replaced later")
    for path in (tmp_path / "old.csv", tmp_path / "new" / "deeper" / "out.csv"):
        assert check_writable(path) == path
    assert check_writable(tmp_path / "model", folder=True) == tmp_path / "model"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]


@pytest.mark.parametrize(
    "data",
    [
        "Liège;é".encode(),
        codecs.BOM_UTF8 + "Liège;é".encode(),
        "Liège;é".encode("utf-16"),
        "Liège;é".encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]),
        "Liège;é".encode("utf-32"),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16", "utf-16 big-endian", "utf-32"],
)
def test_text_with_a_byte_order_mark_is_decoded(data: bytes) -> None:
    assert decode_text(data) == "Liège;é"


def test_latin_1_is_refused_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes("first line\nLiège".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8") as info:
        read_text(path)
    assert info.value.row == 2 and info.value.file == str(path)
    with pytest.raises(InputError, match="a file was expected"):
        read_text(tmp_path)
