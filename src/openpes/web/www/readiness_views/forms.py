from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from openpes import readiness as core
from openpes.web.accounts.enums import Role
from openpes.web.readiness.enums import SizeBand
from openpes.web.readiness.selectors import DONT_KNOW


def field_name(item_id: str) -> str:
    """Question ids contain dots; form field names (and HTML ids) keep to safe characters."""
    return item_id.replace(".", "__")


class StartForm(forms.Form):
    title = forms.CharField(label=_("Title of this assessment"), max_length=200)
    organisation_name = forms.CharField(
        label=_("Name of your organisation"), max_length=200, required=False
    )
    region = forms.CharField(
        label=_("Region"),
        max_length=100,
        required=False,
        help_text=_("Used only to group the anonymous benchmark, and only if you choose to share."),
    )
    size_band = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("Not given")), *SizeBand.choices]
    )

    def __init__(
        self, *args: Any, framework: core.Framework, language: str, needs_name: bool, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        if needs_name:
            self.fields["organisation_name"].required = True
        else:
            del self.fields["organisation_name"]
        self.risk_fields = []
        for question in framework.risk_questions:
            name = field_name(question.id)
            self.fields[name] = forms.ChoiceField(
                label=core.localise(question.text, language),
                required=False,
                choices=[("", _("Not decided yet (counted as the riskiest)"))]
                + [(o.id, core.localise(o.text, language)) for o in question.options],
            )
            self.risk_fields.append((question.id, name))

    def context(self) -> dict[str, str]:
        return {
            qid: self.cleaned_data[name]
            for qid, name in self.risk_fields
            if self.cleaned_data[name]
        }


class InviteForm(forms.Form):
    group = forms.ChoiceField(label=_("Respondent group"))
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        help_text=_("A pseudonym such as 'Counsellor, north office'. No name is needed."),
    )
    user = forms.ModelChoiceField(
        label=_("Who answers"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("I will enter the answers myself"),
    )

    def __init__(self, *args: Any, framework: core.Framework, language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [
            (g.id, core.localise(g.label, language)) for g in framework.respondent_groups
        ]
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(
                groups__name__in=[Role.TEAM_LEAD.value, Role.ADMIN.value], is_active=True
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )


class StepForm(forms.Form):
    """One dimension's questions; each answer is a level 0-4, "don't know" or left empty."""

    def __init__(self, *args: Any, dimension: core.Dimension, language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = []
        for question in dimension.questions:
            name = field_name(question.id)
            choices = [
                (str(level), core.localise(text, language))
                for level, text in enumerate(question.levels)
            ]
            choices.append((DONT_KNOW, str(_("Don't know"))))
            self.fields[name] = forms.ChoiceField(
                label=core.localise(question.text, language),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.questions.append((question.id, name))

    def answers(self) -> dict[str, str]:
        return {qid: self.cleaned_data.get(name, "") for qid, name in self.questions}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's validation errors on the form: at their field when the form has it.

    Services name fields by form field name or by question id (``risk.role``); the form's
    field for a question is :func:`field_name` of it. Anything else goes to the top.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = next((n for n in (name, field_name(name)) if n in form.fields), None)
        form.add_error(target, errors)
