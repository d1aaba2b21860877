"""OpenPES errors shown on the web, in the language of the request.

The core raises :class:`openpes.errors.OpenPESError` with messages that are translated
where they are shown. Views that can recover (a form) call :func:`error_text` and put the
text next to the field; anything a view does not catch reaches
:class:`OpenPESErrorMiddleware`, which answers with the error page and a status instead
of a server error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import get_language

from openpes.errors import ConfigurationError, InputError, IntegrityError, OpenPESError

__all__ = ["STATUS", "OpenPESErrorMiddleware", "error_text"]

#: The HTTP status each kind of error answers with; the first match wins.
STATUS: tuple[tuple[type[OpenPESError], int], ...] = (
    (InputError, 400),
    (IntegrityError, 409),
    (ConfigurationError, 503),
    (OpenPESError, 400),
)


def error_text(exc: OpenPESError) -> str:
    """``exc`` in the language of the current request."""
    return exc.translate(get_language() or "en")


def status_of(exc: OpenPESError) -> int:
    return next(code for kind, code in STATUS if isinstance(exc, kind))


class OpenPESErrorMiddleware:
    """Turn an uncaught :class:`OpenPESError` into a translated error page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OpenPESError):
            return None
        status = status_of(exception)
        page = loader.render_to_string(
            "error.html", {"message": error_text(exception), "status": status}, request=request
        )
        return HttpResponse(page, status=status)
