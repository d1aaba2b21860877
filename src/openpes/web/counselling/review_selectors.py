"""Reads for human reviews: what a job seeker may ask about, the inbox, oversight counts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpes.errors import InputError
from openpes.web.accounts.enums import Role
from openpes.web.accounts.selectors import team_member_ids, user_roles
from openpes.web.caseload.models import JobSeeker, ProtectedAttributes
from openpes.web.counselling.enums import ReviewDataField, ReviewStatus, ReviewTopic
from openpes.web.counselling.models import (
    ReviewAnswer,
    ReviewRequest,
    ShownSuggestion,
    SupportAssessment,
)
from openpes.web.counselling.selectors import latest_assessment

SELF_SERVICE_PAGE = "self-service"

#: A key the review form names: ASCII digits only ("²" is a digit to ``str.isdigit``).
ITEM_KEY = re.compile(r"(suggestion|assessment):([0-9]{1,18})", re.ASCII)

NOT_OFFERED = gettext_lazy("Choose what should be reviewed from the list.")
LIST_EXPIRED = gettext_lazy(
    "The list you chose from is out of date. Choose again from the list as it is now; "
    "your message is kept."
)


@dataclass(frozen=True)
class ReviewItem:
    """One thing a job seeker can ask a person to review, keyed for a form choice."""

    key: str
    topic: ReviewTopic
    label: str
    shown_id: int | None = None
    assessment_id: int | None = None
    data_field: str = ""
    shown_item_id: str = ""


def _assessment_label(assessment: SupportAssessment) -> str:
    date = formats.date_format(assessment.decided_at, "DATE_FORMAT")
    return _("My support-needs assessment (decided on %(date)s)") % {"date": date}


def _latest_shown(jobseeker: JobSeeker, user: Any) -> list[ShownSuggestion]:
    """The suggestions on the job seeker's page as it was last shown to them."""
    last = jobseeker.suggestion_sets.filter(shown_to_id=user.pk, page=SELF_SERVICE_PAGE).first()
    return list(last.items.all()) if last else []


def _suggestion_item(item: ShownSuggestion) -> ReviewItem:
    return ReviewItem(
        f"suggestion:{item.pk}",
        ReviewTopic.SUGGESTION,
        _("Suggestion: %(label)s") % {"label": item.label},
        shown_id=item.pk,
        shown_item_id=item.item_id,
    )


_UNREAD: Any = object()


def review_items(
    *,
    jobseeker: JobSeeker,
    user: Any,
    decided: SupportAssessment | None = _UNREAD,
    shown: list[ShownSuggestion] | None = None,
) -> list[ReviewItem]:
    """What this job seeker can ask about: only items the server showed them.

    The job seeker's page passes what it has just read and stored (the decided assessment,
    the set it has just shown) instead of reading them a second time.
    """
    items = []
    if decided is _UNREAD:
        decided = latest_assessment(jobseeker=jobseeker)
    if decided is not None:
        items.append(
            ReviewItem(
                f"assessment:{decided.pk}",
                ReviewTopic.ASSESSMENT,
                _assessment_label(decided),
                assessment_id=decided.pk,
            )
        )
    items.extend(map(_suggestion_item, _latest_shown(jobseeker, user) if shown is None else shown))
    for value, label in ReviewDataField.choices:
        items.append(ReviewItem(f"data:{value}", ReviewTopic.DATA, str(label), data_field=value))
    return items


def shown_set_window() -> timedelta:
    """How long a suggestion shown on the job seeker's page can still be asked about.

    Every view of the page records a new set, so a form from another tab, an older load or
    an error page names an earlier set. A time window, not "the last N sets": one person
    may open the page many times in an hour (each failed form shows it again), and no N fits
    both that and a tab left open. The window is the login session's length: a page older
    than that cannot be sent by this login anyway (logging in again renews the CSRF token),
    and a suggestion that old may no longer be what the page offers.
    """
    return timedelta(seconds=settings.SESSION_COOKIE_AGE)


def earlier_suggestion(*, jobseeker: JobSeeker, user: Any, key: str) -> ShownSuggestion | None:
    """The suggestion ``key`` names, if it was shown to ``user`` on this person's own page."""
    named = ITEM_KEY.fullmatch(key)
    if named is None or named.group(1) != "suggestion":
        return None
    return (
        ShownSuggestion.objects.filter(
            pk=int(named.group(2)),
            suggestion_set__jobseeker=jobseeker,
            suggestion_set__shown_to_id=getattr(user, "pk", None),
            suggestion_set__page=SELF_SERVICE_PAGE,
        )
        .select_related("suggestion_set")
        .first()
    )


def review_item_for(
    *, jobseeker: JobSeeker, user: Any, key: str, items: list[ReviewItem] | None = None
) -> ReviewItem:
    """The item a review form names, resolved server-side to what was shown then.

    Accepted: an item the page offers now (``items``, else read), or a suggestion of an
    earlier set shown to this user on their own page within ``shown_set_window()``. An
    earlier set that has expired, or an assessment decided again since, is "out of date"
    (choose again); anything else (another person's item, an unknown id) is refused. The
    messages name no id: the key is internal.
    """
    offered = items if items is not None else review_items(jobseeker=jobseeker, user=user)
    chosen = next((i for i in offered if i.key == key), None)
    if chosen is not None:
        return chosen
    earlier = earlier_suggestion(jobseeker=jobseeker, user=user, key=key)
    if earlier is not None:
        if earlier.suggestion_set.shown_at >= timezone.now() - shown_set_window():
            return _suggestion_item(earlier)
        raise InputError(LIST_EXPIRED, column="item")
    named = ITEM_KEY.fullmatch(key)
    if named is not None and named.group(1) == "assessment":
        decided = SupportAssessment.objects.filter(pk=int(named.group(2)), jobseeker=jobseeker)
        if decided.exclude(final_band="").exists():
            raise InputError(LIST_EXPIRED, column="item")
    raise InputError(NOT_OFFERED, column="item")


def review_item_label(review: ReviewRequest) -> str:
    """The item a request is about, in the reader's language."""
    if review.topic == ReviewTopic.DATA and review.data_field in ReviewDataField.values:
        return str(ReviewDataField(review.data_field).label)
    if review.assessment_id is not None:
        return _assessment_label(review.assessment)
    if review.shown_id is not None:
        return _("Suggestion: %(label)s") % {"label": review.shown.label}
    return review.item_label or review.get_topic_display()


def reviews_of(*, jobseeker: JobSeeker) -> QuerySet[ReviewRequest]:
    return (
        ReviewRequest.objects.filter(jobseeker=jobseeker)
        .select_related("shown", "assessment")
        .prefetch_related("answers")
        .order_by("-created_at")
    )


def review_inbox(*, user: Any) -> QuerySet[ReviewRequest]:
    """Open requests a person must answer, soonest due (so overdue) first.

    A counsellor sees the open requests of their caseload; a team lead also sees the open
    requests of the whole team (the backlog) and the requests escalated to them.
    """
    roles = user_roles(user)
    mine = Q(jobseeker__counsellor=user, status=ReviewStatus.OPEN)
    if Role.TEAM_LEAD in roles:
        team = team_member_ids(lead=user) | {user.pk}
        mine |= Q(
            jobseeker__counsellor__in=team,
            status__in=[ReviewStatus.OPEN, ReviewStatus.ESCALATED],
        )
    elif Role.COUNSELLOR not in roles:
        return ReviewRequest.objects.none()
    return (
        ReviewRequest.objects.filter(mine)
        .select_related("jobseeker", "jobseeker__counsellor", "shown", "assessment")
        .order_by("due_on", "created_at")
    )


def reviews_with_latest_answer() -> QuerySet[ReviewRequest]:
    """Every review request with ``latest_answer``: what its newest answer says was
    considered (the team lead's after an escalation), or "" while unanswered.

    Answers live in ``ReviewAnswer``; the request's own ``answer`` column is a leftover of
    the first model and stays empty.
    """
    newest = ReviewAnswer.objects.filter(review=OuterRef("pk")).order_by("-answered_at", "-pk")
    return ReviewRequest.objects.select_related("jobseeker").annotate(
        latest_answer=Coalesce(
            Subquery(newest.values("explanation")[:1]), Value(""), output_field=TextField()
        )
    )


def review_get(*, pk: int) -> ReviewRequest | None:
    return (
        ReviewRequest.objects.filter(pk=pk)
        .select_related("jobseeker", "shown__suggestion_set", "assessment")
        .prefetch_related("answers__answered_by")
        .first()
    )


def open_review_count(*, jobseeker: JobSeeker) -> int:
    return jobseeker.review_requests.filter(
        status__in=[ReviewStatus.OPEN, ReviewStatus.ESCALATED]
    ).count()


def _age_band(age: int) -> str:
    return "<30" if age < 30 else "30-49" if age < 50 else "50+"


def review_outcomes_by_group(*, attribute: str) -> list[dict[str, Any]]:
    """Requests and their last outcome per protected group, for oversight monitors only.

    ``attribute`` is ``sex``, ``origin``, ``disability`` or ``age_band``. Counts are not
    suppressed: the caller must be an oversight officer (who may see small groups).
    """
    if attribute not in {"sex", "origin", "disability", "age_band"}:
        raise ValueError(attribute)
    groups = {
        p.jobseeker_id: (
            _age_band(p.age) if attribute == "age_band" else str(getattr(p, attribute))
        )
        for p in ProtectedAttributes.objects.all()
    }
    counts: dict[str, Counter[str]] = {}
    for review in ReviewRequest.objects.prefetch_related("answers"):
        group = groups.get(review.jobseeker_id, "unknown")
        answers = list(review.answers.all())
        outcome = answers[-1].outcome if answers else "open"
        tally = counts.setdefault(group, Counter())
        tally["requests"] += 1
        tally[outcome] += 1
        tally["escalated"] += review.escalated_at is not None
    return [
        {
            "group": group,
            "requests": tally["requests"],
            "open": tally["open"],
            "keep": tally["keep"],
            "change": tally["change"],
            "correct": tally["correct"],
            "escalated": tally["escalated"],
        }
        for group, tally in sorted(counts.items())
    ]
