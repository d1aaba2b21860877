"""What a person typed into a form the server could not take, to show back to them.

When a refusal has no field to stand at (the decision names nothing on the page, the
request was answered in another tab), the GOV.UK pattern still keeps the input: the page
says why and shows what was typed, labelled as the form labels it
(``components/_kept_input.html``).
"""

from __future__ import annotations

from django import forms


def kept_input(form: forms.Form, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, value) of each of ``names`` that holds text, as typed (the template escapes
    it); a choice is shown by its label, and a value that is no choice not at all."""
    kept = []
    for name in names:
        field = form.fields[name]
        value = str(form.data.get(name, ""))
        if isinstance(field, forms.ChoiceField):
            value = str(dict(field.choices).get(value, ""))
        if value.strip():
            kept.append((str(field.label), value))
    return kept
