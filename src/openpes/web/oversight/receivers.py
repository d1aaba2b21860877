"""Signal receivers of the oversight app."""

from __future__ import annotations

from typing import Any

from openpes.web.oversight.enums import SystemKey

#: English names stored with the rows; pages show the translated SystemKey labels.
SHIPPED_NAMES = {
    SystemKey.MATCHING: "Matching engine (vacancy and training suggestions)",
    SystemKey.SUPPORT_NEEDS: "Support-needs model",
}


def ensure_shipped_systems(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    from openpes.web.oversight.models import AISystem

    for key, name in SHIPPED_NAMES.items():
        AISystem.objects.using(using).get_or_create(key=key.value, defaults={"name": name})
