from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """Actions recorded in the trail. Stored as plain strings so later apps can add more."""

    LOGIN = "auth.login", _("Signed in")
    LOGOUT = "auth.logout", _("Signed out")
    LOGIN_FAILED = "auth.login_failed", _("Failed sign-in")
    LOCKED_OUT = "auth.locked_out", _("Locked out after failed sign-ins")
    PASSWORD_CHANGED = "auth.password_changed", _("Changed password")
    ACCESS_DENIED = "access.denied", _("Access denied")
    RECORD_VIEWED = "record.viewed", _("Viewed a personal record")
    RECORD_CHANGED = "record.changed", _("Changed a personal record")
    DECISION_RECORDED = "decision.recorded", _("Recorded a decision")
    SUGGESTIONS_OPENED = "suggestions.opened", _("Opened suggestions")
    REVIEW_REQUESTED = "review.requested", _("Asked for a human review")
    ADMIN_ADDED = "admin.added", _("Added an object in the administration")
    ADMIN_CHANGED = "admin.changed", _("Changed an object in the administration")
    ADMIN_DELETED = "admin.deleted", _("Deleted an object in the administration")
    RECORD_ERASED = "record.erased", _("Erased a job seeker's personal data")
    ACCOUNT_LINKED = "account.linked", _("Gave a job seeker their own account")
    # An account made outside the admin (which records admin.added) and the app's services:
    # ``openpes manage createsuperuser``, a script calling create_user.
    ACCOUNT_CREATED = "account.created", _("Created an account outside the administration")
