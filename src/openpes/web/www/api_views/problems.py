"""Errors as RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPE = "https://openpes.eu/problems/"
CONTENT_TYPE = "application/problem+json"


class ProblemSerializer(serializers.Serializer):
    """The body of every error response."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    errors = serializers.ListField(child=serializers.DictField(), required=False)


def _join(prefix: str, key: object) -> str:
    """One step of an error path in the documented notation, ``records[3].occupation_uri``:
    a list item in brackets, a field after a dot. DRF gives list items as integer keys
    (``LIST_SERIALIZER_ERRORS_AS_DICT``, ``ListField``) as well as list positions."""
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else str(key)


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, Any]]:
    """DRF's nested error dictionaries as a flat list of {field, message}."""
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            out += _flatten(value, prefix if key == "non_field_errors" else _join(prefix, key))
        return out
    if isinstance(detail, list):
        if all(not isinstance(d, dict | list) for d in detail):
            return [{"field": prefix, "message": str(d)} for d in detail]
        out = []
        for index, value in enumerate(detail):
            if value:
                out += _flatten(value, _join(prefix, index))
        return out
    return [{"field": prefix, "message": str(detail)}]


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request is well-formed but its content is not valid."
    default_code = "invalid"

    def __init__(self, errors: list[dict[str, Any]]):
        super().__init__(_("The request is well-formed but its content is not valid."))
        self.errors = errors


def _body(status_code: int, title: str, detail: str, instance: str, **extra: Any) -> dict:
    """An RFC 9457 problem: what every API error answers, from DRF's views or Django's."""
    return {
        "type": f"{PROBLEM_TYPE}{status_code}",
        "title": title,
        "status": status_code,
        "detail": detail,
        "instance": instance,
        **extra,
    }


def problem(status_code: int, title: str, detail: str, instance: str, **extra: Any) -> Response:
    body = _body(status_code, title, detail, instance, **extra)
    return Response(body, status=status_code, content_type=CONTENT_TYPE)


def _invalid(errors: list[dict[str, Any]], instance: str) -> Response:
    """A 422 listing every error; its detail sums up the first five, for logs and people."""
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return problem(422, _("Invalid content"), summary, instance, errors=errors)


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, exceptions.ValidationError):
        return _invalid(_flatten(exc.detail), instance)
    if isinstance(exc, Unprocessable):
        return _invalid(exc.errors, instance)
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = (
        response.data.get("detail", "") if isinstance(response.data, dict) else str(response.data)
    )
    titles = {
        400: _("Bad request"),
        401: _("Not authenticated"),
        403: _("Forbidden"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
    }
    result = problem(
        response.status_code,
        titles.get(response.status_code, _("Error")),
        str(detail),
        instance,
    )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result


@csrf_exempt  # a 404 for any method, also a POST without a CSRF token (none is ever sent)
def not_found(request: HttpRequest, unmatched: str = "") -> JsonResponse:
    """The answer to a path under /api/v1/ that names no operation, as a problem like every
    other API error: integrators parse problem+json, never the HTML 404 page. A plain
    Django view, so that the OpenAPI schema does not list it as an operation."""
    detail = _("There is no API operation at this path; the schema lists them all.")
    path = request.path
    if not path.endswith("/"):
        try:
            resolved = resolve(f"{path}/")
        except Resolver404:
            resolved = None
        # CommonMiddleware would redirect; a PUT or POST loses its body on a redirect.
        if resolved is not None and resolved.func is not not_found:
            detail = _("There is no API operation at this path; did you mean %(path)s?") % {
                "path": f"{path}/"
            }
    body = _body(404, _("Not found"), detail, request.get_full_path())
    return JsonResponse(body, status=404, content_type=CONTENT_TYPE)
