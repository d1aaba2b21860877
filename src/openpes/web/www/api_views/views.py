"""The REST API, ``/api/v1/``: thin views over the domain apps' services and selectors.

Writes are idempotent upserts keyed by the record's external reference; bulk endpoints take
up to 1,000 records and apply all or none. Every write and every read of a person's record
goes to the audit trail with the integration account as actor.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from openpes.errors import InputError
from openpes.i18n import translate
from openpes.web.caseload.enums import SkillSource
from openpes.web.caseload.models import JobSeeker
from openpes.web.catalogue import models as catalogue
from openpes.web.catalogue.services import UpsertResult, catalogue_withdraw
from openpes.web.classifications.selectors import national_codes_map
from openpes.web.counselling.models import (
    ReviewAnswer,
    ReviewRequest,
    SuggestionDecision,
    SupportAssessment,
)
from openpes.web.counselling.review_selectors import reviews_with_latest_answer
from openpes.web.integrations.enums import Scope
from openpes.web.interchange import schema
from openpes.web.interchange.schema import SCHEMAS, Kind
from openpes.web.interchange.services import records_apply
from openpes.web.interchange.validate import validate_records
from openpes.web.outcomes.models import Outcome
from openpes.web.trail.enums import Action
from openpes.web.trail.services import events_record
from openpes.web.www.api_views import serializers as s
from openpes.web.www.api_views.problems import ProblemSerializer, Unprocessable

# The interchange's rule (``schema.REFERENCE_PATTERN``), anchored as OpenAPI wants it.
SOURCE_PATTERN = f"^{schema.SOURCE_PATTERN}$"
REFERENCE_PATTERN = f"^{schema.REFERENCE_PATTERN}$"


def _problems(*codes: int) -> dict[Any, Any]:
    described = {
        400: _("The body is not valid JSON."),
        401: _("No token, or an unknown, expired or revoked one."),
        403: _("The token lacks the scope this request needs."),
        404: _("No such record, or an invalid page cursor."),
        406: _("The requested format is not available."),
        415: _("The body is not JSON."),
        422: _("The content is not valid: every problem names the field and the value."),
        429: _("This token made too many requests; retry after the time given."),
    }
    return {
        (code, "application/problem+json"): OpenApiResponse(ProblemSerializer, described[code])
        for code in codes
    }


READ_ERRORS = _problems(401, 403, 404, 406, 429)
WRITE_ERRORS = _problems(400, 401, 403, 406, 415, 422, 429)


def _path(name: str, pattern: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "string", "pattern": pattern},
        OpenApiParameter.PATH,
        description=description,
    )


SOURCE = _path("source", SOURCE_PATTERN, "The feed the record comes from.")
REFERENCE = _path("reference", REFERENCE_PATTERN, "The record's identifier in its source.")
WITHDRAWN = OpenApiParameter(
    "withdrawn",
    OpenApiTypes.BOOL,
    OpenApiParameter.QUERY,
    description=(
        "`false`: only the records still open; `true`: only the withdrawn ones (filled or "
        "cancelled). Left out: all of them."
    ),
)
_BOOLEANS = {"true": True, "false": False}


def _withdrawn_filter(records: QuerySet[Any], request: Request) -> QuerySet[Any]:
    """The catalogue list, narrowed by ``?withdrawn=`` (a feed asks for what is still open)."""
    given = request.query_params.get("withdrawn")
    if given is None:
        return records
    if given not in _BOOLEANS:
        raise exceptions.ParseError(
            _("The query parameter “withdrawn” takes true or false, not “%(value)s”.")
            % {"value": given[:50]}
        )
    return records.filter(withdrawn_at__isnull=not _BOOLEANS[given])


def _checked(value: str, pattern: str) -> str:
    import re

    if not re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value):
        raise Http404
    return value


# --- validation shared with `openpes import` -------------------------------------------------

_API_NAMES = {
    "jobseeker_id": "reference",
    "vacancy_id": "reference",
    "training_id": "reference",
    "past_occupations": "work_history.occupation_uri",
    "experience_years": "work_history.years",
    "preferred_occupations": "preferences.preferred_occupations",
    "max_distance_km": "preferences.max_distance_km",
    "preferred_hours": "preferences.preferred_hours",
    "preferred_contract": "preferences.preferred_contract",
}


def _flat_jobseeker(data: dict[str, Any]) -> dict[str, Any]:
    record = {
        k: v for k, v in data.items() if k not in ("reference", "work_history", "preferences")
    }
    record["jobseeker_id"] = data["reference"]
    record["past_occupations"] = [w["occupation_uri"] for w in data.get("work_history", [])]
    record["experience_years"] = [float(w["years"]) for w in data.get("work_history", [])]
    record.update(s.Preferences().to_internal_value(data.get("preferences") or {}))
    record["national_occupations"] = [
        f"{n['scheme']}:{n['code']}" + (f"={n['occupation_uri']}" if n["occupation_uri"] else "")
        for n in record.get("national_occupations", [])
    ]
    record["skills"] = list(dict.fromkeys(data["skills"]))
    return record


def _flat(kind: Kind, data: dict[str, Any]) -> dict[str, Any]:
    if kind == "jobseekers":
        return _flat_jobseeker(data)
    record = {k: v for k, v in data.items() if k not in ("source", "reference", "jobseeker")}
    if kind == "vacancies":
        record["vacancy_id"] = data["reference"]
        record["isco_group"] = data.get("isco_group") or None
    elif kind == "trainings":
        record["training_id"] = data["reference"]
    elif kind == "outcomes":
        record["jobseeker_id"] = data["jobseeker"]
    return record


def _validated(kind: Kind, records: list[dict[str, Any]], *, bulk: bool) -> pl.DataFrame:
    """The records as a typed frame, or a 422 naming every bad field and value."""
    schema = {f.name: f.dtype for f in SCHEMAS[kind]}
    rows = [{name: record.get(name) for name in schema} for record in records]
    frame = pl.DataFrame(rows, schema=schema)
    typed, problems = validate_records(kind, frame, file="request", limit=1000)
    if problems:
        errors = []
        for problem in problems:
            name = _API_NAMES.get(problem.column, problem.column)
            if name.startswith("national_occupations["):
                name = f"preferences.{name}"
            if problem.column == "jobseeker_id" and kind == "outcomes":
                name = "jobseeker"
            field = f"records[{(problem.row or 1) - 1}].{name}" if bulk else name
            errors.append(
                {"field": field, "value": problem.value, "message": str(problem.expected)}
            )
        raise Unprocessable(errors)
    return typed


def _apply(
    kind: Kind,
    typed: pl.DataFrame,
    *,
    request: Request,
    source: str,
    indices: list[int] | None = None,
) -> UpsertResult:
    """Apply validated records; a refusal (an unknown counsellor, a person not registered)
    is a 422 naming the field, as ``records[i].field`` in a bulk (``indices``: each row's
    place in the request), and the value, in the words of the request's language."""
    try:
        return records_apply(kind, typed, actor=request.user.actor, source=source, channel="api")
    except InputError as exc:
        column = exc.column or ""
        value = ""
        if exc.row is not None and column in typed.columns:
            value = typed[exc.row - 1, column]
        name = "jobseeker" if column == "jobseeker_id" and kind == "outcomes" else column
        name = _API_NAMES.get(name, name)
        if indices is not None and exc.row is not None:
            name = f"records[{indices[exc.row - 1]}].{name}"
        raise Unprocessable(
            [
                {
                    "field": name,
                    "value": "" if value is None else str(value),
                    "message": translate(exc.reason, get_language() or "en"),
                }
            ]
        ) from exc


def _bulk_apply(kind: Kind, request: Request, serializer: type[Any]) -> Response:
    body = serializer(data=request.data)
    body.is_valid(raise_exception=True)
    records = body.validated_data["records"]
    typed = _validated(kind, [_flat(kind, r) for r in records], bulk=True)
    sources = [r.get("source", "") for r in records]
    total = UpsertResult()
    with transaction.atomic():
        by_source: dict[str, list[int]] = defaultdict(list)
        for index, source in enumerate(sources):
            by_source[source].append(index)
        for source, indices in by_source.items():
            total += _apply(kind, typed[indices], request=request, source=source, indices=indices)
    return Response(s.BulkResult(total).data)


# --- reads of person records ----------------------------------------------------------------


def _reads_record(request: Request, references: list[str], kind: str) -> None:
    """One read event per person on the page, so it reaches that person's own access log."""
    events_record(
        actor=request.user.actor,
        action=Action.RECORD_VIEWED,
        events=[
            (f"jobseeker:{ref}", {"page": "api", "kind": kind}) for ref in dict.fromkeys(references)
        ],
    )


def _reads_unless_changed(
    request: Request, result: UpsertResult, reference: str, kind: str
) -> None:
    """A write's answer shows the person's stored record. A write that changed it is in the
    trail as that change; one that changed nothing wrote no event, so the answer is a read."""
    if not result.changed:
        _reads_record(request, [reference], kind)


class _PersonList(generics.ListAPIView):
    """A list of per-person rows (outcomes, decisions, ...): each page read goes to the trail."""

    kind = ""

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        assert page is not None
        _reads_record(request, [row.jobseeker.reference for row in page], self.kind)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# --- job seekers -----------------------------------------------------------------------------


def jobseeker_data(person: JobSeeker, codes: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The API's view of a job seeker; ``codes`` are the national codes of the wished-for
    occupations (``national_codes_map``), read here when not given."""
    wished = list(person.preferred_occupations)
    if codes is None:
        codes = national_codes_map(wished)
    return {
        "reference": person.reference,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "counsellor": person.counsellor.get_username() if person.counsellor else None,
        "isced": person.isced,
        "region": person.region,
        "lat": person.lat,
        "lon": person.lon,
        "registered_on": person.registered_on,
        "region_unemployment_rate": person.region_unemployment_rate,
        "previous_spells": person.previous_spells,
        "previous_unemployment_days": person.previous_unemployment_days,
        "languages": list(person.languages),
        "driving_licence": person.driving_licence,
        "care_duties": person.care_duties,
        "health_limitation": person.health_limitation,
        "skills": sorted(
            k.skill_uri for k in person.skills.all() if k.source == SkillSource.REGISTRATION
        ),
        "work_history": [
            {"occupation_uri": w.occupation_uri, "years": w.years}
            for w in sorted(person.experience.all(), key=lambda w: w.pk)
        ],
        "preferences": {
            "preferred_occupations": wished,
            "national_codes": {uri: codes.get(uri, []) for uri in wished},
            "max_distance_km": person.max_distance_km,
            "preferred_hours": person.preferred_hours,
            "preferred_contract": person.preferred_contract,
        },
    }


def _people() -> QuerySet[JobSeeker]:
    return JobSeeker.objects.select_related("counsellor").prefetch_related("skills", "experience")


class JobSeekerList(generics.ListAPIView):
    scopes = {"GET": Scope.JOBSEEKERS_READ}
    serializer_class = s.JobSeeker

    def get_queryset(self) -> QuerySet[JobSeeker]:
        return _people()

    @extend_schema(responses={200: s.JobSeeker(many=True), **READ_ERRORS})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        _reads_record(request, [p.reference for p in page], "jobseekers")
        codes = national_codes_map({u for p in page for u in p.preferred_occupations})
        return self.get_paginated_response([jobseeker_data(p, codes) for p in page])


class JobSeekerDetail(generics.GenericAPIView):
    scopes = {"GET": Scope.JOBSEEKERS_READ, "PUT": Scope.JOBSEEKERS_WRITE}
    serializer_class = s.JobSeeker

    @extend_schema(
        parameters=[REFERENCE], responses={200: s.JobSeeker, **READ_ERRORS, **_problems(404)}
    )
    def get(self, request: Request, reference: str) -> Response:
        person = _people().filter(reference=_checked(reference, REFERENCE_PATTERN)).first()
        if person is None:
            raise Http404
        _reads_record(request, [person.reference], "jobseekers")
        return Response(jobseeker_data(person))

    @extend_schema(
        parameters=[REFERENCE],
        request=s.JobSeekerFields,
        responses={200: s.JobSeeker, 201: s.JobSeeker, **WRITE_ERRORS, **_problems(404)},
    )
    def put(self, request: Request, reference: str) -> Response:
        body = s.JobSeekerFields(data=request.data)
        body.is_valid(raise_exception=True)
        data = {**body.validated_data, "reference": _checked(reference, REFERENCE_PATTERN)}
        typed = _validated("jobseekers", [_flat("jobseekers", data)], bulk=False)
        result = _apply("jobseekers", typed, request=request, source="")
        person = _people().get(reference=reference)
        # The answer shows the whole record, also what the caller did not send (skills of
        # other sources, national codes): a read, even when the write changed nothing.
        _reads_unless_changed(request, result, person.reference, "jobseekers")
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(jobseeker_data(person), status=code)


class JobSeekerBulk(generics.GenericAPIView):
    scopes = {"POST": Scope.JOBSEEKERS_WRITE}
    serializer_class = s.JobSeekerBulk

    @extend_schema(request=s.JobSeekerBulk, responses={200: s.BulkResult, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        return _bulk_apply("jobseekers", request, s.JobSeekerBulk)


class ProtectedWrite(generics.GenericAPIView):
    """Protected attributes: written here, never readable through the API."""

    scopes = {"PUT": Scope.PROTECTED_WRITE}
    serializer_class = s.Protected

    @extend_schema(
        parameters=[REFERENCE],
        request=s.Protected,
        responses={204: OpenApiResponse(description="Stored."), **WRITE_ERRORS, **_problems(404)},
    )
    def put(self, request: Request, reference: str) -> Response:
        body = s.Protected(data=request.data)
        body.is_valid(raise_exception=True)
        if not JobSeeker.objects.filter(reference=_checked(reference, REFERENCE_PATTERN)).exists():
            raise Http404
        typed = _validated(
            "protected", [{**body.validated_data, "jobseeker_id": reference}], bulk=False
        )
        _apply("protected", typed, request=request, source="")
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- vacancies and trainings -----------------------------------------------------------------


def _catalogue_views(
    kind: Kind,
    model: type[catalogue.Vacancy] | type[catalogue.Training],
    output: type[Any],
    fields: type[Any],
    bulk: type[Any],
    read: Scope,
    write: Scope,
) -> tuple[type[Any], type[Any], type[Any]]:
    class ListView(generics.ListAPIView):
        scopes = {"GET": read}
        serializer_class = output

        def get_queryset(self) -> QuerySet[Any]:
            return _withdrawn_filter(model.objects.all(), self.request)

        @extend_schema(
            parameters=[WITHDRAWN],
            responses={200: output(many=True), **READ_ERRORS, **_problems(400)},
        )
        def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
            return super().get(request, *args, **kwargs)

    class DetailView(generics.GenericAPIView):
        scopes = {"GET": read, "PUT": write, "DELETE": write}
        serializer_class = output

        def _record(self, source: str, reference: str) -> Any:
            return model.objects.filter(
                source=_checked(source, SOURCE_PATTERN),
                reference=_checked(reference, REFERENCE_PATTERN),
            ).first()

        @extend_schema(
            parameters=[SOURCE, REFERENCE],
            responses={200: output, **READ_ERRORS, **_problems(404)},
        )
        def get(self, request: Request, source: str, reference: str) -> Response:
            record = self._record(source, reference)
            if record is None:
                raise Http404
            return Response(output(record).data)

        @extend_schema(
            parameters=[SOURCE, REFERENCE],
            request=fields,
            responses={200: output, 201: output, **WRITE_ERRORS, **_problems(404)},
        )
        def put(self, request: Request, source: str, reference: str) -> Response:
            body = fields(data=request.data)
            body.is_valid(raise_exception=True)
            data = {
                **body.validated_data,
                "source": _checked(source, SOURCE_PATTERN),
                "reference": _checked(reference, REFERENCE_PATTERN),
            }
            typed = _validated(kind, [_flat(kind, data)], bulk=False)
            result = _apply(kind, typed, request=request, source=source)
            code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
            return Response(output(self._record(source, reference)).data, status=code)

        @extend_schema(
            parameters=[SOURCE, REFERENCE],
            responses={204: None, **_problems(401, 403, 404, 406, 429)},
            description=(
                "Withdraw the record (filled or cancelled): it is no longer suggested, and "
                "stays readable with its `withdrawn_at`. Repeating it changes nothing; a later "
                "PUT of the same reference re-opens it."
            ),
        )
        def delete(self, request: Request, source: str, reference: str) -> Response:
            if self._record(source, reference) is None:
                raise Http404
            catalogue_withdraw(
                actor=request.user.actor, kind=kind, source=source, references=[reference]
            )
            return Response(status=status.HTTP_204_NO_CONTENT)

    class BulkView(generics.GenericAPIView):
        scopes = {"POST": write}
        serializer_class = bulk

        @extend_schema(request=bulk, responses={200: s.BulkResult, **WRITE_ERRORS})
        def post(self, request: Request) -> Response:
            return _bulk_apply(kind, request, bulk)

    for view, suffix in ((ListView, "List"), (DetailView, "Detail"), (BulkView, "Bulk")):
        view.__name__ = view.__qualname__ = f"{model.__name__}{suffix}"
    return ListView, DetailView, BulkView


VacancyList, VacancyDetail, VacancyBulk = _catalogue_views(
    "vacancies",
    catalogue.Vacancy,
    s.Vacancy,
    s.VacancyFields,
    s.VacancyBulk,
    Scope.VACANCIES_READ,
    Scope.VACANCIES_WRITE,
)
TrainingList, TrainingDetail, TrainingBulk = _catalogue_views(
    "trainings",
    catalogue.Training,
    s.Training,
    s.TrainingFields,
    s.TrainingBulk,
    Scope.TRAININGS_READ,
    Scope.TRAININGS_WRITE,
)


# --- outcomes --------------------------------------------------------------------------------


class OutcomeList(_PersonList):
    kind = "outcomes"
    scopes = {"GET": Scope.OUTCOMES_READ}
    serializer_class = s.Outcome
    queryset = Outcome.objects.select_related("jobseeker")

    @extend_schema(responses={200: s.Outcome(many=True), **READ_ERRORS})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class OutcomeDetail(generics.GenericAPIView):
    scopes = {"PUT": Scope.OUTCOMES_WRITE}
    serializer_class = s.Outcome

    @extend_schema(
        parameters=[
            SOURCE,
            _path("jobseeker", REFERENCE_PATTERN, "The job seeker's reference."),
            OpenApiParameter("observed_on", OpenApiTypes.DATE, OpenApiParameter.PATH),
        ],
        request=s.OutcomeFields,
        responses={200: s.Outcome, 201: s.Outcome, **WRITE_ERRORS, **_problems(404)},
    )
    def put(self, request: Request, source: str, jobseeker: str, observed_on: str) -> Response:
        try:
            day = dt.date.fromisoformat(observed_on)
        except ValueError:
            raise Http404 from None
        body = s.OutcomeFields(data=request.data)
        body.is_valid(raise_exception=True)
        _checked(source, SOURCE_PATTERN)
        if not JobSeeker.objects.filter(reference=_checked(jobseeker, REFERENCE_PATTERN)).exists():
            raise Http404
        data = {**body.validated_data, "jobseeker": jobseeker, "observed_on": day}
        typed = _validated("outcomes", [_flat("outcomes", data)], bulk=False)
        result = _apply("outcomes", typed, request=request, source=source)
        record = Outcome.objects.select_related("jobseeker").get(
            jobseeker__reference=jobseeker, observed_on=day, source=source
        )
        # The answer is the stored outcome; sending what is stored confirms it: a read.
        _reads_unless_changed(request, result, jobseeker, "outcomes")
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(s.Outcome(record).data, status=code)


class OutcomeBulk(generics.GenericAPIView):
    scopes = {"POST": Scope.OUTCOMES_WRITE}
    serializer_class = s.OutcomeBulk

    @extend_schema(request=s.OutcomeBulk, responses={200: s.BulkResult, **WRITE_ERRORS})
    def post(self, request: Request) -> Response:
        return _bulk_apply("outcomes", request, s.OutcomeBulk)


# --- read-only: decisions, assessments, review requests, AI systems --------------------------


class DecisionList(_PersonList):
    kind = "decisions"
    scopes = {"GET": Scope.DECISIONS_READ}
    serializer_class = s.Decision
    queryset = SuggestionDecision.objects.select_related("jobseeker", "counsellor")

    @extend_schema(responses={200: s.Decision(many=True), **READ_ERRORS})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class AssessmentList(_PersonList):
    kind = "assessments"
    scopes = {"GET": Scope.DECISIONS_READ}
    serializer_class = s.Assessment
    queryset = SupportAssessment.objects.select_related("jobseeker", "counsellor")

    @extend_schema(responses={200: s.Assessment(many=True), **READ_ERRORS})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _reviews() -> QuerySet[ReviewRequest]:
    """Every review request with what its newest answer decided, as the review page shows
    it: the outcome, who answered (the team lead's answer after an escalation) and what
    would have changed the result; ``None`` and "" while unanswered."""
    newest = ReviewAnswer.objects.filter(review=OuterRef("pk")).order_by("-answered_at", "-pk")
    return (
        reviews_with_latest_answer()
        .select_related("shown")
        .annotate(
            latest_outcome=Subquery(newest.values("outcome")[:1]),
            latest_level=Subquery(newest.values("level")[:1]),
            latest_would_change=Coalesce(
                Subquery(newest.values("would_change")[:1]), Value(""), output_field=TextField()
            ),
            escalated=ExpressionWrapper(Q(escalated_at__isnull=False), output_field=BooleanField()),
        )
    )


class ReviewRequestList(_PersonList):
    kind = "review-requests"
    scopes = {"GET": Scope.DECISIONS_READ}
    serializer_class = s.ReviewRequest

    def get_queryset(self) -> QuerySet[ReviewRequest]:
        return _reviews()

    @extend_schema(responses={200: s.ReviewRequest(many=True), **READ_ERRORS})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _pauses(key: str) -> dict[str, Any]:
    """Where the stop switch holds a system: the whole service, or these teams (failing
    safe, as the pages do: a state that cannot be read counts as paused)."""
    from openpes.web.oversight.models import SystemPause
    from openpes.web.oversight.selectors import pause_state

    teams = (
        SystemPause.objects.filter(system__key=key, resumed_at__isnull=True, team__isnull=False)
        .order_by("team__name")
        .values_list("team__name", flat=True)
    )
    return {
        "paused": pause_state(key, team=None).paused,
        "paused_teams": list(dict.fromkeys(teams)),
    }


class SystemList(generics.GenericAPIView):
    scopes = {"GET": Scope.SYSTEMS_READ}
    serializer_class = s.SystemStatus
    pagination_class = None

    # Not paginated: no page cursor, so no 404.
    @extend_schema(responses={200: s.SystemStatus(many=True), **_problems(401, 403, 406, 429)})
    def get(self, request: Request) -> Response:
        from openpes.web.catalogue.selectors import catalogue_version
        from openpes.web.counselling.support import model_dir

        version = catalogue_version()
        folder = model_dir()
        model_version = ""
        if folder.exists():
            from openpes.profiling import artifact_sha256

            model_version = artifact_sha256(folder)[:12]
        systems = [
            {
                "name": "matching",
                **_pauses("matching"),
                "purpose": _("Suggests vacancies and trainings to counsellors, with reasons."),
                "available": bool(version),
                "version": version[:12],
                "details": {
                    "vacancies": catalogue.Vacancy.objects.filter(
                        withdrawn_at__isnull=True
                    ).count(),
                    "trainings": catalogue.Training.objects.filter(
                        withdrawn_at__isnull=True
                    ).count(),
                },
            },
            {
                "name": "support-needs",
                **_pauses("support_needs"),
                "purpose": _(
                    "Estimates the chance of not being back in work within 12 months; "
                    "the counsellor decides."
                ),
                "available": bool(model_version),
                "version": model_version,
                "details": {
                    "assessments": SupportAssessment.objects.count(),
                    "decided": SupportAssessment.objects.exclude(final_band="").count(),
                },
            },
        ]
        return Response(s.SystemStatus(systems, many=True).data)
