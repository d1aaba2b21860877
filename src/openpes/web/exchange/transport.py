"""Sending a bundle to the hub: one JSON POST with the member token (standard library)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

TIMEOUT = 30


@dataclass(frozen=True)
class HubAnswer:
    accepted: bool
    status: int
    message: str
    version: int | None = None


def post_json(url: str, body: dict[str, Any], *, token: str) -> HubAnswer:
    """POST ``body``; the hub answers 201 with the version, or a problem with the reason."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": f"Bearer {token}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            data = json.loads(response.read() or b"{}")
            return HubAnswer(
                True, response.status, str(data.get("detail", "")), data.get("version")
            )
    except urllib.error.HTTPError as error:
        try:
            data = json.loads(error.read() or b"{}")
        except ValueError:
            data = {}
        return HubAnswer(False, error.code, str(data.get("detail") or error.reason))
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return HubAnswer(
            False, 0, _("the hub could not be reached: %(reason)s") % {"reason": reason}
        )
