"""Development mail is readable: decoded subject, recipients and text, not the MIME source."""

from __future__ import annotations

import io

from django.core.mail import EmailMessage

from openpes.web.console_mail import EmailBackend, FolderBackend

_BODY = "ALERT · support_needs · sex = female: 0.71 (95 % interval 0.6–0.8)"


def _message() -> EmailMessage:
    return EmailMessage(
        subject="OpenPES oversight: 1 new alert · Überblick",
        body=_BODY,
        from_email="openpes@localhost",
        to=["officer@pes.example", "admin@pes.example"],
    )


def test_the_console_shows_the_decoded_mail_not_its_source():
    stream = io.StringIO()
    assert EmailBackend(stream=stream).send_messages([_message()]) == 1
    printed = stream.getvalue()
    assert "Subject: OpenPES oversight: 1 new alert · Überblick" in printed
    assert "To: officer@pes.example, admin@pes.example" in printed
    assert _BODY in printed
    assert "=C2=B7" not in printed and "Content-Transfer-Encoding" not in printed


def test_the_folder_backend_writes_one_readable_file_per_mail(tmp_path):
    backend = FolderBackend(file_path=tmp_path / "mail")
    assert backend.send_messages([_message(), _message()]) == 2
    files = sorted((tmp_path / "mail").iterdir())
    assert len(files) == 2 and all(path.suffix == ".txt" for path in files)
    text = files[0].read_text(encoding="utf-8")
    assert _BODY in text and "=C2=B7" not in text
