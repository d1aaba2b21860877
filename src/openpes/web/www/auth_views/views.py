from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from openpes.web.trail.enums import Action
from openpes.web.trail.services import event_record


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        event_record(
            actor=self.request.user,
            action=Action.PASSWORD_CHANGED,
            subject=f"user:{self.request.user.pk}",
        )
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password from the mailed link; the change goes to the trail."""

    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        event_record(
            actor=form.user,
            action=Action.PASSWORD_CHANGED,
            subject=f"user:{form.user.pk}",
            details={"kind": "password.reset"},
        )
        return response
