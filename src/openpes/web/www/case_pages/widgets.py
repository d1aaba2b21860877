"""Form widgets that write their HTML in Python, with Django's own markup.

Django renders every widget, ``<option>`` and radio button through two or three template
includes; for the caseload filter's 100-odd occupations, and the ten decision forms on a job
seeker's page, that was a large share of the page's time. These widgets produce byte-for-byte
the HTML of Django's templates (``tests/web/caseload/test_widgets.py`` checks it), only without
the template engine. ``FastWidgetsForm`` gives a form's standard widgets these classes.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from openpes.web.ui.html import esc as _text
from openpes.web.ui.templatetags.ui import field_widget


def _attrs(attrs: dict[str, Any]) -> str:
    # django/forms/widgets/attrs.html
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_text(str(value))}"')
    return "".join(parts)


class FastSelect(forms.Select):
    """``forms.Select`` (select.html, select_option.html) without the template engine."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        # Select.get_context and optgroups, without a dict per option: a caseload filter
        # offers a hundred or more.
        values = self.format_value(value)
        parts = [f'<select name="{_text(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>']
        has_selected = False
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            if isinstance(option_label, (list, tuple)):
                group, options = option_value, option_label
            else:
                group, options = None, [(option_value, option_label)]
            if group:
                parts.append(f'\n  <optgroup label="{_text(group)}">')
            for sub_value, sub_label in options:
                selected = not has_selected and str(sub_value) in values
                has_selected |= selected
                parts.append(
                    f'\n  <option value="{_text(str(sub_value))}"'
                    f"{' selected' if selected else ''}>{_text(sub_label)}</option>\n"
                )
            if group:
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


#: Unbound forms' HTML with markers in place of the auto_id and the hidden values, per
#: (class, language, prefix, hidden fields given, visible initial values): see
#: ``FastWidgetsForm.fields_fixed``.
_UNBOUND: dict[tuple[Any, ...], str] = {}
#: Kept per worker; the preference form's initial values make one entry per distinct choice,
#: so the memo starts again past this many (a few MB at most).
_UNBOUND_MAX = 4096
_ID_MARK = "\x00"


def _value_mark(n: int) -> str:
    return chr(1 + n)


#: Any marker: the auto_id's and those of up to eight hidden values.
_MARKS = re.compile("[\x00-\x08]")


class FastWidgetsForm(forms.Form):
    """A form whose standard widgets (exactly those classes) render without templates."""

    #: True for a form whose fields never change per instance (it has no ``__init__`` of its
    #: own). Unbound, its HTML then depends only on the language, the prefix, the auto_id and
    #: the initial values: it is written once, and the auto_id and the hidden fields' values
    #: (a decision form per suggested vacancy differs only in those) are put in, escaped as
    #: the widgets escape them.
    fields_fixed = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.fields_fixed and "__init__" in cls.__dict__:
            raise TypeError(f"{cls.__name__} changes its fields per instance: not fields_fixed")

    def fast_html(self) -> SafeString:
        """components/_form_fields.html for this form, written in Python (same markup)."""
        found = self._unbound_key()
        if found is None:
            return self._fast_html()
        key, hidden = found
        html = _UNBOUND.get(key)
        if html is None:
            marked = type(self)(
                initial={
                    **self.initial,
                    **{name: _value_mark(n) for n, name in enumerate(hidden)},
                },
                auto_id=f"{_ID_MARK}%s",
                prefix=self.prefix,
            )
            if len(_UNBOUND) >= _UNBOUND_MAX:
                _UNBOUND.clear()
            html = _UNBOUND[key] = str(marked._fast_html())
        # One pass, so that a value holding a marker character is never substituted again.
        put = {_ID_MARK: _text(str(self.auto_id)[:-2])}
        put.update(
            {_value_mark(n): _text(str(self.initial[name])) for n, name in enumerate(hidden)}
        )
        return mark_safe(_MARKS.sub(lambda mark: put.get(mark.group(), mark.group()), html))

    def _unbound_key(self) -> tuple[tuple[Any, ...], tuple[str, ...]] | None:
        """The memo's key and the hidden fields given, when this form can be written once."""
        auto_id = self.auto_id if isinstance(self.auto_id, str) else ""
        if (
            not self.fields_fixed
            or self.is_bound
            or not auto_id.endswith("%s")
            or auto_id.count("%s") != 1
        ):
            return None
        hidden = {n for n, f in self.fields.items() if isinstance(f.widget, forms.HiddenInput)}
        given = sorted(name for name in self.initial if name in hidden)
        # An empty value leaves the attribute out: not a plain substitution.
        if len(given) > 8 or any(self.initial[n] is None or self.initial[n] == "" for n in given):
            return None
        visible = tuple(sorted((n, v) for n, v in self.initial.items() if n not in hidden))
        if any(_MARKS.search(str(v)) for _n, v in visible):
            return None  # the markup could hold a marker character of its own
        try:
            hash(visible)
        except TypeError:
            return None
        return (type(self), get_language(), self.prefix, tuple(given), visible), tuple(given)

    def _fast_html(self) -> SafeString:
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
