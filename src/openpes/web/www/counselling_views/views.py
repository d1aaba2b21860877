"""Decisions on suggestions, and requests for a human review."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpes.errors import InputError
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.counselling.enums import NeedBand, ReviewTopic, Verdict
from openpes.web.counselling.selectors import open_assessment
from openpes.web.counselling.services import (
    assessment_decide,
    assessment_start,
    review_request,
    suggestion_decide,
)
from openpes.web.oversight.enums import SystemKey
from openpes.web.oversight.selectors import paused_for
from openpes.web.www.caseload_views.views import jobseeker_or_404, own_record
from openpes.web.www.counselling_views.forms import (
    CounsellorBandForm,
    FinalBandForm,
    ReviewRequestForm,
    SuggestionDecisionForm,
)


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def suggestion_decision(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    form = SuggestionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give a reason."))
    else:
        data = form.cleaned_data
        try:
            suggestion_decide(
                actor=request.user,
                jobseeker=jobseeker,
                item_kind=data["item_kind"],
                item_id=data["item_id"],
                rank=data["rank"],
                score=data["score"],
                verdict=Verdict(data["verdict"]),
                reason=data["reason"],
            )
            messages.success(request, _("Decision saved."))
        except InputError:
            messages.error(request, _("Choose a decision and give a reason."))
    return redirect(reverse("jobseeker_detail", args=[reference]) + "#suggestions-heading")


@require_POST
@role_required(Role.JOBSEEKER)
def my_review_request(request: HttpRequest) -> HttpResponse:
    jobseeker = own_record(request)
    form = ReviewRequestForm(request.POST)
    if form.is_valid():
        try:
            review_request(
                actor=request.user,
                jobseeker=jobseeker,
                topic=ReviewTopic(form.cleaned_data["topic"]),
                message=form.cleaned_data["message"],
            )
            messages.success(request, _("Your request was sent. A counsellor will answer you."))
            return redirect(reverse("jobseeker_home") + "#review-heading")
        except InputError:
            pass
    messages.error(request, _("Please say briefly what should be reviewed."))
    return redirect(reverse("jobseeker_home") + "#review-heading")


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def assessment_begin(request: HttpRequest, reference: str) -> HttpResponse:
    """Counsellor-first: the counsellor's own band is stored before the model's is shown."""
    jobseeker = jobseeker_or_404(request, reference)
    form = CounsellorBandForm(request.POST)
    if form.is_valid():
        assessment_start(
            actor=request.user,
            jobseeker=jobseeker,
            counsellor_band=NeedBand(form.cleaned_data["counsellor_band"]),
        )
    else:
        messages.error(request, _("Choose your own assessment first."))
    return redirect(reverse("jobseeker_detail", args=[reference]) + "#support-heading")


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def assessment_decision(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    assessment = open_assessment(jobseeker=jobseeker)
    form = FinalBandForm(request.POST)
    # While the model is paused the counsellor decides without it (the safe state).
    paused = paused_for(SystemKey.SUPPORT_NEEDS, user=request.user, jobseeker=jobseeker).paused
    if assessment is None or (not assessment.model_band and not paused):
        messages.error(
            request, _("Record your own assessment and look at the model's before deciding.")
        )
    elif not form.is_valid():
        messages.error(request, _("Choose a decision and give a reason."))
    else:
        try:
            assessment_decide(
                actor=request.user,
                assessment=assessment,
                final_band=NeedBand(form.cleaned_data["final_band"]),
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Decision saved."))
        except InputError:
            messages.error(request, _("Choose a decision and give a reason."))
    return redirect(reverse("jobseeker_detail", args=[reference]) + "#support-heading")
