"""A core error shown at a form's field speaks the page's language, not English."""

from __future__ import annotations

from django import forms
from django.utils import translation

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.web.www.case_pages.counselling_forms import add_input_error

_ = messages("openpes.readiness")


class _Form(forms.Form):
    reason = forms.CharField()


def test_a_core_message_is_shown_in_the_page_language():
    # A core Message (lazy, per language) with real plurals, as readiness raises it.
    error = InputError(
        _.ngettext("duplicate dimension id: {ids}", "duplicate dimension ids: {ids}", 2).format(
            ids="a, b"
        ),
        column="reason",
    )
    form = _Form(data={"reason": "x"})
    form.is_valid()
    with translation.override("fr"):
        add_input_error(form, error)
    shown = form.errors["reason"][0]
    assert "duplicate" not in shown and "a, b" in shown, shown
