from django.apps import AppConfig


class UiConfig(AppConfig):
    """Shared templates, template tags and the navigation context."""

    name = "openpes.web.ui"
    label = "ui"
