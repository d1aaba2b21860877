"""Writes to the catalogue: idempotent upserts keyed by (source, reference).

A withdrawal (a vacancy filled, a training cancelled) keeps the row but takes it out of the
digest and so out of the match index; a later upsert of the same reference re-opens it.

Every write recomputes the catalogue's digest (``CatalogueState``), which names the match
index snapshot, and schedules the snapshot's build after the commit, so that no request
pays for it (see ``catalogue/index.py``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from openpes.web.bulk_writes import objects_update
from openpes.web.catalogue.models import CatalogueState, Training, Vacancy
from openpes.web.trail.services import event_record

VACANCY_FIELDS = (
    "title",
    "occupation_uri",
    "isco_group",
    "essential_skills",
    "optional_skills",
    "employer",
    "region",
    "lat",
    "lon",
    "hours",
    "contract",
    "salary_eur",
    "required_languages",
    "requires_driving_licence",
    "posted_on",
    "closes_on",
)
TRAINING_FIELDS = (
    "title",
    "provider",
    "occupation_uri",
    "skills_taught",
    "duration_weeks",
    "mode",
    "region",
    "lat",
    "lon",
    "start_dates",
    "capacity",
)
BATCH = 2000


@dataclass(frozen=True)
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __add__(self, other: UpsertResult) -> UpsertResult:
        return UpsertResult(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )


def content_hash(values: dict[str, Any]) -> str:
    """SHA-256 of a record's canonical JSON (sorted keys, dates as ISO strings)."""
    canonical = json.dumps(values, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _normalised(record: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    values = {name: record.get(name) for name in fields}
    for name, value in values.items():
        if (
            value is None
            and name in ("title", "employer", "isco_group", "provider", "mode")
            or name in ("region", "occupation_uri")
            and value is None
        ):
            values[name] = ""
        elif name == "start_dates":
            values[name] = [str(d) for d in value or []]
        elif isinstance(value, tuple):
            values[name] = list(value)
    return values


def _upsert(
    model: type[Vacancy] | type[Training],
    fields: Sequence[str],
    records: Iterable[dict[str, Any]],
    *,
    source: str,
    progress: Callable[[int], None] | None,
) -> tuple[UpsertResult, list[str]]:
    prepared: dict[str, dict[str, Any]] = {}
    for record in records:
        values = _normalised(record, fields)
        values["content_hash"] = content_hash(values)
        prepared[str(record["reference"])] = values
    existing = {
        ref: (pk, digest, withdrawn)
        for ref, pk, digest, withdrawn in model.objects.filter(source=source).values_list(
            "reference", "pk", "content_hash", "withdrawn_at"
        )
        if ref in prepared
    }
    new, changed, unchanged = [], [], 0
    for reference, values in prepared.items():
        if reference not in existing:
            new.append(model(source=source, reference=reference, **values))
        elif existing[reference][1] != values["content_hash"] or existing[reference][2]:
            # Sent again after a withdrawal: re-opened (``withdrawn_at`` written back as None).
            changed.append(
                model(pk=existing[reference][0], source=source, reference=reference, **values)
            )
        else:
            unchanged += 1
    for start in range(0, len(new), BATCH):
        model.objects.bulk_create(new[start : start + BATCH])
        if progress:
            progress(len(new[start : start + BATCH]))
    for start in range(0, len(changed), BATCH):
        objects_update(
            model, changed[start : start + BATCH], [*fields, "content_hash", "withdrawn_at"]
        )
        if progress:
            progress(len(changed[start : start + BATCH]))
    if progress and unchanged:
        progress(unchanged)
    touched = [obj.reference for obj in (*new, *changed)]
    return UpsertResult(len(new), len(changed), unchanged), touched


@transaction.atomic
def catalogue_version_refresh() -> str:
    """Recompute the catalogue digest; schedule the index snapshot for it after the commit."""
    from openpes.web.catalogue.index import snapshot_refresh_after_commit

    digest = hashlib.sha256()
    for model, tag in ((Vacancy, b"V"), (Training, b"T")):
        rows = model.objects.filter(withdrawn_at__isnull=True).order_by("source", "reference")
        for source, reference, value in rows.values_list("source", "reference", "content_hash"):
            digest.update(
                b"%s|%s|%s|%s\n" % (tag, source.encode(), reference.encode(), value.encode())
            )
    version = digest.hexdigest()
    state = CatalogueState.objects.select_for_update().first()
    if state is None:
        CatalogueState.objects.create(version=version)
    elif state.version != version:
        state.version = version
        state.save(update_fields=["version", "changed_at"])
    snapshot_refresh_after_commit(version)
    return version


@transaction.atomic
def vacancies_upsert(
    *,
    actor: Any,
    records: Iterable[dict[str, Any]],
    source: str,
    progress: Callable[[int], None] | None = None,
    channel: str = "api",
) -> UpsertResult:
    """Create or update vacancies of one source; validated records only (see interchange)."""
    result, touched = _upsert(Vacancy, VACANCY_FIELDS, records, source=source, progress=progress)
    _after_write(actor, "vacancies", source, result, touched, channel)
    return result


@transaction.atomic
def trainings_upsert(
    *,
    actor: Any,
    records: Iterable[dict[str, Any]],
    source: str,
    progress: Callable[[int], None] | None = None,
    channel: str = "api",
) -> UpsertResult:
    result, touched = _upsert(Training, TRAINING_FIELDS, records, source=source, progress=progress)
    _after_write(actor, "trainings", source, result, touched, channel)
    return result


def _after_write(
    actor: Any, kind: str, source: str, result: UpsertResult, touched: list[str], channel: str
) -> None:
    if not result.changed:
        return
    counts = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
    _changed(actor, "catalogue.changed", kind, source, touched, channel, counts)


def _changed(
    actor: Any,
    action: str,
    kind: str,
    source: str,
    references: list[str],
    channel: str,
    counts: dict[str, int],
) -> None:
    """A new catalogue digest (and so index snapshot), and one trail event for the write."""
    catalogue_version_refresh()
    one = len(references) == 1
    event_record(
        actor=actor,
        action=action,
        subject=f"{kind}:{source}/{references[0]}" if one else f"{kind}:{source}",
        details={
            "channel": channel,
            **counts,
            # The references themselves for small writes; a digest of them for bulk loads.
            "references": references[:100],
            "references_sha256": hashlib.sha256("\n".join(references).encode()).hexdigest(),
        },
    )


_MODELS = {"vacancies": Vacancy, "trainings": Training}


@transaction.atomic
def catalogue_withdraw(
    *,
    actor: Any,
    kind: str,
    source: str,
    references: Iterable[str] | None = None,
    keep: Iterable[str] | None = None,
    channel: str = "api",
) -> list[str]:
    """Withdraw vacancies or trainings of one source; returns the references withdrawn now.

    ``references``: these (an unknown or already withdrawn one is skipped, so a repeated
    withdrawal changes nothing). ``keep``: every open one *except* these (a full feed that
    no longer lists a vacancy). Exactly one of the two.
    """
    if (references is None) == (keep is None):
        raise TypeError("catalogue_withdraw takes references or keep, not both")
    model = _MODELS[kind]
    open_rows = model.objects.select_for_update().filter(source=source, withdrawn_at__isnull=True)
    # ``references``: withdraw the open ones named; ``keep``: every open one not named.
    by_name = references is not None
    named = set(references if by_name else keep or ())
    rows = open_rows.values_list("pk", "reference")
    chosen = [(pk, ref) for pk, ref in rows if (ref in named) is by_name]
    if not chosen:
        return []
    now = timezone.now()
    pks = [pk for pk, _ in chosen]
    for start in range(0, len(pks), BATCH):
        model.objects.filter(pk__in=pks[start : start + BATCH]).update(withdrawn_at=now)
    withdrawn = sorted(ref for _, ref in chosen)
    _changed(
        actor,
        "catalogue.withdrawn",
        kind,
        source,
        withdrawn,
        channel,
        {"withdrawn": len(withdrawn)},
    )
    return withdrawn
