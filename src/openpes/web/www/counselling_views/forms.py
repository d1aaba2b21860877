from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openpes.web.counselling.enums import NeedBand, ReviewTopic, Verdict


class SuggestionDecisionForm(forms.Form):
    item_kind = forms.ChoiceField(
        choices=[("vacancy", "vacancy"), ("training", "training")], widget=forms.HiddenInput
    )
    item_id = forms.CharField(max_length=64, widget=forms.HiddenInput)
    rank = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    score = forms.FloatField(widget=forms.HiddenInput)
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


class CounsellorBandForm(forms.Form):
    counsellor_band = forms.ChoiceField(
        label=_("Your own assessment, before you see the model's"),
        choices=NeedBand.choices,
        widget=forms.RadioSelect,
    )


class FinalBandForm(forms.Form):
    final_band = forms.ChoiceField(
        label=_("Your decision"), choices=NeedBand.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say why, especially where you differ from the model."),
    )


class ReviewRequestForm(forms.Form):
    topic = forms.ChoiceField(label=_("What should be reviewed?"), choices=ReviewTopic.choices)
    message = forms.CharField(
        label=_("What is wrong, in your own words?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
