"""Seeding a database with a million stored decisions and assessments, for the oversight
benchmark (``benchmarks/oversight.py --db``).

Rows go in by raw bulk inserts (SQLite ``executemany``, PostgreSQL ``COPY``), not through the
ORM, so that seeding a million rows takes seconds. Every column of each table is written, the
ones the benchmark does not vary with the model field's default.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

BANDS = np.array(["low", "medium", "high"])


def _times(now: datetime, seconds_ago: np.ndarray, *, postgres: bool) -> list[str]:
    base = np.datetime64(now.replace(tzinfo=None), "us")
    values = base - (seconds_ago * 1e6).astype("timedelta64[us]")
    text = np.char.replace(np.datetime_as_string(values, unit="us"), "T", " ")
    return [t + "+00:00" for t in text.tolist()] if postgres else text.tolist()


def _insert(model: type, columns: dict[str, Sequence[Any]]) -> None:
    """Bulk insert ``columns`` (field name -> values) into ``model``'s table."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    n = len(next(iter(columns.values())))
    names, values = [], []
    for field in fields:
        names.append(field.column)
        if field.attname in columns:
            values.append(columns[field.attname])
        else:
            default = field.get_default()
            if isinstance(default, list | dict):
                default = json.dumps(default)
            values.append([default] * n)
    rows = list(zip(*values, strict=True))
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(c) for c in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            for start in range(0, n, 50_000):
                cursor.executemany(
                    f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows[start : start + 50_000]
                )


def seed(*, rows: int, people: int = 100_000, days: int = 180, seed: int = 2026) -> dict[str, int]:
    """Seed ``rows`` stored decisions and assessments: half support-needs assessments, half
    vacancy suggestions shown with the counsellor's decision; ``people`` job seekers of 400
    counsellors in 8 teams, with protected attributes and (for 60%) an outcome. Job seekers of
    non-EU origin are moved to less support more often (the planted bias of the demo)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from openpes.web.accounts.models import Team, TeamMembership
    from openpes.web.caseload.models import JobSeeker, ProtectedAttributes
    from openpes.web.counselling.models import SuggestionDecision, SupportAssessment
    from openpes.web.oversight.models import RecordedOutcome, SuggestionShown

    postgres = connection.vendor == "postgresql"
    rng = np.random.default_rng(seed)
    now = datetime.now(UTC)
    with transaction.atomic():
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"bench-c{i:03d}") for i in range(400)
        )
        teams = Team.objects.bulk_create(Team(name=f"bench-team-{i}") for i in range(8))
        TeamMembership.objects.bulk_create(
            TeamMembership(user=u, team=teams[i % 8]) for i, u in enumerate(users)
        )
        counsellor_ids = np.array([u.pk for u in users])
        start_id = (JobSeeker.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        ids = np.arange(start_id, start_id + people)
        counsellor_of = counsellor_ids[rng.integers(0, 400, people)]
        registered = np.datetime64(now.date()) - rng.integers(0, days, people).astype(
            "timedelta64[D]"
        )
        _insert(
            JobSeeker,
            {
                "id": ids.tolist(),
                "reference": [f"B{i:08d}" for i in ids],
                "first_name": ["Bench"] * people,
                "last_name": [f"Person {i}" for i in ids],
                "user_id": [None] * people,
                "counsellor_id": counsellor_of.tolist(),
                "isced": rng.integers(0, 9, people).tolist(),
                "region": rng.choice(["north", "south", "east", "west"], people).tolist(),
                "lat": rng.uniform(50, 51, people).tolist(),
                "lon": rng.uniform(4, 5, people).tolist(),
                "registered_on": np.datetime_as_string(registered).tolist(),
                "region_unemployment_rate": rng.uniform(0.03, 0.12, people).tolist(),
                "previous_spells": rng.integers(0, 5, people).tolist(),
                "previous_unemployment_days": rng.integers(0, 900, people).tolist(),
                # 40 occupations: the strata of the within-occupation exposure comparison.
                "preferred_occupations": [
                    json.dumps([f"http://data.europa.eu/esco/occupation/bench-{k}"])
                    for k in rng.integers(0, 40, people)
                ],
            },
        )
        # Insert with explicit ids: move the PostgreSQL sequence past them.
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('caseload_jobseeker', 'id'), %s)",
                    [int(ids[-1])],
                )
        origin = rng.choice(["eu", "non_eu", "national"], people, p=[0.2, 0.2, 0.6])
        _insert(
            ProtectedAttributes,
            {
                "jobseeker_id": ids.tolist(),
                "sex": rng.choice(["female", "male"], people).tolist(),
                "age": rng.integers(18, 66, people).tolist(),
                "origin": origin.tolist(),
                "disability": (rng.uniform(size=people) < 0.1).tolist(),
            },
        )
        n = rows // 2
        who = rng.integers(0, people, n)
        started = rng.uniform(60, days * 86400, n)
        risk = rng.beta(0.8, 1.0, people)
        probability = np.clip(risk[who] + rng.normal(0, 0.03, n), 0.01, 0.99)
        model = np.digitize(probability, [0.3, 0.6])
        own = np.clip(model + rng.choice([-1, 0, 1], n, p=[0.15, 0.7, 0.15]), 0, 2)
        less = np.where(origin[who] == "non_eu", 0.30, 0.06)
        draw = rng.uniform(size=n)
        final = np.where(
            draw < less,
            np.maximum(model - 1, 0),
            np.where(draw > 0.94, np.minimum(model + 1, 2), model),
        )
        _insert(
            SupportAssessment,
            {
                "jobseeker_id": ids[who].tolist(),
                "counsellor_id": counsellor_of[who].tolist(),
                "counsellor_band": BANDS[own].tolist(),
                "model_band": BANDS[model].tolist(),
                "model_probability": probability.tolist(),
                "model_version": ["bench"] * n,
                "final_band": BANDS[final].tolist(),
                "reason": ["bench"] * n,
                "started_at": _times(now, started, postgres=postgres),
                "decided_at": _times(now, started - 50, postgres=postgres),
            },
        )
        who = rng.integers(0, people, n)
        shown = rng.uniform(3700, days * 86400, n)
        score = rng.uniform(0.2, 0.95, n)
        vacancy = [f"V-B{i:07d}" for i in range(n)]
        rank = (1 + np.arange(n) % 10).tolist()
        _insert(
            SuggestionShown,
            {
                "jobseeker_id": ids[who].tolist(),
                "shown_to_id": counsellor_of[who].tolist(),
                "page": ["counsellor"] * n,
                "vacancy_id": vacancy,
                "rank": rank,
                "score": score.tolist(),
                "salary_eur": rng.normal(32000, 6000, n).tolist(),
                "distance_km": rng.uniform(1, 40, n).tolist(),
                "shown_at": _times(now, shown, postgres=postgres),
            },
        )
        _insert(
            SuggestionDecision,
            {
                "jobseeker_id": ids[who].tolist(),
                "counsellor_id": counsellor_of[who].tolist(),
                "item_kind": ["vacancy"] * n,
                "item_id": vacancy,
                "rank": rank,
                "score": score.tolist(),
                "index_version": ["bench"] * n,
                "verdict": rng.choice(
                    ["accepted", "adapted", "rejected"], n, p=[0.6, 0.2, 0.2]
                ).tolist(),
                "reason": ["bench"] * n,
                "adaptation": [""] * n,
                "decided_at": _times(now, shown - rng.uniform(120, 3600, n), postgres=postgres),
            },
        )
        known = np.flatnonzero(rng.uniform(size=people) < 0.6)
        _insert(
            RecordedOutcome,
            {
                "jobseeker_id": ids[known].tolist(),
                "employed_within_12m": (rng.uniform(size=people) > risk)[known].tolist(),
                "recorded_at": _times(now, np.zeros(len(known)), postgres=postgres),
            },
        )
    return {"people": people, "assessments": n, "suggestions": n, "decisions": n}
