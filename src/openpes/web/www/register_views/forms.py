from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openpes.register import ELEMENTS, Course

SCALE = [(str(i), str(i)) for i in range(1, 5)]


class ErrorReportForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong in the record?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Do not write personal details about yourself or others."),
    )
    contact = forms.CharField(
        label=_("E-mail or phone, if you want an answer (optional)"),
        max_length=200,
        required=False,
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class RetractForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the retraction"), max_length=1000)


class CourseForm(forms.Form):
    """One radio group per check question; marked on the server from the course itself."""

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in course.questions:
            self.fields[f"q_{question.id}"] = forms.ChoiceField(
                label=question.prompt,
                choices=[(str(i), option) for i, option in enumerate(question.options)],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )


class FriaElementsForm(forms.Form):
    """Art. 27(1)'s elements, in the page's language."""

    def __init__(self, *args: Any, titles: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in ELEMENTS:
            self.fields[f"element_{key}"] = forms.CharField(
                label=titles[key], widget=forms.Textarea(attrs={"rows": 3}), required=False
            )


class FriaRiskForm(forms.Form):
    group = forms.CharField(label=_("Group of people"), max_length=200)
    harm = forms.CharField(label=_("Harm"), max_length=1000)
    severity = forms.ChoiceField(label=_("Severity (1-4)"), choices=SCALE)
    likelihood = forms.ChoiceField(label=_("Likelihood (1-4)"), choices=SCALE)
    mitigation = forms.CharField(label=_("Mitigation"), max_length=1000, required=False)
    monitor = forms.CharField(label=_("Monitor that watches it"), max_length=64, required=False)
    complaint_route = forms.CharField(label=_("Complaint route"), max_length=200, required=False)


FriaRiskFormSet = forms.formset_factory(FriaRiskForm, extra=1, can_delete=True)
