"""Checking a Dutch register record against publication standard 1.0's field list.

The register refuses a submission that breaks its standard; checking here first means
the person exporting learns which field is wrong and by how much, before the upload.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.register._standard import NlField, nl_allowed_tags, nl_fields

__all__ = ["LONG_TEXT", "validate_nl_algoritmeregister"]

_ = messages("openpes.register")

#: Fields at or above this maximum length are the long text fields that may hold HTML.
LONG_TEXT = 2500
_TAG = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>")


def _check_string(field: str, value: Any, spec: NlField, *, long_text: bool) -> None:
    if not isinstance(value, str):
        raise InputError(
            _("field {field} must be text, got {value!r}").format(field=field, value=value),
            column=field,
        )
    if spec.max_length is not None and len(value) > spec.max_length:
        raise InputError(
            _.ngettext(
                "field {field} has {length} character; the standard allows at most {limit}",
                "field {field} has {length} characters; the standard allows at most {limit}",
                len(value),
            ).format(field=field, length=len(value), limit=spec.max_length),
            column=field,
        )
    tags = {tag.lower() for tag in _TAG.findall(value)}
    allowed = nl_allowed_tags() if long_text else frozenset()
    refused = sorted(tags - allowed)
    if refused:
        raise InputError(
            _.ngettext(
                "field {field} holds the HTML tag {tags}; allowed here: {allowed}",
                "field {field} holds the HTML tags {tags}; allowed here: {allowed}",
                len(refused),
            ).format(
                field=field,
                tags=", ".join(refused),
                allowed=", ".join(sorted(allowed)) or "-",
            ),
            column=field,
        )


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _check_field(name: str, value: Any, spec: NlField) -> None:
    if spec.type == "enum":
        if value not in spec.values:
            raise InputError(
                _("field {field} must be one of {allowed}, got {value!r}").format(
                    field=name, allowed=" / ".join(spec.values), value=value
                ),
                column=name,
            )
    elif spec.type == "array":
        if not isinstance(value, list):
            raise InputError(
                _("field {field} must be a list, got {value!r}").format(field=name, value=value),
                column=name,
            )
        for index, item in enumerate(value):
            where = f"{name}[{index}]"
            if spec.values:
                if item not in spec.values:
                    raise InputError(
                        _("field {field} must be one of {allowed}, got {value!r}").format(
                            field=where, allowed=" / ".join(spec.values), value=item
                        ),
                        column=name,
                    )
                continue
            _check_object(where, item, spec.items)
    else:
        _check_string(name, value, spec, long_text=(spec.max_length or 0) >= LONG_TEXT)


def _check_object(where: str, data: Any, specs: tuple[NlField, ...]) -> None:
    if not isinstance(data, Mapping):
        raise InputError(
            _("field {field} must be an object, got {value!r}").format(field=where, value=data),
            column=where,
        )
    known = {spec.name: spec for spec in specs}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise InputError(
            _("field {field} is not part of publication standard 1.0").format(
                field=f"{where}.{unknown[0]}" if where else unknown[0]
            ),
            column=unknown[0],
        )
    for spec in specs:
        name = f"{where}.{spec.name}" if where else spec.name
        value = data.get(spec.name)
        if _empty(value):
            if spec.required:
                raise InputError(
                    _("field {field} is required by publication standard 1.0").format(field=name),
                    column=name,
                )
            continue
        _check_field(name, value, spec)


def validate_nl_algoritmeregister(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``data`` unchanged if it follows publication standard 1.0, else refuse it.

    The checks come from the standard's field list shipped with the package: no unknown
    field, every required field present, text within its maximum length, enumerations
    (``status``, ``publication_category``, ``category``, ``lang``, ``standard_version``)
    within their permitted values, array items with their own fields, and only the tags
    div, br, p, ul, ol, li in long text fields (none in short ones).

    Raises
    ------
    openpes.errors.InputError
        Naming the field and the limit it breaks.

    Examples
    --------
    >>> validate_nl_algoritmeregister({"name": "x" * 101})
    Traceback (most recent call last):
    ...
    openpes.errors.InputError: column 'name': field name has 101 characters; ...
    """
    _check_object("", data, nl_fields())
    return dict(data)
