from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from openpes.web.caseload.enums import Contract, Hours, RegistrationLength
from openpes.web.caseload.selectors import SORTS


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name or reference"), required=False, max_length=100)
    registration = forms.ChoiceField(
        label=_("Registered for"),
        required=False,
        choices=[("", _("Any length"))] + RegistrationLength.choices,
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    occupation = forms.ChoiceField(label=_("Past occupation"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("registered", _("Longest registered first")),
            ("-registered", _("Most recently registered first")),
            ("reference", _("Reference")),
        ],
    )

    def __init__(self, *args, regions=(), occupations=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *regions]
        self.fields["occupation"].choices = [("", _("All occupations")), *occupations]

    def cleaned_or_defaults(self) -> dict[str, str]:
        if not self.is_valid():
            return {"query": "", "region": "", "occupation": "", "registration": "", "sort": "name"}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "region": data["region"],
            "occupation": data["occupation"],
            "registration": data["registration"],
            "sort": data["sort"] if data["sort"] in SORTS else "name",
        }


class SkillSearchForm(forms.Form):
    skill_q = forms.CharField(label=_("Find an ESCO skill"), max_length=100, required=False)


class SkillForm(forms.Form):
    skill_uri = forms.CharField(max_length=200, widget=forms.HiddenInput)


class PreferencesForm(forms.Form):
    max_distance_km = forms.FloatField(
        label=_("Maximum travel distance (km)"), min_value=0, max_value=500
    )
    preferred_hours = forms.ChoiceField(label=_("Working hours"), choices=Hours.choices)
    preferred_contract = forms.ChoiceField(label=_("Contract"), choices=Contract.choices)
