"""Starting Django from the command line, with clean errors instead of tracebacks."""

from __future__ import annotations

import os

from openpes.errors import ConfigurationError


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openpes.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise ConfigurationError(str(exc)) from exc
