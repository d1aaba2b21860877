"""Decisions on suggestions and assessments, and requests for a human review.

On an error the whole case page is rendered again (status 400) with the GOV.UK error
pattern: a summary at the top linking to each field, the message at the field, the input
kept. Messages come from the services, translated, never replaced by a fixed sentence.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpes.errors import InputError
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.caseload.models import JobSeeker
from openpes.web.casework.services import step_from_suggestion
from openpes.web.counselling.enums import NeedBand, Verdict
from openpes.web.counselling.review_services import review_request
from openpes.web.counselling.selectors import open_assessment
from openpes.web.counselling.services import (
    NOT_SHOWN,
    assessment_decide,
    assessment_show_model,
    assessment_start,
    suggestion_decide,
    vacancy_respond,
)
from openpes.web.counselling.support import model_assessment
from openpes.web.oversight.enums import SystemKey
from openpes.web.oversight.selectors import paused_for
from openpes.web.www.case_pages.context import counsellor_page, jobseeker_page
from openpes.web.www.case_pages.counselling_forms import (
    CounsellorBandForm,
    FinalBandForm,
    ReviewRequestForm,
    SuggestionDecisionForm,
    VacancyResponseForm,
    add_input_error,
)
from openpes.web.www.case_pages.lookups import jobseeker_or_404, own_record

#: The hidden fields of a decision form: its pointer to the suggestion the server showed.
_POINTER = ("shown", "item_id")


def _counsellor_page_again(
    request: HttpRequest, jobseeker: JobSeeker, **failed: Any
) -> HttpResponse:
    context = counsellor_page(request, jobseeker, **failed)
    return render(request, "caseload/detail.html", context, status=400)


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def suggestion_decision(request: HttpRequest, reference: str) -> HttpResponse:
    """Record a verdict on a suggestion this server showed; anything else is refused.

    A refusal stores and records nothing; the page is shown again with what was typed, bound
    to the suggestion the form was about (see ``counsellor_page``).
    """
    jobseeker = jobseeker_or_404(request, reference)
    form = SuggestionDecisionForm(request.POST)
    if not form.is_valid():
        _refuse_a_broken_pointer(form)
        return _counsellor_page_again(request, jobseeker, failed_decision=form)
    data = form.cleaned_data
    try:
        decision = suggestion_decide(
            actor=request.user,
            jobseeker=jobseeker,
            shown_id=data["shown"],
            item_id=data["item_id"],
            verdict=Verdict(data["verdict"]),
            reason=data["reason"],
            adaptation=data["adaptation"],
        )
    except InputError as error:
        add_input_error(form, error)  # "shown" is hidden: the message is the form's own
        return _counsellor_page_again(request, jobseeker, failed_decision=form)
    if data["add_to_plan"] and decision.verdict != Verdict.REJECTED:
        step_from_suggestion(
            actor=request.user,
            jobseeker=jobseeker,
            vacancy_id=decision.item_id,
            label=decision.shown.label,
        )
        messages.success(request, _("Decision saved and added to the action plan."))
    else:
        messages.success(request, _("Decision saved."))
    return redirect("jobseeker_detail", reference)


def _refuse_a_broken_pointer(form: SuggestionDecisionForm) -> None:
    """A missing or forged hidden pointer is one message for the whole decision: Django's
    own ("Enter a whole number.") would mean nothing to the counsellor, and a hidden field
    has no place to show it."""
    if any(name in form.errors for name in _POINTER):
        for name in _POINTER:
            form.errors.pop(name, None)
        form.add_error(None, str(NOT_SHOWN))


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def assessment_begin(request: HttpRequest, reference: str) -> HttpResponse:
    """Counsellor-first: the counsellor's own band is stored before the model's is shown."""
    jobseeker = jobseeker_or_404(request, reference)
    form = CounsellorBandForm(request.POST)
    if not form.is_valid():
        return _counsellor_page_again(request, jobseeker, band_form=form)
    assessment = assessment_start(
        actor=request.user,
        jobseeker=jobseeker,
        counsellor_band=NeedBand(form.cleaned_data["counsellor_band"]),
    )
    # The model's band is recorded here, by this POST, never by showing a page: GET has no
    # side effects. While the model is paused it is not even run.
    paused = paused_for(SystemKey.SUPPORT_NEEDS, user=request.user, jobseeker=jobseeker).paused
    result = None if paused else model_assessment(jobseeker, language=get_language())
    if result is not None:
        model_view, version = result
        assessment_show_model(
            actor=request.user,
            assessment=assessment,
            band=model_view.band,
            probability=model_view.probability,
            model_version=version,
        )
    messages.success(request, _("Your own view is recorded. The model's estimate is now shown."))
    return redirect("jobseeker_detail", reference)


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def assessment_decision(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    assessment = open_assessment(jobseeker=jobseeker)
    form = FinalBandForm(request.POST)
    # The model's band was recorded when the counsellor's own was (counsellor-first); an
    # assessment begun while the model was paused or missing is decided without it.
    if assessment is None:
        messages.error(
            request, _("Record your own assessment and look at the model's before deciding.")
        )
        return redirect("jobseeker_detail", reference)
    if form.is_valid():
        try:
            assessment_decide(
                actor=request.user,
                assessment=assessment,
                final_band=NeedBand(form.cleaned_data["final_band"]),
                reason=form.cleaned_data["reason"],
            )
        except InputError as error:
            add_input_error(form, error)
        else:
            messages.success(request, _("Decision saved."))
            return redirect("jobseeker_detail", reference)
    return _counsellor_page_again(request, jobseeker, final_form=form)


@require_POST
@role_required(Role.JOBSEEKER)
def my_review_request(request: HttpRequest) -> HttpResponse:
    jobseeker = own_record(request)
    # The item is checked by ``review_request``: it may come from an earlier load of the page,
    # so today's list is not the test. A failed form is bound again to the page it shows.
    form = ReviewRequestForm(request.POST)
    if form.is_valid():
        try:
            review_request(
                actor=request.user,
                jobseeker=jobseeker,
                item=form.cleaned_data["item"],
                message=form.cleaned_data["message"],
            )
        except InputError as error:
            add_input_error(form, error)
        else:
            messages.success(request, _("Your request was sent. A counsellor will answer you."))
            return redirect("jobseeker_home")
    context = jobseeker_page(request, jobseeker, review_form=form)
    return render(request, "caseload/self_service.html", context, status=400)


@require_POST
@role_required(Role.JOBSEEKER)
def my_vacancy_response(request: HttpRequest) -> HttpResponse:
    """Save a vacancy, turn it down, or say what came of it: only for vacancies shown."""
    jobseeker = own_record(request)
    form = VacancyResponseForm(request.POST)
    if form.is_valid():
        try:
            vacancy_respond(
                actor=request.user,
                jobseeker=jobseeker,
                shown_id=form.cleaned_data["shown"],
                response=form.cleaned_data["response"],
                reason=form.cleaned_data["reason"],
                item_id=form.cleaned_data["item_id"],
            )
        except InputError as error:
            add_input_error(form, error)
        else:
            messages.success(request, _("Your answer is saved. Your counsellor sees it."))
            return redirect("jobseeker_home")
    context = jobseeker_page(request, jobseeker, failed_response=form)
    return render(request, "caseload/self_service.html", context, status=400)
