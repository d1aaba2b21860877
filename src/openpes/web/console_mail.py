"""The development mail backend: mail printed on standard error, not standard output.

Without ``OPENPES_EMAIL_HOST`` mail is printed (docs/oversight.md). Commands write their
reports to standard output (``openpes oversight run --format json > run.json``), so a mail
printed there would break them; standard error is where the CLI says what happened.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.mail.backends import console


class EmailBackend(console.EmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        # Read now, not at import: a test or a command may have replaced sys.stderr since.
        kwargs.setdefault("stream", sys.stderr)
        super().__init__(fail_silently=fail_silently, **kwargs)
