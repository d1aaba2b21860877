"""Form widgets that write their HTML in Python, with Django's own markup.

Django renders every widget, ``<option>`` and radio button through two or three template
includes; for the caseload filter's 100-odd occupations, and the ten decision forms on a job
seeker's page, that was a large share of the page's time. These widgets produce byte-for-byte
the HTML of Django's templates (``tests/web/caseload/test_widgets.py`` checks it), only without
the template engine. ``FastWidgetsForm`` gives a form's standard widgets these classes.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from openpes.web.ui.templatetags.ui import field_widget


def _attrs(attrs: dict[str, Any]) -> str:
    # django/forms/widgets/attrs.html
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _text(value: Any) -> str:
    return str(conditional_escape(value))


class FastSelect(forms.Select):
    """``forms.Select`` (select.html, select_option.html) without the template engine."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{_text(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class FastRadioSelect(forms.RadioSelect):
    """``forms.RadioSelect`` (multiple_input.html, input_option.html) without templates."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        own = widget["attrs"]
        parts = ["<div"]
        if own.get("id"):
            parts.append(f' id="{_text(own["id"])}"')
        if own.get("class"):
            parts.append(f' class="{_text(own["class"])}"')
        parts.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(f"\n  <div><label>{_text(group)}</label>")
            for option in options:
                parts.append("<div>\n    ")
                wrap = option["wrap_label"]
                if wrap:
                    label_for = option["attrs"].get("id")
                    parts.append(f'<label for="{_text(label_for)}">' if label_for else "<label>")
                parts.append(
                    f'<input type="{_text(option["type"])}" name="{_text(option["name"])}"'
                )
                if option["value"] is not None:
                    parts.append(f' value="{_text(str(option["value"]))}"')
                parts.append(f"{_attrs(option['attrs'])}>\n")
                if wrap:
                    parts.append(f" {_text(option['label'])}</label>")
                parts.append("\n\n</div>")
            if group:
                parts.append("\n  </div>")
        parts.append("\n</div>")
        return mark_safe("".join(parts))


class _FastInput:
    """django/forms/widgets/input.html, for the ``forms.Input`` subclasses."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        html = f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        if widget["value"] is not None:
            html += f' value="{_text(str(widget["value"]))}"'
        return mark_safe(f"{html}{_attrs(widget['attrs'])}>")


class FastTextarea(forms.Textarea):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        text = _text(widget["value"]) if widget["value"] else ""
        return mark_safe(
            f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'
        )


def _fast(base: type[forms.Widget]) -> type[forms.Widget]:
    return type(f"Fast{base.__name__}", (_FastInput, base), {"__module__": __name__})


FAST_WIDGETS: dict[type[forms.Widget], type[forms.Widget]] = {
    forms.Select: FastSelect,
    forms.RadioSelect: FastRadioSelect,
    forms.Textarea: FastTextarea,
    **{
        base: _fast(base)
        for base in (
            forms.TextInput,
            forms.NumberInput,
            forms.EmailInput,
            forms.DateInput,
            forms.DateTimeInput,
            forms.HiddenInput,
            forms.CheckboxInput,
        )
    },
}


def _field_html(field: forms.BoundField, required_text: str) -> str:
    """components/_field.html, in Python."""
    auto_id = _text(field.auto_id)
    errors = field.errors
    has_error = " has-error" if errors else ""
    required = (
        f' <span class="required">({_text(required_text)})</span>' if field.field.required else ""
    )
    help_html = (
        f'<p class="help" id="{auto_id}_help">{_text(field.help_text)}</p>'
        if field.help_text
        else ""
    )
    errors_html = (
        f'<ul class="errorlist" id="{auto_id}_errors">'
        + "".join(f"<li>{_text(error)}</li>" for error in errors)
        + "</ul>"
        if errors
        else ""
    )
    if field.use_fieldset:
        described = ""
        if field.help_text or errors:
            ids = (f"{auto_id}_help" if field.help_text else "") + (
                f" {auto_id}_errors" if errors else ""
            )
            described = f' aria-describedby="{ids}"'
        return (
            f'<fieldset class="field{has_error}"{described}>\n'
            f"  <legend>{_text(field.label)}{required}</legend>\n"
            f"  {help_html}\n  {errors_html}\n  {field}\n</fieldset>\n"
        )
    return (
        f'<div class="field{has_error}">\n'
        f'  <label for="{auto_id}">{_text(field.label)}{required}</label>\n'
        f"  {help_html}\n  {errors_html}\n  {field_widget(field)}\n</div>\n"
    )


class FastWidgetsForm(forms.Form):
    """A form whose standard widgets (exactly those classes) render without templates."""

    def fast_html(self) -> SafeString:
        """components/_form.html for this form, written in Python (same markup)."""
        parts = ["\n"]
        if self.non_field_errors():
            parts.append(
                '\n  <div class="errorlist form-errors" role="alert" id="form-errors">\n    '
                + "".join(f"<p>{_text(error)}</p>" for error in self.non_field_errors())
                + "\n  </div>\n"
            )
        parts.append("\n")
        parts.extend(str(field) for field in self.hidden_fields())
        parts.append("\n")
        required_text = gettext("required")
        parts.extend(_field_html(field, required_text) for field in self.visible_fields())
        parts.append("\n")
        return mark_safe("".join(parts))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            fast = FAST_WIDGETS.get(type(field.widget))
            if fast is not None:
                field.widget.__class__ = fast
