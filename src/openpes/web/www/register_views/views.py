"""The register: the public page ``/ai/``, the administrators' register, AI literacy courses.

Views parse the request, check permissions, call services, selectors and presenters, and
render. Page data comes from ``openpes.web.register.presenters``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpes.errors import InputError
from openpes.register import (
    ELEMENTS,
    Fria,
    course_score,
    fria_document,
    fria_reason_text,
    literacy_course,
    localised,
    nl_csv,
    oversight_course,
    public_record,
    to_nl_algoritmeregister,
)
from openpes.web.accounts.decorators import role_required
from openpes.web.register.enums import CourseKind
from openpes.web.register.exports import (
    annex_iv_export,
    fria_export,
    publication_record,
    record_export,
)
from openpes.web.register.literacy import completion_evidence, course_done, oversight_course_done
from openpes.web.register.models import ErrorReport, Publication, RegisterRecord
from openpes.web.register.perms import (
    REGISTER_ROLES,
    STAFF_ROLES,
    can_manage_register,
    sees_full_figures,
)
from openpes.web.register.presenters import (
    PUBLIC_FORMATS,
    admin_records,
    open_reports,
    public_systems,
)
from openpes.web.register.selectors import (
    fria_core,
    publication_get,
    publications_current,
    record_core,
    record_get,
    record_list,
)
from openpes.web.register.services import (
    course_complete,
    error_report_answer,
    error_report_submit,
    fria_flag_check,
    fria_save,
    record_exported,
    record_publish,
    record_retract,
)
from openpes.web.ui.errors import error_text
from openpes.web.www.register_views.forms import (
    AnswerForm,
    CourseForm,
    ErrorReportForm,
    FriaElementsForm,
    FriaRiskFormSet,
    RetractForm,
)


def _language() -> str:
    return get_language() or "en"


def _download(content: str, media_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=f"{media_type}; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# -- public ---------------------------------------------------------------------------
@require_GET
def public_ai(request: HttpRequest) -> HttpResponse:
    """Which AI systems we use, what for, what they never do, and how to ask for a person."""
    return render(
        request,
        "register/public.html",
        {"systems": public_systems(_language()), "bulk_csv": reverse("public_ai_csv")},
    )


@require_GET
def public_ai_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    publication = publication_get(pk=pk)
    if publication is None or fmt not in PUBLIC_FORMATS:
        raise Http404
    result = record_export(publication_record(publication), format=fmt, language=_language())
    name = f"{publication.record.system}-v{publication.version}.{result.extension}"
    return _download(result.content, result.media_type, name, inline=fmt == "atrs-html")


@require_GET
def public_ai_csv(request: HttpRequest) -> HttpResponse:
    """Every published record in one CSV, as the Dutch register's bulk download."""
    rows = [
        to_nl_algoritmeregister(
            publication_record(p), publication_date=p.published_at.date().isoformat()
        )
        for p in publications_current()
    ]
    return _download(nl_csv(rows), "text/csv", "algoritmeregister.csv", inline=False)


@require_http_methods(["GET", "POST"])
def public_ai_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report an error in a published record (GOV.UK error pattern, input kept)."""
    publication = publication_get(pk=pk)
    if publication is None:
        raise Http404
    name = localised(publication.snapshot.get("name"), _language())
    form = ErrorReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            error_report_submit(
                record=publication.record,
                message=form.cleaned_data["message"],
                contact=form.cleaned_data["contact"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(
                request, _("Thank you. Your report was sent to the register's administrators.")
            )
            return redirect("public_ai")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "register/report_error.html", {"form": form, "name": name}, status=status
    )


# -- administrators ---------------------------------------------------------------------
def _record_or_404(system: str) -> RegisterRecord:
    record = record_get(system=system)
    if record is None:
        raise Http404
    return record


@role_required(*REGISTER_ROLES)
@require_GET
def register_home(request: HttpRequest) -> HttpResponse:
    for record in record_list():
        fria_flag_check(record=record)
    return render(
        request,
        "register/admin.html",
        {
            "records": admin_records(_language(), full=sees_full_figures(request.user)),
            "reports": open_reports(),
            "can_manage": can_manage_register(request.user),
            "answer_form": AnswerForm(),
            "retract_form": RetractForm(),
            "evidence": completion_evidence(),
        },
    )


@role_required(*REGISTER_ROLES)
@require_GET
def register_export(request: HttpRequest, system: str, fmt: str) -> HttpResponse:
    record = _record_or_404(system)
    try:
        result = record_export(record, format=fmt, language=_language())
    except InputError as exc:
        messages.error(request, error_text(exc))
        return redirect("register_home")
    record_exported(record=record, actor=request.user, format=fmt)
    return _download(
        result.content, result.media_type, f"{system}.{result.extension}", inline=False
    )


@role_required(*REGISTER_ROLES)
@require_GET
def register_document(request: HttpRequest, system: str, doc: str, fmt: str) -> HttpResponse:
    record = _record_or_404(system)
    # Annex IV holds the live figures: full ones for the oversight officer only. The FRIA
    # holds none (its groups are named by hand, with no count).
    full = doc == "annex-iv" and sees_full_figures(request.user)
    try:
        if doc == "annex-iv":
            result = annex_iv_export(record, format=fmt, language=_language(), full=full)
        elif doc == "fria":
            result = fria_export(record, format=fmt, language=_language())
        else:
            raise Http404
    except InputError as exc:
        messages.error(request, error_text(exc))
        return redirect("register_home")
    record_exported(record=record, actor=request.user, format=f"{doc}-{fmt}", full=full)
    return _download(
        result.content, result.media_type, f"{system}-{doc}.{result.extension}", inline=True
    )


@role_required(*REGISTER_ROLES)
@require_POST
def register_publish(request: HttpRequest, system: str) -> HttpResponse:
    if not can_manage_register(request.user):
        raise PermissionDenied
    record = _record_or_404(system)
    try:
        record_export(record, format="nl-algoritmeregister")
    except InputError as exc:
        messages.error(request, error_text(exc))
        return redirect("register_home")
    record_publish(record=record, actor=request.user)
    messages.success(request, _("The record is published on the public page."))
    return redirect("register_home")


@role_required(*REGISTER_ROLES)
@require_POST
def register_retract(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_register(request.user):
        raise PermissionDenied
    publication = Publication.objects.filter(pk=pk, retracted_at__isnull=True).first()
    if publication is None:
        raise Http404
    form = RetractForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the record is retracted."))
        return redirect("register_home")
    record_retract(publication=publication, actor=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The record is retracted from the public page."))
    return redirect("register_home")


@role_required(*REGISTER_ROLES)
@require_POST
def register_answer(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_register(request.user):
        raise PermissionDenied
    report = ErrorReport.objects.filter(pk=pk).first()
    if report is None:
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write an answer."))
        return redirect("register_home")
    error_report_answer(report=report, actor=request.user, answer=form.cleaned_data["answer"])
    messages.success(request, _("Your answer is recorded."))
    return redirect("register_home")


def _fria_titles(language: str) -> dict[str, str]:
    # The element titles are the document's section titles, in one place.
    return {s.id: s.title for s in fria_document(Fria("", {}), language=language).sections}


@role_required(*REGISTER_ROLES)
@require_http_methods(["GET", "POST"])
def register_fria(request: HttpRequest, system: str) -> HttpResponse:
    """Fill in the FRIA: elements (a)-(f) in the page's language, and the risks."""
    record = _record_or_404(system)
    language = _language()
    titles = _fria_titles(language)
    current = fria_core(record)
    if request.method == "POST":
        if not can_manage_register(request.user):
            raise PermissionDenied
        elements_form = FriaElementsForm(request.POST, titles=titles)
        risks = FriaRiskFormSet(request.POST, prefix="risk")
        if elements_form.is_valid() and risks.is_valid():
            old = current.elements if current else {}
            elements = {
                key: {**old.get(key, {}), language: elements_form.cleaned_data[f"element_{key}"]}
                for key in ELEMENTS
            }
            rows = [
                {
                    "group": {language: f["group"]},
                    "harm": {language: f["harm"]},
                    "severity": int(f["severity"]),
                    "likelihood": int(f["likelihood"]),
                    "mitigation": {language: f.get("mitigation", "")},
                    "monitor": f.get("monitor", ""),
                    "complaint_route": f.get("complaint_route", ""),
                }
                for f in risks.cleaned_data
                if f and not f.get("DELETE")
            ]
            fria_save(record=record, actor=request.user, elements=elements, risks=rows)
            messages.success(request, _("The impact assessment is saved."))
            return redirect("register_fria", system=system)
    else:
        initial = {
            f"element_{k}": localised(current.elements.get(k), language) if current else ""
            for k in ELEMENTS
        }
        elements_form = FriaElementsForm(initial=initial, titles=titles)
        risks = FriaRiskFormSet(
            prefix="risk",
            initial=[
                {
                    "group": localised(r.group, language),
                    "harm": localised(r.harm, language),
                    "severity": str(r.severity),
                    "likelihood": str(r.likelihood),
                    "mitigation": localised(r.mitigation, language),
                    "monitor": r.monitor,
                    "complaint_route": r.complaint_route,
                }
                for r in (current.risks if current else ())
            ],
        )
    return render(
        request,
        "register/fria.html",
        {
            "record_name": localised(record.name, language),
            "system": system,
            "elements_form": elements_form,
            "risks": risks,
            "flagged": [fria_reason_text(r, language=language) for r in current.flagged]
            if current
            else [],
            "priorities": [(r.priority, localised(r.group, language)) for r in current.risks]
            if current
            else [],
            "can_manage": can_manage_register(request.user),
        },
        # A page that shows errors answers 400, as the app's other forms do.
        status=400 if request.method == "POST" else 200,
    )


# -- AI literacy ----------------------------------------------------------------------
@role_required(*STAFF_ROLES)
@require_GET
def literacy_home(request: HttpRequest) -> HttpResponse:
    language = _language()
    courses = [
        {
            "system": r.system,
            "name": localised(r.name, language),
            "done": course_done(request.user, system=r.system),
        }
        for r in record_list()
    ]
    return render(
        request,
        "register/literacy.html",
        {"courses": courses, "oversight_done": oversight_course_done(request.user)},
    )


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def literacy_course_page(request: HttpRequest, system: str) -> HttpResponse:
    """One course: sections, a check question each, marked on the server."""
    language = _language()
    record = None
    if system == CourseKind.OVERSIGHT:
        course = oversight_course(language=language)
    else:
        record = _record_or_404(system)
        # Every staff member takes the same course: no small group or rate in it.
        course = literacy_course(public_record(record_core(record)), language=language)
    form = CourseForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        answers = {q.id: form.cleaned_data[f"q_{q.id}"] for q in course.questions}
        score = course_score(course, answers)
        kind = CourseKind.OVERSIGHT if record is None else CourseKind.SYSTEM
        if course_complete(user=request.user, kind=kind, record=record, score=score):
            messages.success(request, _("Well done: the course is completed."))
            return redirect("literacy_home")
        for question in course.questions:
            if str(question.answer) != answers[question.id]:
                form.add_error(
                    f"q_{question.id}", _("This answer is not right. Read the section again.")
                )
    sections = [{"section": s, "field": form[f"q_{s.question.id}"]} for s in course.sections]
    # A wrong or missing answer is an error on the page: 400, as the app's other forms answer.
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "register/course.html",
        {"course": course, "sections": sections, "form": form},
        status=status,
    )
