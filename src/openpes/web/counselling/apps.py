from django.apps import AppConfig


class CounsellingConfig(AppConfig):
    name = "openpes.web.counselling"
    label = "counselling"
    verbose_name = "Counselling decisions"
