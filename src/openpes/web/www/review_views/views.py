"""The review inbox of counsellors and team leads, answers, and the job seeker's escalation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openpes.errors import InputError
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.counselling.enums import ReviewStatus
from openpes.web.counselling.models import ReviewRequest
from openpes.web.counselling.perms import can_answer_review, can_read_review
from openpes.web.counselling.review_selectors import review_get, review_inbox, review_item_label
from openpes.web.counselling.review_services import (
    review_answer,
    review_escalate,
    review_record_opened,
)
from openpes.web.ui.kept_input import kept_input
from openpes.web.www.case_pages.context import error_summary, jobseeker_page
from openpes.web.www.case_pages.counselling_forms import (
    EscalationForm,
    ReviewAnswerForm,
    add_input_error,
)
from openpes.web.www.case_pages.lookups import own_record


@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def inbox(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [
        {
            "review": review,
            "label": review_item_label(review),
            "overdue": review.due_on is not None and review.due_on < today,
            "mine": review.jobseeker.counsellor_id == request.user.pk,
        }
        for review in review_inbox(user=request.user)
    ]
    return render(
        request,
        "counselling/review_inbox.html",
        {"rows": rows, "overdue": sum(r["overdue"] for r in rows)},
    )


#: Where the request's page says why it takes no answer (there is no form to put it at).
REFUSED_ANCHOR = "answer-refused"


def _refusal(review: ReviewRequest, form: ReviewAnswerForm) -> dict[str, Any] | None:
    """Why a reader of this request cannot answer it, and what they typed; ``None`` when
    the request would take an answer, just not theirs (a plain refusal then)."""
    if review.status in (ReviewStatus.ANSWERED, ReviewStatus.CLOSED):
        message = _("This request has already been answered.")
    elif review.status == ReviewStatus.ESCALATED:
        message = _("This request was passed to the team lead: only the team lead answers it now.")
    else:
        return None
    return {"message": message, "kept": kept_input(form, ("explanation", "would_change"))}


@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_get(pk=pk)
    if review is None:
        raise Http404
    if not can_read_review(request.user, review):
        raise PermissionDenied
    may_answer = can_answer_review(request.user, review)
    form = ReviewAnswerForm(request.POST or None, topic=review.topic)
    refused = None
    if request.method == "POST" and not may_answer:
        # A reader of the request learns why it takes no answer now (answered in another
        # tab, passed on); anyone else was refused above and learns nothing of it.
        refused = _refusal(review, form)
        if refused is None:
            raise PermissionDenied
    elif request.method == "POST" and form.is_valid():
        try:
            review_answer(actor=request.user, review=review, **form.cleaned_data)
        except InputError as error:
            add_input_error(form, error)
        else:
            messages.success(request, _("Your answer was sent to the job seeker."))
            return redirect("review_inbox")
    # Whenever the request is shown (a failed answer shows it again), the read is recorded.
    review_record_opened(actor=request.user, review=review)
    context = {
        "review": review,
        "label": review_item_label(review),
        "answers": list(review.answers.all()),
        "form": form if may_answer else None,
        "refused": refused,
        "errors": [(REFUSED_ANCHOR, refused["message"])] if refused else error_summary(form),
        "overdue": review.due_on is not None and review.due_on < timezone.localdate(),
    }
    status = 400 if refused or (form.is_bound and form.errors) else 200
    return render(request, "counselling/review_detail.html", context, status=status)


@require_POST
@role_required(Role.JOBSEEKER)
def my_review_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    jobseeker = own_record(request)
    review = review_get(pk=pk)
    if review is None or review.jobseeker_id != jobseeker.pk:
        raise Http404
    form = EscalationForm(request.POST, auto_id=f"id_esc{pk}_%s")
    if form.is_valid():
        try:
            review_escalate(actor=request.user, review=review, message=form.cleaned_data["message"])
        except InputError as error:
            add_input_error(form, error)
        else:
            messages.success(request, _("Your request was passed to the team lead."))
            return redirect("jobseeker_home")
    context = jobseeker_page(request, jobseeker, escalation=(pk, form))
    return render(request, "caseload/self_service.html", context, status=400)
