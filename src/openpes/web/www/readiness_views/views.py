"""Readiness assessments: start, invite, answer step by step, results, roadmap, benchmark."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpes import readiness as core
from openpes.errors import InputError
from openpes.web.accounts.decorators import role_required
from openpes.web.readiness.enums import SizeBand
from openpes.web.readiness.models import Assessment
from openpes.web.readiness.perms import READINESS_ROLES, can_answer, can_manage_assessment
from openpes.web.readiness.selectors import (
    assessment_get,
    assessment_list,
    assessment_result,
    framework,
    own_organisation,
    previous_assessment,
    respondent_get,
    respondent_progress,
    shared_results,
    step_answers,
)
from openpes.web.readiness.services import (
    assessment_share,
    assessment_start,
    respondent_answers_save,
    respondent_invite,
)
from openpes.web.www.readiness_views.forms import InviteForm, StartForm, StepForm, field_name

EXPORTS = {
    "html": ("text/html; charset=utf-8", "html"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
}


def _language() -> str:
    return get_language() or "en"


def _assessment_or_404(pk: int) -> Assessment:
    assessment = assessment_get(pk=pk)
    if assessment is None or not assessment.organisation.is_own:
        raise Http404
    return assessment


def _start_form(request: HttpRequest, data: Any = None) -> StartForm:
    return StartForm(
        data, framework=framework(), language=_language(), needs_name=own_organisation() is None
    )


@require_GET
@role_required(*READINESS_ROLES)
def readiness_home(request: HttpRequest) -> HttpResponse:
    return _home(request, _start_form(request))


def _home(request: HttpRequest, form: StartForm, status: int = 200) -> HttpResponse:
    rows = []
    for assessment in assessment_list():
        result = assessment_result(assessment)
        rows.append(
            {
                "assessment": assessment,
                "respondents": assessment.respondents.count(),
                "level": result.level if result else None,
                "level_name": core.level_name(result.level, _language()) if result else "",
            }
        )
    return render(
        request,
        "readiness/home.html",
        {"rows": rows, "form": form, "organisation": own_organisation()},
        status=status,
    )


@require_POST
@role_required(*READINESS_ROLES)
def readiness_start(request: HttpRequest) -> HttpResponse:
    form = _start_form(request, request.POST)
    if not form.is_valid():
        return _home(request, form, status=400)
    data = form.cleaned_data
    assessment = assessment_start(
        actor=request.user,
        title=data["title"],
        organisation_name=data.get("organisation_name", ""),
        region=data["region"],
        size_band=data["size_band"],
        context=form.context(),
    )
    messages.success(request, _("Assessment started. Now invite the respondents."))
    return redirect("readiness_detail", pk=assessment.pk)


def _svg(result: core.Result) -> str:
    # The page sizes the chart to its column, so the fixed size of the print report goes.
    svg = core.radar_svg(result, language=_language())
    return re.sub(r' width="\d+" height="\d+"', "", svg, count=1)


def _result_context(result: core.Result) -> dict[str, Any]:
    lang = _language()
    fw = result.framework
    gates = {g.id: g for g in fw.gates}
    groups = list(result.by_group)
    tier = next(t for t in fw.risk_tiers if t.tier == result.risk.tier)
    return {
        "result": result,
        "level_sentence": core.level_sentence(result, lang),
        "radar": mark_safe(_svg(result)),  # built by the core, every text escaped there
        "dimensions": [
            {
                "title": core.localise(fw.dimension(d.dimension_id).title, lang),
                "score": d.score,
                "low": d.low,
                "high": d.high,
                "unknown": d.unknown,
            }
            for d in result.dimensions
        ],
        "group_labels": [core.localise(fw.group(g).label, lang) for g in groups],
        "group_rows": [
            {
                "title": core.localise(fw.dimension(d.dimension_id).title, lang),
                "scores": [result.by_group[g][k].score for g in groups],
            }
            for k, d in enumerate(result.dimensions)
        ],
        "disagreements": [
            {
                "question": core.localise(fw.question(d.question_id).text, lang),
                "levels": [
                    (core.localise(fw.group(g).label, lang), level) for g, level in d.levels.items()
                ],
                "leadership_front_line": d.leadership_front_line,
            }
            for d in result.disagreements
        ],
        "gates": [core.localise(gates[h.gate_id].text, lang) for h in result.gates],
        "risk_name": core.localise(tier.text, lang),
        "risk_shortfalls": [
            core.localise(fw.dimension(d).title, lang) for d in result.risk.shortfalls
        ],
    }


@require_GET
@role_required(*READINESS_ROLES)
def readiness_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    lang = _language()
    fw = framework()
    respondents = []
    for respondent in assessment.respondents.all().select_related("user"):
        answered, total = respondent_progress(respondent)
        respondents.append(
            {
                "respondent": respondent,
                "group": core.localise(fw.group(respondent.group).label, lang),
                "answered": answered,
                "total": total,
                "can_answer": can_answer(request.user, respondent),
            }
        )
    result = assessment_result(assessment)
    manage = can_manage_assessment(request.user, assessment)
    context: dict[str, Any] = {
        "assessment": assessment,
        "respondents": respondents,
        "can_manage": manage,
        "invite_form": InviteForm(framework=fw, language=lang) if manage else None,
        "previous": previous_assessment(assessment),
    }
    if result is not None:
        context |= _result_context(result)
    return render(request, "readiness/detail.html", context)


@require_POST
@role_required(*READINESS_ROLES)
def readiness_invite(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    if not can_manage_assessment(request.user, assessment):
        raise PermissionDenied
    form = InviteForm(request.POST, framework=framework(), language=_language())
    if form.is_valid():
        respondent_invite(
            actor=request.user,
            assessment=assessment,
            group=form.cleaned_data["group"],
            label=form.cleaned_data["label"],
            user=form.cleaned_data["user"],
        )
        messages.success(request, _("Respondent added."))
    else:
        messages.error(request, _("The respondent was not added: check the group and the label."))
    return redirect("readiness_detail", pk=assessment.pk)


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
            respondent_answers_save(
                actor=request.user,
                respondent=respondent,
                answers=form.answers(),
                step=step,
                submit=submit,
            )
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
    return render(
        request,
        "readiness/answer.html",
        {
            "assessment": assessment,
            "respondent": respondent,
            "group": core.localise(fw.group(respondent.group).label, lang),
            "dimension_title": core.localise(dimension.title, lang),
            "step": step,
            "steps": steps,
            "form": form,
            "questions": questions,
            "step_links": [
                {"number": i + 1, "title": core.localise(d.title, lang), "current": i + 1 == step}
                for i, d in enumerate(fw.dimensions)
            ],
        },
        status=status,
    )


def _result_or_none(assessment: Assessment) -> core.Result | None:
    return assessment_result(assessment)


@require_GET
@role_required(*READINESS_ROLES)
def readiness_roadmap(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    result = _result_or_none(assessment)
    horizons = []
    if result is not None:
        lang = _language()
        fw = result.framework
        plan = core.roadmap(result)
        for horizon in ("0-6", "6-18", "18-36"):
            actions = plan.horizon(horizon)
            if not actions:
                continue
            horizons.append(
                {
                    "name": core.horizon_name(horizon, lang),
                    "actions": [
                        {
                            "text": core.localise(fw.action(a.action_id).text, lang),
                            "dimension": core.localise(fw.dimension(a.dimension_id).title, lang),
                            "question": core.localise(fw.question(a.question_id).text, lang),
                            "level": a.triggered_by.level,
                            "target": a.target,
                            "unknown": a.triggered_by.unknown,
                            "effort": core.effort_name(a.effort, lang),
                            "depends_on": [
                                core.localise(fw.action(d).text, lang) for d in a.depends_on
                            ],
                            "gate": bool(a.triggered_by.gate_ids),
                        }
                        for a in actions
                    ],
                }
            )
    return render(
        request,
        "readiness/roadmap.html",
        {"assessment": assessment, "result": result, "horizons": horizons},
    )


def _benchmark_rows(
    bench: core.Benchmark, fw: core.Framework, lang: str, dims: Any = None
) -> list[dict[str, Any]]:
    rows = []
    for d in dims if dims is not None else bench.dimensions:
        title = (
            _("Overall")
            if d.dimension_id == "overall"
            else core.localise(fw.dimension(d.dimension_id).title, lang)
        )
        rows.append(
            {
                "title": title,
                "own": d.own,
                "quartiles": d.quartiles,
                "position": core.position_name(d.position, lang) if d.position else "",
            }
        )
    return rows


def _group_label(group_by: str | None, value: str) -> str:
    if not value:
        return _("not given")
    if group_by == "size_band" and value in SizeBand.values:
        return str(SizeBand(value).label)
    return value  # regions are the organisations' own words


@require_GET
@role_required(*READINESS_ROLES)
def readiness_benchmark(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    result = _result_or_none(assessment)
    group_by = request.GET.get("group_by") or None
    if group_by not in (None, "region", "size_band"):
        group_by = None
    context: dict[str, Any] = {
        "assessment": assessment,
        "result": result,
        "group_by": group_by or "",
    }
    if result is not None:
        lang = _language()
        bench = core.benchmark(result, shared_results(), group_by=group_by)
        context["bench"] = bench
        context["rows"] = _benchmark_rows(bench, result.framework, lang)
        context["groups"] = [
            {
                "value": _group_label(group_by, g.value),
                "n": g.contributors,
                "rows": _benchmark_rows(bench, result.framework, lang, g.dimensions),
            }
            for g in bench.groups or ()
        ]
    return render(request, "readiness/benchmark.html", context)


@require_GET
@role_required(*READINESS_ROLES)
def readiness_compare(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    previous = previous_assessment(assessment)
    current_result = _result_or_none(assessment)
    previous_result = _result_or_none(previous) if previous is not None else None
    context: dict[str, Any] = {"assessment": assessment, "previous": previous}
    if current_result is not None and previous_result is not None:
        lang = _language()
        comparison = core.compare(previous_result, current_result)
        context["comparison"] = comparison
        context["rows"] = [
            {
                "title": core.localise(
                    current_result.framework.dimension(c.dimension_id).title, lang
                ),
                "previous": c.previous,
                "current": c.current,
                "change": c.change,
                "clear": c.clear,
            }
            for c in comparison.dimensions
        ]
        context["previous_level"] = core.level_name(comparison.previous_level, lang)
        context["current_level"] = core.level_name(comparison.current_level, lang)
    return render(request, "readiness/compare.html", context)


@require_GET
@role_required(*READINESS_ROLES)
def readiness_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    assessment = _assessment_or_404(pk)
    if fmt not in EXPORTS:
        raise Http404
    result = _result_or_none(assessment)
    if result is None:
        messages.error(request, _("Nothing to export yet: no respondent has answered."))
        return redirect("readiness_detail", pk=pk)
    lang = _language()
    plan = core.roadmap(result)
    bench = core.benchmark(result, shared_results())
    if fmt == "html":
        body = core.to_html(result, roadmap=plan, benchmark=bench, language=lang)
    elif fmt == "md":
        body = core.to_markdown(result, roadmap=plan, benchmark=bench, language=lang)
    elif fmt == "csv":
        body = core.to_csv(plan, framework=result.framework, language=lang)
    else:
        body = core.to_json(result)
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
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your anonymous scores are now part of the peer benchmark."))
    return redirect(reverse("readiness_benchmark", args=[assessment.pk]))
