from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    name = "openpes.web.caseload"
    label = "caseload"
    verbose_name = "Caseload"
