from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "openpes.web.exchange"
    label = "exchange"
    verbose_name = "Exchange"
