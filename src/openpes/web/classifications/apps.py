from django.apps import AppConfig


class ClassificationsConfig(AppConfig):
    name = "openpes.web.classifications"
    label = "classifications"
    verbose_name = "National classifications"
