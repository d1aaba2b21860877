from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "openpes.web.register"
    label = "register"
    verbose_name = "AI register"
