"""Case notes, appointments, the action plan, and the printable meeting summary."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpes.errors import InputError
from openpes.i18n import LANGUAGES, translate
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.selectors import profile_view
from openpes.web.caseload.services import jobseeker_record_view
from openpes.web.casework.selectors import appointments_upcoming, notes_for, plan_for, step_get
from openpes.web.casework.services import (
    appointment_add,
    goal_add,
    note_add,
    step_add,
    step_mark_done,
)
from openpes.web.counselling.selectors import decisions_for, latest_assessment
from openpes.web.www.case_pages.casework_forms import (
    AppointmentForm,
    GoalForm,
    NoteForm,
    StepForm,
)
from openpes.web.www.case_pages.context import counsellor_page
from openpes.web.www.case_pages.counselling_forms import add_input_error
from openpes.web.www.case_pages.lookups import jobseeker_or_404, own_record

COUNSELLING = (Role.COUNSELLOR, Role.TEAM_LEAD)


def _save(
    request: HttpRequest,
    jobseeker: JobSeeker,
    form: Any,
    context_key: str,
    write: Any,
    done: str,
) -> HttpResponse:
    """Validate, write, and on an error re-render the case page with the form in place."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except InputError as error:
            add_input_error(form, error)
        else:
            messages.success(request, done)
            return redirect("jobseeker_detail", jobseeker.reference)
    context = counsellor_page(request, jobseeker, **{context_key: form})
    return render(request, "caseload/detail.html", context, status=400)


@require_POST
@role_required(*COUNSELLING)
def note_create(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    return _save(
        request,
        jobseeker,
        NoteForm(request.POST),
        "note_form",
        lambda data: note_add(actor=request.user, jobseeker=jobseeker, **data),
        _("Note saved."),
    )


@require_POST
@role_required(*COUNSELLING)
def appointment_create(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    return _save(
        request,
        jobseeker,
        AppointmentForm(request.POST),
        "appointment_form",
        lambda data: appointment_add(actor=request.user, jobseeker=jobseeker, **data),
        _("Appointment saved."),
    )


@require_POST
@role_required(*COUNSELLING)
def goal_create(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    return _save(
        request,
        jobseeker,
        GoalForm(request.POST),
        "goal_form",
        lambda data: goal_add(actor=request.user, jobseeker=jobseeker, **data),
        _("Goal added to the action plan."),
    )


@require_POST
@role_required(*COUNSELLING)
def step_create(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    goals = {str(g.pk): g for g in plan_for(jobseeker=jobseeker)}

    def write(data: dict[str, Any]) -> None:
        step_add(actor=request.user, goal=goals[data.pop("goal")], **data)

    return _save(
        request,
        jobseeker,
        StepForm(request.POST, goals=goals.values()),
        "step_form",
        write,
        _("Step added to the action plan."),
    )


@require_POST
@role_required(*COUNSELLING)
def step_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    step = step_get(pk=pk)
    if step is None or step.goal.jobseeker_id != jobseeker.pk:
        raise Http404
    step_mark_done(actor=request.user, step=step, by_jobseeker=False)
    messages.success(request, _("Step marked done."))
    return redirect("jobseeker_detail", reference)


@require_POST
@role_required(Role.JOBSEEKER)
def my_step_done(request: HttpRequest, pk: int) -> HttpResponse:
    jobseeker = own_record(request)
    step = step_get(pk=pk)
    if step is None or step.goal.jobseeker_id != jobseeker.pk:
        raise Http404
    try:
        step_mark_done(actor=request.user, step=step, by_jobseeker=True)
    except InputError as error:
        messages.error(request, translate(error.reason, translation.get_language()))
    else:
        messages.success(request, _("Well done: the step is marked done."))
    return redirect("jobseeker_home")


def summary_language(jobseeker: JobSeeker) -> str:
    """The first of the person's languages the service speaks; English otherwise."""
    return next((lang for lang in jobseeker.languages if lang in LANGUAGES), "en")


@role_required(*COUNSELLING)
def meeting_summary(request: HttpRequest, reference: str) -> HttpResponse:
    """A printable summary for the job seeker, in their language (print stylesheet)."""
    jobseeker = jobseeker_or_404(request, reference)
    jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="meeting-summary")
    language = request.GET.get("lang") or summary_language(jobseeker)
    if language not in LANGUAGES:
        language = "en"
    decisions = sorted(decisions_for(jobseeker=jobseeker).values(), key=lambda d: d.rank)
    with translation.override(language):
        return render(
            request,
            "casework/meeting_summary.html",
            {
                "jobseeker": jobseeker,
                "profile": profile_view(jobseeker),
                "plan": plan_for(jobseeker=jobseeker),
                "notes": notes_for(jobseeker=jobseeker, for_jobseeker=True)[:5],
                "appointments": appointments_upcoming(jobseeker=jobseeker)[:3],
                "decisions": decisions,
                "assessment": latest_assessment(jobseeker=jobseeker),
                "summary_language": language,
            },
        )
