from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "openpes.web.readiness"
    label = "readiness"
    verbose_name = "Readiness"
