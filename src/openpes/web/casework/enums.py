from django.db import models
from django.utils.translation import gettext_lazy as _


class NoteKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone call")
    MESSAGE = "message", _("Message")
    NOTE = "note", _("Note (no contact)")


#: Kinds that count as contact with the job seeker.
CONTACT_KINDS = (NoteKind.MEETING, NoteKind.PHONE, NoteKind.MESSAGE)


class InternalReason(models.TextChoices):
    """The only grounds on which a note may be hidden from the job seeker (docs/guides.md).

    GDPR Art. 15(4): access must not harm the rights of others; Art. 23 lets the law restrict
    access for safety and for investigations. Anything else the job seeker may read.
    """

    THIRD_PARTY = "third_party", _("It contains information about another person")
    SAFETY = "safety", _("Showing it could put someone's safety at risk")
    INVESTIGATION = "investigation", _("It concerns an investigation the law keeps confidential")


class StepOwner(models.TextChoices):
    JOBSEEKER = "jobseeker", _("Job seeker")
    COUNSELLOR = "counsellor", _("Counsellor")


class StepKind(models.TextChoices):
    VACANCY = "vacancy", _("Apply to a vacancy")
    TRAINING = "training", _("Follow a training")
    COURSE = "course", _("Take a course")
    OTHER = "other", _("Other step")
