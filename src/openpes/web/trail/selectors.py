"""Reads of the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from openpes.web.trail.chain import HASHED_FIELDS, ChainReport, verify_chain
from openpes.web.trail.models import AuditEvent


def event_list(*, action: str = "", actor: str = "", subject: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.order_by("-position")
    if action:
        events = events.filter(action__startswith=action)
    if actor:
        events = events.filter(actor=actor)
    if subject:
        events = events.filter(subject=subject)
    return events


def _stored_events() -> Iterator[dict[str, Any]]:
    yield from (
        AuditEvent.objects.order_by("position")
        .values(*HASHED_FIELDS, "hash")
        .iterator(chunk_size=5000)
    )


def trail_verify() -> ChainReport:
    """Recompute the whole chain from the stored rows."""
    return verify_chain(_stored_events())


def trail_head() -> tuple[int, str]:
    last = AuditEvent.objects.order_by("-position").values("position", "hash").first()
    return (last["position"], last["hash"]) if last else (0, "")


def event_hash_at(position: int) -> str | None:
    return AuditEvent.objects.filter(position=position).values_list("hash", flat=True).first()
