"""Recording audit events. The only way events are written."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from openpes.web.accounts.selectors import user_primary_role
from openpes.web.trail.chain import GENESIS_HASH, event_hash
from openpes.web.trail.models import AuditEvent

# Any constant works; it names the PostgreSQL advisory lock that serialises appends.
_PG_TRAIL_LOCK = 0x0FE5_7A11


def _lock_trail() -> None:
    # On SQLite the IMMEDIATE transaction mode already serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_TRAIL_LOCK])


@transaction.atomic
def event_record(
    *,
    actor: Any,
    action: str,
    subject: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the trail, chained to the one before it.

    ``actor`` is a user, ``None`` for the system, or a string for an unauthenticated party.
    """
    if actor is None:
        actor_name, actor_id, role = "system", None, ""
    elif isinstance(actor, str):
        actor_name, actor_id, role = actor, None, ""
    elif getattr(actor, "is_authenticated", False):
        primary = user_primary_role(actor)
        actor_name, actor_id, role = (
            actor.get_username(),
            actor.pk,
            primary.value if primary else "",
        )
    else:
        actor_name, actor_id, role = "anonymous", None, ""
    # Round-trip through JSON so what we hash is exactly what the database gives back.
    clean_details = json.loads(json.dumps(details or {}, cls=DjangoJSONEncoder))
    _lock_trail()
    last = AuditEvent.objects.order_by("-position").values("position", "hash").first()
    fields: dict[str, Any] = {
        "position": last["position"] + 1 if last else 1,
        "occurred_at": timezone.now(),
        "actor": actor_name[:150],
        "actor_id": actor_id,
        "role": role,
        "action": action,
        "subject": subject[:255],
        "details": clean_details,
        "prev_hash": last["hash"] if last else GENESIS_HASH,
    }
    fields["hash"] = event_hash(fields)
    return AuditEvent.objects.create(**fields)
