from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openpes.web.exchange.enums import Theme
from openpes.web.exchange.models import OwnCase

PART_LABELS = {
    "readiness": _("Readiness results (already anonymous scores)"),
    "register": _("The register records we have published, with their safeguards"),
    "indicators": _("Oversight indicators per AI system (aggregates, no group below 10)"),
    "cases": _("Our cases (problem, approach, result and lessons)"),
}


class ShareForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("What to share"),
        help_text=_("Nothing is shared unless you tick it."),
        choices=list(PART_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one part to share.")},
    )


class CaseForm(forms.ModelForm):
    class Meta:
        model = OwnCase
        fields = [
            "title",
            "theme",
            "problem",
            "approach",
            "result",
            "lessons",
            "language",
            "country",
            "summary_en",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "approach": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "language": _("A two-letter code, e.g. fi, lv, ko."),
            "country": _("A two-letter code, e.g. FI, LV, KR."),
        }

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).upper()

    def clean_language(self) -> str:
        value = str(self.cleaned_data["language"]).lower()
        if not 2 <= len(value) <= 3 or not value.isalpha():
            raise forms.ValidationError(_("Enter a two- or three-letter language code."))
        return value


def _choices(values: list[str], everything: Any) -> list[tuple[str, Any]]:
    return [("", everything), *((v, v) for v in values)]


class BenchmarkFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    size_band = forms.ChoiceField(label=_("Size band"), required=False)

    def __init__(self, data: Any, *, values: dict[str, list[str]]) -> None:
        super().__init__(data)
        self.fields["region"].choices = _choices(values["region"], _("All regions"))
        self.fields["size_band"].choices = _choices(values["size_band"], _("All size bands"))


class CaseFilterForm(forms.Form):
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All themes")), *Theme.choices]
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    q = forms.CharField(label=_("Words"), required=False, max_length=100)

    def __init__(self, data: Any, *, countries: list[str]) -> None:
        super().__init__(data)
        self.fields["country"].choices = _choices(countries, _("All countries"))


def error_list(*forms_: forms.Form) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the GOV.UK-style error summary."""
    out = []
    for form in forms_:
        for error in form.non_field_errors():
            out.append(("main", str(error)))
        for field in form.visible_fields():
            for error in field.errors:
                anchor = field.auto_id + (
                    "_0" if field.widget_type == "checkboxselectmultiple" else ""
                )
                out.append((anchor, f"{field.label}: {error}"))
    return out
