from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    """What the counsellor did with a suggestion."""

    ACCEPTED = "accepted", _("Accepted")
    ADAPTED = "adapted", _("Adapted")
    REJECTED = "rejected", _("Rejected")


class NeedBand(models.TextChoices):
    LOW = "low", _("Low need for support")
    MEDIUM = "medium", _("Medium need for support")
    HIGH = "high", _("High need for support")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a counsellor")
    ANSWERED = "answered", _("Answered")
    ESCALATED = "escalated", _("Waiting for the team lead")
    CLOSED = "closed", _("Answered by the team lead")


class ReviewOutcome(models.TextChoices):
    """What a review decided about the item the job seeker asked about."""

    KEEP = "keep", _("Kept as it was")
    CHANGE = "change", _("Changed")
    CORRECT = "correct", _("Data corrected")


class ReviewLevel(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    TEAM_LEAD = "team_lead", _("Team lead")


class ReviewTopic(models.TextChoices):
    ASSESSMENT = "assessment", _("My support-needs assessment")
    SUGGESTION = "suggestion", _("A suggested vacancy or training")
    DATA = "data", _("My data")


class ReviewDataField(models.TextChoices):
    """The parts of their data a job seeker can ask a person to check."""

    SKILLS = "skills", _("My skills")
    EXPERIENCE = "experience", _("My work history")
    EDUCATION = "education", _("My education level")
    LANGUAGES = "languages", _("My languages")
    LICENCE = "driving_licence", _("My driving licence")
    PREFERENCES = "preferences", _("My wishes (occupations, distance, hours, contract)")
    REGISTRATION = "registration", _("My registration date and earlier unemployment")
    CIRCUMSTANCES = "circumstances", _("My health limitation or care duties as recorded")


class VacancyResponse(models.TextChoices):
    """What the job seeker did with a suggested vacancy; outcomes feed the matching monitors."""

    SAVED = "saved", _("Saved")
    NOT_INTERESTED = "not_interested", _("Not interested")
    APPLIED = "applied", _("Applied")
    INTERVIEW = "interview", _("Invited to an interview")
    HIRED = "hired", _("Hired")
    NO_ANSWER = "no_answer", _("No answer from the employer")
