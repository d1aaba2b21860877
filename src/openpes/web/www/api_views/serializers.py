"""The API's record shapes. Types are checked here; ESCO URIs, choices and ranges by the
same rules as ``openpes import`` (``interchange/validate.py``), in ``views._validated``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from openpes.web.counselling.enums import ReviewLevel, ReviewOutcome
from openpes.web.interchange.schema import (
    CONTRACTS,
    HOURS,
    OUTCOME_STATUSES,
    PREFERRED_CONTRACTS,
    PREFERRED_HOURS,
    REFERENCE_PATTERN,
    SOURCE_PATTERN,
)
from openpes.web.interchange.validate import REFERENCE_EXPECTED, SOURCE_EXPECTED

MAX_BULK = 1000
_URI = serializers.CharField(max_length=200)
# The interchange's rule and words, so that the API and `openpes import` agree.
_SOURCE = serializers.RegexField(
    f"^{SOURCE_PATTERN}$", max_length=64, error_messages={"invalid": SOURCE_EXPECTED}
)
_REFERENCE = serializers.RegexField(
    f"^{REFERENCE_PATTERN}$", max_length=128, error_messages={"invalid": REFERENCE_EXPECTED}
)


# A record shape that refuses fields it does not declare: DRF drops them silently, so an
# integrator's typo (``occupaton_uri``) would be lost without a word. Fields declared
# read-only (what a read shows, such as ``national_codes``) are known, and ignored. (A
# comment, not a docstring: the schema would show it as every record's description.)
class Strict(serializers.Serializer):
    def to_internal_value(self, data: Any) -> Any:
        unknown = {
            name: [_("This field is not part of the record: check its name.")]
            for name in (data if isinstance(data, Mapping) else ())
            if name not in self.fields
        }
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not unknown or not isinstance(exc.detail, dict):
                raise
            raise serializers.ValidationError({**unknown, **exc.detail}) from None
        if unknown:
            raise serializers.ValidationError(unknown)
        return value


def _uris(**kwargs: object) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=200), max_length=500, **kwargs
    )


def _languages(**kwargs: object) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.RegexField(r"^[a-z]{2}$"), max_length=30, **kwargs
    )


class VacancyFields(Strict):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    # Written, never read back: the skills found in it are what is stored (docs/integration.md).
    description = serializers.CharField(
        max_length=20_000, required=False, allow_blank=True, default="", write_only=True
    )
    occupation_uri = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    isco_group = serializers.CharField(max_length=8, required=False, allow_blank=True, default="")
    essential_skills = _uris(required=False, default=list)
    optional_skills = _uris(required=False, default=list)
    employer = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    region = serializers.CharField(max_length=100)
    lat = serializers.FloatField(min_value=-90, max_value=90)
    lon = serializers.FloatField(min_value=-180, max_value=180)
    hours = serializers.ChoiceField(choices=HOURS)
    contract = serializers.ChoiceField(choices=CONTRACTS)
    salary_eur = serializers.FloatField(
        min_value=0, max_value=1e7, required=False, allow_null=True, default=None
    )
    required_languages = _languages(required=False, default=list)
    requires_driving_licence = serializers.BooleanField(required=False, default=False)
    posted_on = serializers.DateField()
    closes_on = serializers.DateField()


class Vacancy(VacancyFields):
    source = serializers.CharField(read_only=True)
    reference = serializers.CharField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    withdrawn_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the vacancy was withdrawn (DELETE); null while it is open.",
    )


class VacancyRecord(VacancyFields):
    source = _SOURCE
    reference = _REFERENCE


class TrainingFields(Strict):
    title = serializers.CharField(max_length=200)
    provider = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    occupation_uri = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    skills_taught = _uris()
    duration_weeks = serializers.IntegerField(min_value=0, max_value=520)
    mode = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    region = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    lat = serializers.FloatField(
        min_value=-90, max_value=90, required=False, allow_null=True, default=None
    )
    lon = serializers.FloatField(
        min_value=-180, max_value=180, required=False, allow_null=True, default=None
    )
    start_dates = serializers.ListField(child=serializers.DateField(), max_length=100)
    capacity = serializers.IntegerField(
        min_value=0, max_value=100_000, required=False, allow_null=True, default=None
    )


class Training(TrainingFields):
    source = serializers.CharField(read_only=True)
    reference = serializers.CharField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    withdrawn_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the training was withdrawn (DELETE); null while it is open.",
    )


class TrainingRecord(TrainingFields):
    source = _SOURCE
    reference = _REFERENCE


class WorkHistory(Strict):
    occupation_uri = serializers.CharField(max_length=200)
    years = serializers.FloatField(min_value=0, max_value=70)


class NationalOccupation(Strict):
    scheme = serializers.RegexField(
        r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$",
        max_length=40,
        help_text="A national classification imported with `openpes taxonomy crosswalk import`.",
    )
    code = serializers.RegexField(
        r"^[^=|]{1,64}$", max_length=64, help_text="A code of that classification."
    )
    occupation_uri = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=(
            "The closest of the ESCO occupations of the code's ISCO-08 groups; "
            "may be left out when the code leads to only one."
        ),
    )


class Preferences(Strict):
    preferred_occupations = _uris(required=False, default=list)
    national_occupations = NationalOccupation(
        many=True,
        required=False,
        default=list,
        max_length=100,
        write_only=True,
        help_text=(
            "Wished-for occupations given by a national code; each is added to "
            "preferred_occupations as its ESCO occupation, and the code kept in the trail."
        ),
    )
    national_codes = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text=(
            "For each of preferred_occupations, the codes (`scheme:code`) of every imported "
            "national classification that cover it through its ISCO-08 group."
        ),
    )
    max_distance_km = serializers.FloatField(
        min_value=0, max_value=2000, required=False, default=30.0
    )
    preferred_hours = serializers.ChoiceField(
        choices=PREFERRED_HOURS, required=False, default="any"
    )
    preferred_contract = serializers.ChoiceField(
        choices=PREFERRED_CONTRACTS, required=False, default="any"
    )


class JobSeekerFields(Strict):
    first_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    counsellor = serializers.CharField(
        max_length=150,
        required=False,
        allow_null=True,
        default=None,
        help_text="User name of the counsellor whose caseload the person joins.",
    )
    isced = serializers.IntegerField(min_value=0, max_value=8)
    region = serializers.CharField(max_length=100)
    lat = serializers.FloatField(min_value=-90, max_value=90)
    lon = serializers.FloatField(min_value=-180, max_value=180)
    registered_on = serializers.DateField()
    region_unemployment_rate = serializers.FloatField(
        min_value=0,
        max_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            "Unemployment rate of the person's region, as a share (0.071 for 7.1 %). Left out "
            "or null, it is unknown: the support-needs model does without it and says so."
        ),
    )
    previous_spells = serializers.IntegerField(
        min_value=0, max_value=1000, required=False, default=0
    )
    previous_unemployment_days = serializers.IntegerField(
        min_value=0, max_value=100_000, required=False, default=0
    )
    languages = _languages(required=False, default=list)
    driving_licence = serializers.BooleanField(required=False, default=False)
    care_duties = serializers.BooleanField(required=False, default=False)
    health_limitation = serializers.BooleanField(required=False, default=False)
    skills = _uris(help_text="ESCO skill URIs.")
    work_history = WorkHistory(many=True, required=False, default=list)
    preferences = Preferences(required=False, default=dict)


class JobSeeker(JobSeekerFields):
    reference = serializers.CharField(read_only=True)


class JobSeekerRecord(JobSeekerFields):
    reference = _REFERENCE


class Protected(Strict):
    sex = serializers.ChoiceField(choices=("female", "male"))
    age = serializers.IntegerField(min_value=14, max_value=100)
    origin = serializers.ChoiceField(choices=("national", "eu", "non_eu"))
    disability = serializers.BooleanField()


class OutcomeFields(Strict):
    status = serializers.ChoiceField(choices=OUTCOME_STATUSES)
    employer = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    occupation_uri = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    vacancy_reference = serializers.CharField(
        max_length=128, required=False, allow_blank=True, default=""
    )


class Outcome(OutcomeFields):
    jobseeker = serializers.CharField(read_only=True, source="jobseeker.reference")
    observed_on = serializers.DateField(read_only=True)
    source = serializers.CharField(read_only=True)


class OutcomeRecord(OutcomeFields):
    jobseeker = _REFERENCE
    observed_on = serializers.DateField()
    source = _SOURCE


def bulk(record: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    return type(
        name,
        (Strict,),
        {"records": record(many=True, min_length=1, max_length=MAX_BULK)},
    )


VacancyBulk = bulk(VacancyRecord, "VacancyBulk")
TrainingBulk = bulk(TrainingRecord, "TrainingBulk")
JobSeekerBulk = bulk(JobSeekerRecord, "JobSeekerBulk")
OutcomeBulk = bulk(OutcomeRecord, "OutcomeBulk")


class BulkResult(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class Decision(serializers.Serializer):
    id = serializers.IntegerField()
    jobseeker = serializers.CharField(source="jobseeker.reference")
    counsellor = serializers.CharField(source="counsellor.username")
    item_kind = serializers.CharField()
    item_id = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    verdict = serializers.CharField()
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()


class Assessment(serializers.Serializer):
    id = serializers.IntegerField()
    jobseeker = serializers.CharField(source="jobseeker.reference")
    counsellor = serializers.CharField(source="counsellor.username")
    counsellor_band = serializers.CharField()
    model_band = serializers.CharField()
    model_probability = serializers.FloatField(allow_null=True)
    model_version = serializers.CharField()
    final_band = serializers.CharField()
    reason = serializers.CharField()
    started_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class ReviewedSuggestion(serializers.Serializer):
    item_kind = serializers.CharField(help_text="vacancy or training")
    item_id = serializers.CharField(help_text="The vacancy's or training's reference.")


class ReviewRequest(serializers.Serializer):
    id = serializers.IntegerField()
    jobseeker = serializers.CharField(source="jobseeker.reference")
    topic = serializers.CharField()
    # What the request is about, as the person chose it on their page (read-only).
    item = serializers.CharField(
        source="item_label", read_only=True, help_text="The item as the person saw it."
    )
    suggestion = ReviewedSuggestion(
        source="shown",
        read_only=True,
        allow_null=True,
        help_text="The suggestion contested (topic suggestion); null otherwise.",
    )
    assessment = serializers.IntegerField(
        source="assessment_id",
        read_only=True,
        allow_null=True,
        help_text="The id of the support-needs assessment contested (topic assessment), as "
        "/assessments/ gives it; null otherwise.",
    )
    data_field = serializers.CharField(
        read_only=True, help_text="The data field contested (topic data); empty otherwise."
    )
    due_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="The date by which an answer is due."
    )
    message = serializers.CharField()
    status = serializers.CharField()
    # The newest ReviewAnswer (``reviews_with_latest_answer``), not the legacy empty column.
    answer = serializers.CharField(source="latest_answer")
    # What the review page shows beside the answer (``views._reviews``); read-only, the
    # answer is given in the app, never through the API.
    outcome = serializers.ChoiceField(
        choices=ReviewOutcome.choices,
        source="latest_outcome",
        read_only=True,
        allow_null=True,
        help_text=(
            "What the newest answer decided: keep (kept as it was), change (changed) or "
            "correct (data corrected); null while unanswered."
        ),
    )
    answered_as = serializers.ChoiceField(
        choices=ReviewLevel.choices,
        source="latest_level",
        read_only=True,
        allow_null=True,
        help_text="Who gave the newest answer: counsellor, or team_lead after an escalation.",
    )
    would_change = serializers.CharField(
        source="latest_would_change",
        read_only=True,
        help_text="What the newest answer says would have changed the result; empty while open.",
    )
    escalated = serializers.BooleanField(
        read_only=True,
        help_text="True once the job seeker passed the answer on to the team lead.",
    )
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)


class SystemStatus(serializers.Serializer):
    name = serializers.CharField()
    purpose = serializers.CharField()
    available = serializers.BooleanField()
    paused = serializers.BooleanField(
        help_text="Paused for the whole service by the stop switch: no output is shown."
    )
    paused_teams = serializers.ListField(
        child=serializers.CharField(), help_text="The teams for which it is paused on its own."
    )
    version = serializers.CharField(allow_blank=True)
    details = serializers.DictField()
