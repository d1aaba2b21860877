"""Readiness assessments: start, invite, answer step by step, results, roadmap, benchmark.

Views parse the request, check permissions, call services, selectors and presenters, and
render. Page data comes from ``openpes.web.readiness.presenters``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpes.web.accounts.decorators import role_required
from openpes.web.readiness.models import Assessment
from openpes.web.readiness.perms import READINESS_ROLES, can_answer, can_manage_assessment
from openpes.web.readiness.presenters import (
    EXPORTS,
    assessment_row,
    benchmark_view,
    comparison_view,
    export_body,
    respondent_row,
    result_view,
    roadmap_view,
    step_view,
)
from openpes.web.readiness.selectors import (
    assessment_get,
    assessment_list,
    assessment_result,
    framework,
    own_organisation,
    previous_assessment,
    respondent_get,
    respondent_list,
    shared_results,
    step_answers,
)
from openpes.web.readiness.services import (
    assessment_share,
    assessment_start,
    respondent_answers_save,
    respondent_invite,
)
from openpes.web.register.literacy import LITERACY_QUESTION, completion_evidence
from openpes.web.www.readiness_views.forms import (
    InviteForm,
    StartForm,
    StepForm,
    add_service_errors,
    field_name,
)

GROUP_BY = ("region", "size_band")


def _language() -> str:
    return get_language() or "en"


def _assessment_or_404(pk: int) -> Assessment:
    assessment = assessment_get(pk=pk)
    if assessment is None or not assessment.organisation.is_own:
        raise Http404
    return assessment


def _start_form(data: Any = None) -> StartForm:
    return StartForm(
        data, framework=framework(), language=_language(), needs_name=own_organisation() is None
    )


@require_GET
@role_required(*READINESS_ROLES)
def readiness_home(request: HttpRequest) -> HttpResponse:
    return _home(request, _start_form())


def _home(request: HttpRequest, form: StartForm, status: int = 200) -> HttpResponse:
    lang = _language()
    rows = [
        assessment_row(a, assessment_result(a), respondents=a.respondent_count, language=lang)
        for a in assessment_list()
    ]
    return render(
        request,
        "readiness/home.html",
        {"rows": rows, "form": form, "organisation": own_organisation()},
        status=status,
    )


@require_POST
@role_required(*READINESS_ROLES)
def readiness_start(request: HttpRequest) -> HttpResponse:
    form = _start_form(request.POST)
    if not form.is_valid():
        return _home(request, form, status=400)
    data = form.cleaned_data
    try:
        assessment = assessment_start(
            actor=request.user,
            title=data["title"],
            organisation_name=data.get("organisation_name", ""),
            region=data["region"],
            size_band=data["size_band"],
            context=form.context(),
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _home(request, form, status=400)
    messages.success(request, _("Assessment started. Now invite the respondents."))
    return redirect("readiness_detail", pk=assessment.pk)


def _detail(
    request: HttpRequest, assessment: Assessment, invite_form: InviteForm | None, status: int = 200
) -> HttpResponse:
    lang = _language()
    fw = framework()
    manage = can_manage_assessment(request.user, assessment)
    result = assessment_result(assessment)
    if manage and invite_form is None:
        invite_form = InviteForm(framework=fw, language=lang)
    context: dict[str, Any] = {
        "assessment": assessment,
        "respondents": [
            respondent_row(r, fw, can_answer=can_answer(request.user, r), language=lang)
            for r in respondent_list(assessment)
        ],
        "can_manage": manage,
        "invite_form": invite_form if manage else None,
        "previous": previous_assessment(assessment),
        "view": result_view(result, language=lang) if result is not None else None,
    }
    return render(request, "readiness/detail.html", context, status=status)


@require_GET
@role_required(*READINESS_ROLES)
def readiness_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _assessment_or_404(pk), None)


@require_POST
@role_required(*READINESS_ROLES)
def readiness_invite(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    if not can_manage_assessment(request.user, assessment):
        raise PermissionDenied
    form = InviteForm(request.POST, framework=framework(), language=_language())
    if form.is_valid():
        try:
            respondent_invite(
                actor=request.user,
                assessment=assessment,
                group=form.cleaned_data["group"],
                label=form.cleaned_data["label"],
                user=form.cleaned_data["user"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Respondent added."))
            return redirect("readiness_detail", pk=assessment.pk)
    # The page again, with the messages at their fields and what was typed kept.
    return _detail(request, assessment, form, status=400)


@require_http_methods(["GET", "POST"])
@role_required(*READINESS_ROLES)
def readiness_answer(request: HttpRequest, pk: int, respondent_pk: int, step: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    respondent = respondent_get(assessment=assessment, pk=respondent_pk)
    if respondent is None:
        raise Http404
    if not can_answer(request.user, respondent):
        raise PermissionDenied
    fw = framework()
    steps = len(fw.dimensions)
    if not 1 <= step <= steps:
        raise Http404
    dimension = fw.dimensions[step - 1]
    lang = _language()
    if request.method == "POST":
        form = StepForm(request.POST, dimension=dimension, language=lang)
        if form.is_valid():
            action = request.POST.get("action", "next")
            submit = action == "submit"
            try:
                respondent_answers_save(
                    actor=request.user,
                    respondent=respondent,
                    answers=form.answers(),
                    step=step,
                    submit=submit,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if action == "back" and step > 1:
                    return redirect(
                        "readiness_answer", pk=pk, respondent_pk=respondent.pk, step=step - 1
                    )
                if action == "next" and step < steps:
                    return redirect(
                        "readiness_answer", pk=pk, respondent_pk=respondent.pk, step=step + 1
                    )
                messages.success(
                    request,
                    _("Answers submitted. Thank you.")
                    if submit
                    else _("Progress saved. You can continue later."),
                )
                return redirect("readiness_detail", pk=pk)
        status = 400
    else:
        saved = step_answers(respondent, dimension)
        form = StepForm(
            initial={field_name(q): v for q, v in saved.items()}, dimension=dimension, language=lang
        )
        status = 200
    questions = [{"id": qid, "field": form[name], "name": name} for qid, name in form.questions]
    for question in questions:
        # The register's course completions, next to the self-reported answer (Art. 4).
        if question["id"] == LITERACY_QUESTION:
            question["evidence"] = completion_evidence()
    return render(
        request,
        "readiness/answer.html",
        {
            "assessment": assessment,
            "respondent": respondent,
            "view": step_view(fw, respondent, step=step, language=lang),
            "form": form,
            "questions": questions,
        },
        status=status,
    )


@require_GET
@role_required(*READINESS_ROLES)
def readiness_roadmap(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    result = assessment_result(assessment)
    horizons = roadmap_view(result, language=_language()) if result is not None else ()
    return render(
        request,
        "readiness/roadmap.html",
        {"assessment": assessment, "has_result": result is not None, "horizons": horizons},
    )


@require_GET
@role_required(*READINESS_ROLES)
def readiness_benchmark(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    result = assessment_result(assessment)
    group_by = request.GET.get("group_by") or None
    if group_by not in GROUP_BY:
        group_by = None
    context: dict[str, Any] = {"assessment": assessment, "group_by": group_by or "", "bench": None}
    if result is not None:
        context["bench"] = benchmark_view(
            result, shared_results(), group_by=group_by, language=_language()
        )
    return render(request, "readiness/benchmark.html", context)


@require_GET
@role_required(*READINESS_ROLES)
def readiness_compare(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    previous = previous_assessment(assessment)
    current_result = assessment_result(assessment)
    previous_result = assessment_result(previous) if previous is not None else None
    context: dict[str, Any] = {"assessment": assessment, "previous": previous, "comparison": None}
    if current_result is not None and previous_result is not None:
        context["comparison"] = comparison_view(
            previous_result, current_result, language=_language()
        )
    return render(request, "readiness/compare.html", context)


@require_GET
@role_required(*READINESS_ROLES)
def readiness_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    if fmt not in EXPORTS:
        raise Http404
    result = assessment_result(assessment)
    if result is None:
        messages.error(request, _("Nothing to export yet: no respondent has answered."))
        return redirect("readiness_detail", pk=pk)
    body = export_body(result, shared_results(), fmt=fmt, language=_language())
    content_type, extension = EXPORTS[fmt]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="readiness-{assessment.pk}.{extension}"'
    )
    return response


@require_POST
@role_required(*READINESS_ROLES)
def readiness_share(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    if not can_manage_assessment(request.user, assessment):
        raise PermissionDenied
    try:
        assessment_share(actor=request.user, assessment=assessment)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your anonymous scores are now part of the peer benchmark."))
    return redirect(reverse("readiness_benchmark", args=[assessment.pk]))
