"""A review request its counsellor has answered: where the tests of what comes after start."""

from __future__ import annotations

from typing import Any

from openpes.web.counselling.models import ReviewRequest
from openpes.web.counselling.review_services import review_answer, review_request


def answered_review(*, counsellor: Any, person: Any, message: str) -> ReviewRequest:
    """``person`` asks for a review of their skills; ``counsellor`` keeps them, and says what
    would have changed the answer."""
    review = review_request(
        actor=person.user, jobseeker=person, item="data:skills", message=message
    )
    review_answer(
        actor=counsellor,
        review=review,
        outcome="keep",
        explanation="The skills come from your registration.",
        would_change="A certificate.",
    )
    return review
