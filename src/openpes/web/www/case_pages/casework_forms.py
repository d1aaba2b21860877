"""Forms for case notes, appointments and the action plan."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openpes.web.casework.enums import InternalReason, NoteKind, StepKind, StepOwner
from openpes.web.www.case_pages.widgets import FastWidgetsForm


class NoteForm(FastWidgetsForm):
    fields_fixed = True
    prefix = "note"  # several forms share the case page
    kind = forms.ChoiceField(label=_("Type"), choices=NoteKind.choices)
    occurred_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    text = forms.CharField(
        label=_("Note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The job seeker can read this note, unless you choose a reason below."),
    )
    internal_reason = forms.ChoiceField(
        label=_("Hide from the job seeker only because"),
        choices=[("", _("Do not hide: the job seeker can read it")), *InternalReason.choices],
        required=False,
    )


class AppointmentForm(FastWidgetsForm):
    fields_fixed = True
    prefix = "appt"  # several forms share the case page
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    kind = forms.ChoiceField(label=_("Type"), choices=NoteKind.choices[:3])
    purpose = forms.CharField(label=_("Purpose"), max_length=300)


class GoalForm(FastWidgetsForm):
    fields_fixed = True
    prefix = "goal"  # several forms share the case page
    title = forms.CharField(label=_("New goal"), max_length=300)


class StepForm(FastWidgetsForm):
    prefix = "step"  # several forms share the case page
    goal = forms.ChoiceField(label=_("Goal"))
    kind = forms.ChoiceField(label=_("Type of step"), choices=StepKind.choices)
    title = forms.CharField(label=_("Step"), max_length=300)
    owner = forms.ChoiceField(label=_("Who does it"), choices=StepOwner.choices)
    due_on = forms.DateField(
        label=_("Due by"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, goals=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [(str(g.pk), g.title) for g in goals]
