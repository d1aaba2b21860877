from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openpes.web.accounts.models import Team
from openpes.web.oversight.enums import OversightAction
from openpes.web.trail.enums import Action

_REASON_HELP = _("Say why, in a few words: it goes into the audit trail and the provider notice.")


def _reason(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        min_length=3,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_REASON_HELP,
        error_messages={
            "required": _("Enter a reason"),
            "min_length": _("Enter a reason of at least a few words"),
        },
    )


class PauseForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Where"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("The whole service"),
        help_text=_("Pause for the whole service, or only for one team or office."),
    )
    reason = _reason(_("Reason for pausing"))


class ResumeForm(forms.Form):
    pause = forms.IntegerField(widget=forms.HiddenInput)
    reason = _reason(_("Reason for resuming"))


class ConfirmPauseForm(forms.Form):
    pause = forms.IntegerField(widget=forms.HiddenInput)
    reason = _reason(_("Why the pause stays"))


class AlertAcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AlertResolveForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        min_length=3,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Enter a note saying how the alert was resolved"),
            "min_length": _("Enter a note of at least a few words"),
        },
    )


def trail_actions() -> list[tuple[str, str]]:
    return [*Action.choices, *OversightAction.choices]


class TrailFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Person (user name)"), required=False, max_length=150)
    subject = forms.CharField(label=_("Subject"), required=False, max_length=255)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            ("", _("All actions")),
            ("oversight.", _("All oversight actions")),
            *trail_actions(),
        ]

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must be on or after the start date"))
        return data
