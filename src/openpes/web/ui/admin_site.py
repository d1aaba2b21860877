from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from openpes.web.accounts.perms import can_use_admin
from openpes.web.ui.admin_trail import trailed


class OpenPESAdminSite(admin.AdminSite):
    """Django admin for administrators only: others get 403, not a second login form."""

    site_header = _("OpenPES administration")
    site_title = _("OpenPES administration")

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        # Every model, ours and Django's (users, groups), writes its admin changes to the trail.
        super().register(model_or_iterable, trailed(admin_class), **options)

    def has_permission(self, request: HttpRequest) -> bool:
        return can_use_admin(request.user)

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Callable[..., Any]:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can_use_admin(request.user):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path())
