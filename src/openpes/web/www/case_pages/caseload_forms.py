from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from openpes.web.caseload.enums import Contract, Hours, RegistrationLength
from openpes.web.casework.selectors import WORKBENCH_SORTS
from openpes.web.counselling.enums import NeedBand
from openpes.web.www.case_pages.widgets import FastWidgetsForm


class CaseloadFilterForm(FastWidgetsForm):
    q = forms.CharField(label=_("Search by name or reference"), required=False, max_length=100)
    registration = forms.ChoiceField(
        label=_("Registered for"),
        required=False,
        choices=[("", _("Any length"))] + RegistrationLength.choices,
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    occupation = forms.ChoiceField(label=_("Past occupation"), required=False)
    band = forms.ChoiceField(
        label=_("Support needs (decided)"),
        required=False,
        choices=[("", _("Any")), *NeedBand.choices],
    )
    reviews = forms.ChoiceField(
        label=_("Review requests"),
        required=False,
        choices=[("", _("Any")), ("open", _("With an open request"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("registered", _("Longest registered first")),
            ("-registered", _("Most recently registered first")),
            ("reference", _("Reference")),
            ("band", _("Support needs")),
            ("reviews", _("Most open review requests first")),
            ("last_contact", _("Longest without contact first")),
            ("next_appointment", _("Next appointment first")),
        ],
    )

    def __init__(self, *args, regions=(), occupations=(), national=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *regions]
        # National codes (``scheme:code``, grouped by scheme) stand for the ESCO
        # occupations of their ISCO-08 groups.
        esco = [("ESCO", list(occupations))] if national else list(occupations)
        self.fields["occupation"].choices = [("", _("All occupations")), *esco, *national]

    def cleaned_or_defaults(self) -> dict[str, str]:
        if not self.is_valid():
            return {"query": "", "region": "", "occupation": "", "registration": ""}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "region": data["region"],
            "occupation": data["occupation"],
            "registration": data["registration"],
        }

    def workbench(self) -> dict[str, str]:
        """Band, review and sort choices, applied over the annotated caseload."""
        if not self.is_valid():
            return {"band": "", "reviews": "", "sort": "name"}
        data = self.cleaned_data
        return {
            "band": data["band"],
            "reviews": data["reviews"],
            "sort": data["sort"] if data["sort"] in WORKBENCH_SORTS else "name",
        }


SKILL_QUERY_MAX = 100


class SkillSearchForm(FastWidgetsForm):
    fields_fixed = True
    skill_q = forms.CharField(
        label=_("Find an ESCO skill"),
        max_length=SKILL_QUERY_MAX,
        required=False,
        error_messages={
            # The form picks by the validator's limit_value when the message is filled in.
            "max_length": ngettext_lazy(
                "Shorten your search: a skill search can be at most "
                "%(limit_value)s character long.",
                "Shorten your search: a skill search can be at most "
                "%(limit_value)s characters long.",
                "limit_value",
            )
        },
    )

    def query(self) -> str:
        """The text to search for; empty when nothing was asked or the search is too long."""
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data["skill_q"]


class SkillForm(FastWidgetsForm):
    skill_uri = forms.CharField(max_length=200, widget=forms.HiddenInput)


class PreferencesForm(FastWidgetsForm):
    fields_fixed = True
    max_distance_km = forms.FloatField(
        label=_("Maximum travel distance (km)"), min_value=0, max_value=500
    )
    preferred_hours = forms.ChoiceField(label=_("Working hours"), choices=Hours.choices)
    preferred_contract = forms.ChoiceField(label=_("Contract"), choices=Contract.choices)


class CorrectionForm(FastWidgetsForm):
    """What a job seeker may correct themselves; the rest goes through a review request."""

    isced = forms.TypedChoiceField(
        label=_("Education (ISCED level)"),
        coerce=int,
        choices=[(level, str(level)) for level in range(0, 9)],
        help_text=_("0 = early childhood, 3 = upper secondary, 6 = bachelor, 8 = doctorate."),
    )
    languages = forms.CharField(
        label=_("Languages you speak"),
        max_length=100,
        required=False,
        help_text=_("Two-letter codes separated by commas, for example: en, fr, nl."),
    )
    driving_licence = forms.BooleanField(label=_("I have a driving licence"), required=False)

    def clean_languages(self) -> list[str]:
        codes = [c.strip().lower() for c in self.cleaned_data["languages"].split(",") if c.strip()]
        bad = [c for c in codes if len(c) != 2 or not c.isalpha()]
        if bad:
            raise forms.ValidationError(
                _("Use two-letter language codes, for example “en” or “fr” (not: %(bad)s).")
                % {"bad": ", ".join(bad)}
            )
        return list(dict.fromkeys(codes))
