from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "openpes.web.oversight"
    label = "oversight"
    verbose_name = "Oversight"
