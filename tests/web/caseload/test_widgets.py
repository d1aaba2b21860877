"""The fast choice widgets write exactly what Django's widget templates write."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django import forms
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext_lazy

from openpes.web.www.case_pages.caseload_forms import (
    CaseloadFilterForm,
    CorrectionForm,
    PreferencesForm,
)
from openpes.web.www.case_pages.casework_forms import AppointmentForm, NoteForm
from openpes.web.www.case_pages.counselling_forms import (
    CounsellorBandForm,
    FinalBandForm,
    SuggestionDecisionForm,
    VacancyResponseForm,
)
from openpes.web.www.case_pages.widgets import (
    FAST_WIDGETS,
    FastRadioSelect,
    FastSelect,
    FastWidgetsForm,
)

CHOICES = [
    ("", gettext_lazy("Any")),
    ("a&b", "Fish & chips <b>"),
    ("x", "Quote \" and ' here"),
    (3, "Three"),
]
GROUPED = [("Group <1>", [("g1", "One"), ("g2", "Two")]), ("solo", "Solo")]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, "", "a&b", "3", "g2", "missing"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_f", "aria-describedby": "id_f_help", "required": True, "class": "c"}],
)
@pytest.mark.parametrize("pair", [(forms.Select, FastSelect), (forms.RadioSelect, FastRadioSelect)])
def test_the_same_html_as_django(pair, choices, value, attrs):
    django_widget, fast_widget = (cls(choices=choices) for cls in pair)
    expected = django_widget.render("field", value, attrs=attrs)
    assert fast_widget.render("field", value, attrs=attrs) == expected


def test_a_bound_form_field_renders_the_same():
    class Django(forms.Form):
        pick = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
        one = forms.ChoiceField(choices=CHOICES)

    class Fast(forms.Form):
        pick = forms.ChoiceField(choices=CHOICES, widget=FastRadioSelect)
        one = forms.ChoiceField(choices=CHOICES, widget=FastSelect)

    data = {"pick": "x", "one": "nope"}
    for name in ("pick", "one"):
        assert str(Fast(data)[name]) == str(Django(data)[name])
        assert str(Fast()[name]) == str(Django()[name])


@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(),
        forms.TextInput(attrs={"maxlength": 10, "autofocus": True, "hidden": False}),
        forms.NumberInput(attrs={"step": "any"}),
        forms.EmailInput(),
        forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        forms.HiddenInput(),
        forms.CheckboxInput(),
        forms.Textarea(attrs={"rows": 2}),
    ],
    ids=lambda w: type(w).__name__,
)
@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "plain",
        'a<b> & "c"',
        0,
        2.5,
        True,
        False,
        dt.date(2026, 1, 2),
        dt.datetime(2026, 1, 2, 9, 30),
    ],
)
def test_every_fast_input_writes_djangos_html(widget, value):
    fast = copy.deepcopy(widget)
    fast.__class__ = FAST_WIDGETS[type(widget)]
    for attrs in (None, {"id": "id_x", "aria-invalid": "true"}):
        assert fast.render("x", value, attrs=attrs) == widget.render("x", value, attrs=attrs)


@pytest.mark.parametrize(
    "form_class",
    [
        CaseloadFilterForm,
        PreferencesForm,
        CorrectionForm,
        SuggestionDecisionForm,
        NoteForm,
        AppointmentForm,
        FinalBandForm,
        CounsellorBandForm,
    ],
)
def test_the_page_forms_render_as_with_djangos_widgets(form_class):
    def plain(*args):
        form = form_class(*args)
        for field in form.fields.values():
            for slow, fast in FAST_WIDGETS.items():
                if type(field.widget) is fast:
                    field.widget.__class__ = slow
        return form

    data = {name: "x<" for name in form_class.base_fields}
    for args in ((), (data,)):
        fast, slow = form_class(*args), plain(*args)
        assert any(type(f.widget) in FAST_WIDGETS.values() for f in fast.fields.values())
        for name in fast.fields:
            assert str(fast[name]) == str(slow[name])


@pytest.mark.parametrize(
    "form_class",
    [
        CaseloadFilterForm,
        PreferencesForm,
        SuggestionDecisionForm,
        NoteForm,
        FinalBandForm,
        CounsellorBandForm,
        VacancyResponseForm,
    ],
)
def test_fast_html_is_the_form_component_byte_for_byte(form_class):
    template = get_template("components/_form_fields.html")
    data = {name: "x<" for name in form_class.base_fields}
    for form in (form_class(auto_id="id_V1_%s"), form_class(data, auto_id="id_V1_%s")):
        form.is_valid()
        if form.is_bound:
            form.add_error(None, "Whole-form <problem>")
        assert form.fast_html() == template.render({"form": form})


FIXED = [
    SuggestionDecisionForm,
    VacancyResponseForm,
    NoteForm,
    AppointmentForm,
    CounsellorBandForm,
    FinalBandForm,
    PreferencesForm,
]


@pytest.mark.parametrize("language", ["en", "fr", "ko"])
@pytest.mark.parametrize("form_class", FIXED)
def test_an_unbound_form_written_once_is_the_component_for_every_item(form_class, language):
    """A fields_fixed form's HTML is written once; each item's auto_id and hidden values are
    put in as the widgets would escape them, whatever the item's id holds."""
    assert form_class.fields_fixed
    template = get_template("components/_form_fields.html")
    hidden = [n for n, f in form_class.base_fields.items() if f.widget.is_hidden]
    with translation.override(language):
        for item in ("VAC-1", "VAC-\"<&>'-2", "0", "A\x01B\x00C"):
            initial = {name: f"{item}/{name}" for name in hidden}
            if "occurred_on" in form_class.base_fields:
                initial["occurred_on"] = dt.date(2026, 12, 3)
            form = form_class(initial=initial, auto_id=f"id_{item}_%s")
            assert form._unbound_key() is not None
            assert form.fast_html() == template.render({"form": form})
        # Another visible initial value is another HTML, not the one written first.
        if "occurred_on" in form_class.base_fields:
            later = form_class(initial={"occurred_on": dt.date(2026, 12, 4)})
            assert "2026-12-04" in later.fast_html()


def test_a_form_that_changes_its_fields_cannot_claim_fixed_fields():
    with pytest.raises(TypeError, match="changes its fields"):

        class Changing(FastWidgetsForm):  # noqa: F841 (the class statement is the test)
            fields_fixed = True
            choice = forms.ChoiceField(choices=[])

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["choice"].choices = [("a", "A")]


def test_a_bound_or_empty_valued_form_is_written_in_full():
    assert SuggestionDecisionForm({"verdict": "x"})._unbound_key() is None
    assert SuggestionDecisionForm(initial={"shown": "", "item_id": "V"})._unbound_key() is None
    assert SuggestionDecisionForm(auto_id=False)._unbound_key() is None


def test_the_written_forms_kept_per_worker_are_bounded(monkeypatch):
    from openpes.web.www.case_pages import widgets

    monkeypatch.setattr(widgets, "_UNBOUND", {})
    monkeypatch.setattr(widgets, "_UNBOUND_MAX", 3)
    for km in range(10):
        form = PreferencesForm(
            initial={"max_distance_km": km, "preferred_hours": "", "preferred_contract": ""}
        )
        assert f'value="{km}"' in form.fast_html()
        assert len(widgets._UNBOUND) <= 3
