"""The development mail backends: mail shown as a person reads it, not as MIME source.

Without ``OPENPES_EMAIL_HOST`` mail is printed (docs/oversight.md). Commands write their
reports to standard output (``openpes oversight run --format json > run.json``), so a mail
printed there would break them; standard error is where the CLI says what happened.
Django's console backend prints the encoded source (``=C2=B7`` for "·"); these print the
subject, the recipients and the plain text. ``openpes demo`` sends its alert mails to a
folder instead (``mail_to_folder``), so that they do not bury the demo logins.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends import console
from django.core.mail.backends.base import BaseEmailBackend

CONSOLE = "openpes.web.console_mail.EmailBackend"
FOLDER = "openpes.web.console_mail.FolderBackend"


def readable(message: EmailMessage) -> str:
    """The headers a reader looks at, then the plain-text body (HTML parts only named)."""
    lines = [f"From: {message.from_email}", f"To: {', '.join(message.to)}"]
    if message.cc:
        lines.append(f"Cc: {', '.join(message.cc)}")
    lines += [f"Subject: {message.subject}", "", message.body]
    for alternative in getattr(message, "alternatives", []):
        lines.append(f"[{alternative.mimetype} part left out]")
    for attachment in message.attachments:
        name = getattr(attachment, "filename", None) or "attachment"
        lines.append(f"[attachment: {name}]")
    return "\n".join(lines)


class EmailBackend(console.EmailBackend):
    """Mail printed, readable, on standard error."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        # Read now, not at import: a test or a command may have replaced sys.stderr since.
        kwargs.setdefault("stream", sys.stderr)
        super().__init__(fail_silently=fail_silently, **kwargs)

    def write_message(self, message: EmailMessage) -> None:
        self.stream.write(f"{readable(message)}\n{'-' * 79}\n")


class FolderBackend(BaseEmailBackend):
    """Each mail a readable ``.txt`` file in ``file_path``, so that it can be counted and read."""

    _lock = threading.Lock()
    _sequence = 0

    def __init__(self, *, file_path: str | Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = Path(file_path)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
        for message in email_messages:
            with self._lock:
                FolderBackend._sequence += 1
                name = f"{stamp}-{os.getpid()}-{FolderBackend._sequence:04d}.txt"
                path = self.folder / name
            path.write_text(readable(message) + "\n", encoding="utf-8")
        return len(email_messages)


@contextlib.contextmanager
def mail_to_folder(folder: Path) -> Iterator[list[Path]]:
    """Within the block, development mail goes to ``folder``; yields the files written.

    Only the development console is replaced: with SMTP configured, mail is sent as always.
    """
    mailers = settings.MAILERS
    written: list[Path] = []
    if mailers.get("default", {}).get("BACKEND") != CONSOLE:
        yield written
        return
    before = set(folder.glob("*.txt"))
    settings.MAILERS = {**mailers, "default": {"BACKEND": FOLDER, "OPTIONS": {"file_path": folder}}}
    try:
        yield written
    finally:
        settings.MAILERS = mailers
        written += sorted(set(folder.glob("*.txt")) - before)
