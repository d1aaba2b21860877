"""Migration 0004: a stored rate of 0.0 was only ever "not given", so it becomes unknown."""

from __future__ import annotations

import importlib

from django.apps import apps

from openpes.web.caseload.models import JobSeeker
from tests.web.factories import JobSeekerFactory

_MIGRATION = "openpes.web.caseload.migrations.0004_jobseeker_region_unemployment_rate_unknown"


def test_zero_becomes_unknown_and_back(db):
    migration = importlib.import_module(_MIGRATION)
    JobSeekerFactory(reference="JS-ZERO", region_unemployment_rate=0.0)
    JobSeekerFactory(reference="JS-GIVEN", region_unemployment_rate=0.071)
    migration.zero_is_unknown(apps, None)
    rates = dict(JobSeeker.objects.values_list("reference", "region_unemployment_rate"))
    assert rates == {"JS-ZERO": None, "JS-GIVEN": 0.071}
    migration.unknown_is_zero(apps, None)
    rates = dict(JobSeeker.objects.values_list("reference", "region_unemployment_rate"))
    assert rates == {"JS-ZERO": 0.0, "JS-GIVEN": 0.071}
