from django.contrib.admin.apps import AdminConfig


class OpenPESAdminConfig(AdminConfig):
    default_site = "openpes.web.ui.admin_site.OpenPESAdminSite"
