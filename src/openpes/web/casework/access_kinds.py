"""What a read or change of a person's record was, in words: the access log of "My data".

The trail stores short codes (the page read, ``"my-data"``, or the kind of change,
``"note.added"``); the JSON download keeps them for machines, the page and its readable
download name them in the reader's language. A code not listed here (one a later app adds)
is shown as stored.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACCESS_KINDS = {
    # The pages that read the record (``jobseeker_record_view``'s ``page``).
    "self-service": _("Your profile page"),
    "my-data": _("Your “My data” page"),
    "my-data.json": _("Download of your data (JSON)"),
    "my-data.html": _("Download of your data (readable page)"),
    "counsellor": _("Your file as counsellors see it"),
    "meeting-summary": _("Printed meeting summary"),
    "skill-search": _("Search for skills"),
    "admin": _("The administration pages"),
    "api": _("Another system of the service (API)"),
    # What another system read through the API.
    "jobseekers": _("Your record, through the API"),
    "outcomes": _("Employment outcomes, through the API"),
    "decisions": _("Decisions on suggestions, through the API"),
    "assessments": _("Support-needs assessments, through the API"),
    "review-requests": _("Review requests, through the API"),
    # Reviews, assessments and decisions.
    "review.requested": _("Review request sent"),
    "review.opened": _("Review request read"),
    "review.answered": _("Review request answered"),
    "review.escalated": _("Review request passed to the team lead"),
    "assessment.counsellor_first": _("The counsellor’s own view of your support needs"),
    "assessment.model_shown": _("The model’s estimate shown to the counsellor"),
    "assessment.final": _("Support needs decided"),
    "suggestion.vacancy": _("Decision on a suggested vacancy"),
    "suggestion.training": _("Decision on a suggested training"),
    "vacancy.response": _("Your answer to a suggested vacancy"),
    # Casework.
    "note.added": _("Note added"),
    "appointment.added": _("Appointment added"),
    "plan.goal_added": _("Goal added to the action plan"),
    "plan.step_added": _("Step added to the action plan"),
    "plan.step_done": _("Step of the action plan done"),
}
