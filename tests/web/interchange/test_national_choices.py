"""An import's wished-for occupations chosen by national code go to the trail in one bulk
write: the same events the counsellor's form writes (``national_choice_record``), one per
choice, and a number of queries that does not grow with the number of people."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openpes.taxonomy import read_crosswalk, save_crosswalk
from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.classifications.services import national_choice_record
from openpes.web.interchange.services import records_apply
from openpes.web.interchange.validate import validate_records
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "fictional-scheme.csv"
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
FORKLIFT = "http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755"
CHOICES = f"ROC-24:R-8344-1|ROC-24:R-7212-1={WELDER}"


@pytest.fixture
def scheme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("OPENPES_VAR_DIR", str(tmp_path))
    save_crosswalk(read_crosswalk(EXAMPLE, scheme="ROC-24", taxonomy=taxonomy()))
    return "ROC-24"


def _people(prefix: str, count: int) -> pl.DataFrame:
    skills = taxonomy().skills_of(FORKLIFT, relation="essential")[:3]
    rows = [
        {
            "jobseeker_id": f"{prefix}-{i}",
            "isced": "3",
            "region": "Westhaven",
            "lat": "50.8",
            "lon": "4.3",
            "registered_on": "2026-10-01",
            "skills": "|".join(skills),
            "national_occupations": CHOICES,
        }
        for i in range(count)
    ]
    typed, problems = validate_records("jobseekers", pl.DataFrame(rows), file="people.csv")
    assert problems == []
    return typed


def _choices(prefix: str) -> list[tuple[str, str, str, dict]]:
    return [
        (e.actor, e.action, e.subject, e.details)
        for e in AuditEvent.objects.filter(subject__startswith=f"jobseeker:{prefix}-").order_by(
            "position"
        )
        if "national_code" in e.details
    ]


def test_the_events_are_those_the_form_writes_one_per_choice(scheme, db):
    records_apply("jobseekers", _people("JS-IMP", 3), actor="cli:test", source="")
    # What the counsellor's form (and the API before) writes for the same choices.
    for i in range(3):
        for entry in CHOICES.split("|"):
            national, _sep, uri = entry.partition("=")
            national_choice_record(
                actor="cli:test",
                reference=f"JS-REF-{i}",
                national=national,
                occupation_uri=uri or FORKLIFT,
            )
    imported, expected = _choices("JS-IMP"), _choices("JS-REF")
    assert len(imported) == 6
    assert [(a, act, s.replace("JS-IMP", "JS-REF"), d) for a, act, s, d in imported] == expected
    assert trail_verify().intact


def test_the_queries_do_not_grow_with_the_people(scheme, db):
    def queries(prefix: str, count: int) -> int:
        typed = _people(prefix, count)
        with CaptureQueriesContext(connection) as captured:
            records_apply("jobseekers", typed, actor="cli:test", source="")
        assert len(_choices(prefix)) == 2 * count
        return len(captured)

    queries("JS-WARM", 1)  # the first import reads what later ones find cached
    assert queries("JS-MANY", 40) <= queries("JS-FEW", 2)
