"""A history of model outputs and counsellors' decisions for the oversight demo and tests.

Over ``months`` months each job seeker with a counsellor is shown vacancy suggestions,
which counsellors accept, adapt or reject, and gets support-needs assessments in
counsellor-first order (own band, then the model's, then the decision); part of them have
a recorded outcome. The model's probabilities are simulated (independent of any protected
attribute) rather than computed, so seeding takes seconds.

**The planted bias** (``override_bias=True``): counsellors move job seekers of non-EU
origin to *less* support than the model proposed in 30% of their decisions, against 6%
for everyone else. Nothing else depends on a protected attribute, so the human-decision
monitor should flag ``origin = non_eu`` on ``less_support_rate`` and nothing more; with
``override_bias=False`` no monitor should raise an alert. ``docs/oversight.md`` walks an
officer through finding it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import numpy as np
from django.db import transaction
from django.utils import timezone

from openpes.web.caseload.models import JobSeeker
from openpes.web.counselling.models import SuggestionDecision, SupportAssessment
from openpes.web.oversight.models import RecordedOutcome, SuggestionShown

BANDS = np.array(["low", "medium", "high"])
LESS_SUPPORT_BIASED, LESS_SUPPORT_OTHERS, MORE_SUPPORT = 0.30, 0.06, 0.06


@contextmanager
def _keep_given_times(*models: type) -> Iterator[None]:
    # The history is dated in the past; auto_now_add would overwrite those dates with now.
    fields = [f for m in models for f in m._meta.fields if getattr(f, "auto_now_add", False)]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


@transaction.atomic
def oversight_history_seed(
    *,
    months: int = 6,
    per_month: float = 0.5,
    override_bias: bool = True,
    seed: int = 2026,
    now: datetime | None = None,
) -> int:
    """Seed the history once (a second call changes nothing); returns assessments created."""
    if SuggestionShown.objects.exists():
        return 0
    now = now or timezone.now()
    rng = np.random.default_rng(seed)
    people = list(
        JobSeeker.objects.filter(counsellor__isnull=False, protected__isnull=False)
        .order_by("pk")
        .values_list("pk", "counsellor_id", "protected__origin")
    )
    if not people:
        return 0
    ids = np.array([p[0] for p in people])
    counsellors = np.array([p[1] for p in people])
    origin = np.array([p[2] for p in people])
    days = months * 30
    n = int(len(people) * months * per_month)
    who = rng.integers(0, len(people), n)
    started = rng.uniform(0, days * 86400, n)
    # Each person has a risk; the model's probability tracks it, and the outcome follows it.
    risk = rng.beta(0.8, 1.0, len(people))
    probability = np.clip(risk[who] + rng.normal(0, 0.03, n), 0.01, 0.99)
    model = np.digitize(probability, [0.3, 0.6])
    own = np.clip(model + rng.choice([-1, 0, 1], n, p=[0.15, 0.7, 0.15]), 0, 2)
    less_rate = np.where(
        override_bias & (origin[who] == "non_eu"), LESS_SUPPORT_BIASED, LESS_SUPPORT_OTHERS
    )
    draw = rng.uniform(size=n)
    final = np.where(
        draw < less_rate,
        np.maximum(model - 1, 0),
        np.where(draw > 1 - MORE_SUPPORT, np.minimum(model + 1, 2), model),
    )
    decide_after = rng.uniform(120, 1800, n)
    when = [now - timedelta(seconds=float(s)) for s in started]
    with _keep_given_times(SupportAssessment, SuggestionDecision):
        SupportAssessment.objects.bulk_create(
            SupportAssessment(
                jobseeker_id=int(ids[w]),
                counsellor_id=int(counsellors[w]),
                counsellor_band=str(BANDS[o]),
                model_band=str(BANDS[m]),
                model_probability=float(p),
                model_version="demo-history",
                final_band=str(BANDS[f]),
                reason="demo history",
                started_at=t,
                decided_at=t + timedelta(seconds=float(d)),
            )
            for w, o, m, p, f, t, d in zip(
                who, own, model, probability, final, when, decide_after, strict=True
            )
        )
        _suggestions_seed(rng, ids, counsellors, now=now, days=days, n=n)
    employed = rng.uniform(size=len(people)) > risk
    known = rng.uniform(size=len(people)) < 0.6
    RecordedOutcome.objects.bulk_create(
        RecordedOutcome(jobseeker_id=int(i), employed_within_12m=bool(e), recorded_at=now)
        for i, e, k in zip(ids, employed, known, strict=True)
        if k
    )
    return n


def _suggestions_seed(
    rng: np.random.Generator,
    ids: np.ndarray,
    counsellors: np.ndarray,
    *,
    now: datetime,
    days: int,
    n: int,
) -> None:
    who = rng.integers(0, len(ids), n)
    shown = rng.uniform(0, days * 86400, n)
    score = rng.uniform(0.2, 0.95, n)
    salary = rng.normal(32000, 6000, n)
    distance = rng.uniform(1, 40, n)
    verdict = rng.choice(["accepted", "adapted", "rejected"], n, p=[0.6, 0.2, 0.2])
    decided = rng.uniform(size=n) < 0.8
    after = rng.uniform(120, 3600, n)
    times = [now - timedelta(seconds=float(s)) for s in shown]
    SuggestionShown.objects.bulk_create(
        SuggestionShown(
            jobseeker_id=int(ids[w]),
            shown_to_id=int(counsellors[w]),
            page="counsellor",
            vacancy_id=f"V-H{i:07d}",
            rank=int(1 + i % 10),
            score=float(s),
            salary_eur=float(sal),
            distance_km=float(d),
            shown_at=t,
        )
        for i, (w, s, sal, d, t) in enumerate(zip(who, score, salary, distance, times, strict=True))
    )
    SuggestionDecision.objects.bulk_create(
        SuggestionDecision(
            jobseeker_id=int(ids[w]),
            counsellor_id=int(counsellors[w]),
            item_kind="vacancy",
            item_id=f"V-H{i:07d}",
            rank=int(1 + i % 10),
            score=float(score[i]),
            verdict=str(verdict[i]),
            reason="demo history",
            decided_at=times[i] + timedelta(seconds=float(after[i])),
        )
        for i, w in enumerate(who)
        if decided[i]
    )
