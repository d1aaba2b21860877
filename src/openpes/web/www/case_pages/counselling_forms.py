"""Forms of the counselling work shown on the case pages and in the review inbox."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from openpes.errors import InputError
from openpes.i18n import translate
from openpes.web.counselling.enums import NeedBand, ReviewOutcome, VacancyResponse, Verdict
from openpes.web.www.case_pages.widgets import FastWidgetsForm


def add_input_error(form: forms.Form, error: InputError) -> None:
    """Show a service's InputError at its field (or at the top when it names none)."""
    field = error.column if error.column in form.fields else None
    if field is not None and form.fields[field].widget.is_hidden:
        field = None  # a hidden field has no place to show its message
    # A core Message renders in English as str(); translate it into the page's language.
    form.add_error(field, translate(error.reason, get_language()))


class SuggestionDecisionForm(FastWidgetsForm):
    fields_fixed = True
    # Only a pointer to what the server showed; item, rank and score are looked up from it.
    shown = forms.IntegerField(widget=forms.HiddenInput)
    item_id = forms.CharField(max_length=64, widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        label=_("Your decision"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "A few words the job seeker could read, e.g. “shift hours do not fit child care”."
        ),
    )
    adaptation = forms.CharField(
        label=_("What did you adapt? (only for “Adapted”)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    add_to_plan = forms.BooleanField(
        label=_("Add “apply to this vacancy” to the action plan (when accepted or adapted)"),
        required=False,
    )


class CounsellorBandForm(FastWidgetsForm):
    fields_fixed = True
    counsellor_band = forms.ChoiceField(
        label=_("Your own assessment, before you see the model's"),
        choices=NeedBand.choices,
        widget=forms.RadioSelect,
    )


class FinalBandForm(FastWidgetsForm):
    fields_fixed = True
    final_band = forms.ChoiceField(
        label=_("Your decision"), choices=NeedBand.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Say why, especially where you differ from the model. The job seeker reads this."
        ),
    )


class _ShownItemField(forms.ChoiceField):
    """Lists what the page offers now, but leaves the check to ``review_item_for``.

    An item shown on an earlier load of the page is not among today's choices and is still
    valid; Django's own refusal would also print the internal key to the job seeker.
    """

    def valid_value(self, value: str) -> bool:
        return True


class ReviewRequestForm(FastWidgetsForm):
    item = _ShownItemField(label=_("What should be reviewed?"))
    message = forms.CharField(
        label=_("What is wrong, in your own words?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, items=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.key, i.label) for i in items]


class EscalationForm(FastWidgetsForm):
    message = forms.CharField(
        label=_("Why is the answer not enough?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewAnswerForm(FastWidgetsForm):
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    new_verdict = forms.ChoiceField(
        label=_("New decision on the suggestion (only when you change it)"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    new_band = forms.ChoiceField(
        label=_("New support-needs band (only when you change it)"),
        choices=NeedBand.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    explanation = forms.CharField(
        label=_("What you considered"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "In plain language: the facts about this person you looked at and the principles "
            "you applied (for example: “vacancies are suggested when you hold most of the "
            "essential skills and live within your travel distance”). Do not quote a formula "
            "or a score."
        ),
    )
    would_change = forms.CharField(
        label=_("What would have changed the result"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Which facts, if they were different, would lead to another result (for example: "
            "“with a forklift certificate this vacancy would rank first”)."
        ),
    )

    def __init__(self, *args, topic: str = "", **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        other = ReviewOutcome.CORRECT if topic == "data" else ReviewOutcome.CHANGE
        self.fields["outcome"].choices = [
            (ReviewOutcome.KEEP.value, ReviewOutcome.KEEP.label),
            (other.value, other.label),
        ]
        if topic != "suggestion":
            del self.fields["new_verdict"]
        if topic != "assessment":
            del self.fields["new_band"]


class VacancyResponseForm(FastWidgetsForm):
    fields_fixed = True
    shown = forms.IntegerField(widget=forms.HiddenInput)
    item_id = forms.CharField(max_length=64, widget=forms.HiddenInput)
    response = forms.ChoiceField(
        label=_("What will you do with this vacancy?"),
        choices=VacancyResponse.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
