from django.apps import AppConfig


class UiConfig(AppConfig):
    """Shared templates, template tags and the navigation context."""

    name = "openpes.web.ui"
    label = "ui"

    def ready(self) -> None:
        # The deploy check that production sends its mail (openpes.E001).
        from openpes.web import mail_checks  # noqa: F401
