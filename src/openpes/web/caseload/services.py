"""Writes for the caseload. Every read of a record and every change goes to the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openpes.errors import InputError
from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create
from openpes.web.caseload.enums import SkillSource
from openpes.web.caseload.models import JobSeeker, JobSeekerSkill
from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.trail.enums import Action
from openpes.web.trail.services import NewEvent, event_record


def _subject(jobseeker: JobSeeker) -> str:
    return f"jobseeker:{jobseeker.reference}"


def jobseeker_read_event(jobseeker: JobSeeker, *, page: str) -> NewEvent:
    """The trail event of a page's read of the record, for ``events_append`` with others."""
    return NewEvent(Action.RECORD_VIEWED, _subject(jobseeker), {"page": page})


def jobseeker_record_view(*, actor: Any, jobseeker: JobSeeker, page: str) -> None:
    """Write the read's event alone."""
    event = jobseeker_read_event(jobseeker, page=page)
    event_record(actor=actor, action=event.action, subject=event.subject, details=event.details)


@transaction.atomic
def jobseeker_skill_add(
    *, actor: Any, jobseeker: JobSeeker, skill_uri: str, source: SkillSource
) -> bool:
    """Add an ESCO skill; returns False if the person already had it."""
    try:
        taxonomy().label(skill_uri)
    except InputError as exc:
        # The core names the URI only; the form needs the field, in the reader's language.
        raise InputError(_("expected the URI of an ESCO skill"), column="skill_uri") from exc
    created = JobSeekerSkill.objects.get_or_create(
        jobseeker=jobseeker, skill_uri=skill_uri, defaults={"source": source}
    )[1]
    if created:
        event_record(
            actor=actor,
            action=Action.RECORD_CHANGED,
            subject=_subject(jobseeker),
            details={"skill_added": skill_uri, "source": str(source)},
        )
    return created


@transaction.atomic
def jobseeker_skill_remove(*, actor: Any, jobseeker: JobSeeker, skill_uri: str) -> bool:
    deleted = JobSeekerSkill.objects.filter(jobseeker=jobseeker, skill_uri=skill_uri).delete()[0]
    if deleted:
        event_record(
            actor=actor,
            action=Action.RECORD_CHANGED,
            subject=_subject(jobseeker),
            details={"skill_removed": skill_uri},
        )
    return bool(deleted)


PREFERENCE_FIELDS = ("max_distance_km", "preferred_hours", "preferred_contract")


@transaction.atomic
def jobseeker_preferences_update(*, actor: Any, jobseeker: JobSeeker, **changes: Any) -> list[str]:
    """Update job preferences; returns the names of the fields that changed."""
    unknown = set(changes) - set(PREFERENCE_FIELDS)
    if unknown:
        raise InputError(
            _("unknown preference fields %(unknown)s; expected some of %(expected)s")
            % {"unknown": ", ".join(sorted(unknown)), "expected": ", ".join(PREFERENCE_FIELDS)}
        )
    return _fields_change(actor, jobseeker, changes, details_key="preferences")


SELF_CORRECTABLE = ("isced", "languages", "driving_licence")


@transaction.atomic
def jobseeker_details_correct(*, actor: Any, jobseeker: JobSeeker, **changes: Any) -> list[str]:
    """The job seeker corrects their own education, languages or licence (GDPR Art. 16)."""
    unknown = set(changes) - set(SELF_CORRECTABLE)
    if unknown:
        raise InputError(
            _("unknown fields %(unknown)s; expected some of %(expected)s")
            % {"unknown": ", ".join(sorted(unknown)), "expected": ", ".join(SELF_CORRECTABLE)}
        )
    return _fields_change(actor, jobseeker, changes, details_key="corrected")


def _fields_change(
    actor: Any, jobseeker: JobSeeker, changes: dict[str, Any], *, details_key: str
) -> list[str]:
    """Save the fields whose value differs, and record each one's old and new value."""
    changed = [name for name, value in changes.items() if getattr(jobseeker, name) != value]
    if not changed:
        return []
    before = {name: getattr(jobseeker, name) for name in changed}
    for name in changed:
        setattr(jobseeker, name, changes[name])
    jobseeker.full_clean()
    jobseeker.save(update_fields=changed)
    event_record(
        actor=actor,
        action=Action.RECORD_CHANGED,
        subject=_subject(jobseeker),
        details={details_key: {n: {"from": before[n], "to": changes[n]} for n in changed}},
    )
    return changed


@transaction.atomic
def jobseeker_account_link(*, actor: Any, jobseeker: JobSeeker, email: str) -> tuple[Any, bool]:
    """Give a job seeker their own account, named by their e-mail address; (user, created).

    The account has no password: the person chooses one through the link that
    ``accounts.invite.account_invite_send`` mails. Asked again with the same address, the
    existing account is returned (so a lost or expired link can be sent again).
    """
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InputError(_("“%(value)s” is not an e-mail address") % {"value": email}) from None
    linked = jobseeker.user
    if linked is not None:
        if (linked.email or "").lower() == address:
            return linked, False
        raise InputError(
            _(
                "%(reference)s already has an account, with another e-mail address; to change "
                "it, an administrator edits the account"
            )
            % {"reference": jobseeker.reference}
        )
    users = get_user_model().objects
    if users.filter(Q(username__iexact=address) | Q(email__iexact=address)).exists():
        raise InputError(
            _("the e-mail address %(address)s belongs to another account already")
            % {"address": address}
        )
    user = user_create(
        username=address,
        password=None,
        role=Role.JOBSEEKER,
        first_name=jobseeker.first_name,
        last_name=jobseeker.last_name,
        email=address,
    )
    jobseeker.user = user
    jobseeker.save(update_fields=["user"])
    # The address is personal data: the trail names the record and the account, not it.
    event_record(
        actor=actor,
        action=Action.ACCOUNT_LINKED,
        subject=_subject(jobseeker),
        details={"user_id": user.pk},
    )
    return user, True
