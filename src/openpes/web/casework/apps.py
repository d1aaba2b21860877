from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "openpes.web.casework"
    label = "casework"
    verbose_name = "Casework"
