from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    """Bulk import and export: the documented record schemas, their validation and loading."""

    name = "openpes.web.interchange"
    label = "interchange"
    verbose_name = _("Import and export")
