"""Administrators create, list and revoke API tokens here. The secret is shown once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from openpes.web.integrations.enums import Scope
from openpes.web.integrations.models import ApiToken, IntegrationAccount
from openpes.web.integrations.services import token_create, token_revoke


class TokenCreateForm(forms.ModelForm):
    account_name = forms.SlugField(label=_("integration account"), max_length=64)
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["label"]


@admin.register(IntegrationAccount)
class IntegrationAccountAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "created_at"]
    search_fields = ["name"]


@admin.action(description=_("Revoke the selected tokens"))
def revoke_tokens(modeladmin: Any, request: HttpRequest, queryset: Any) -> None:
    revoked = sum(token_revoke(actor=request.user, token=token) for token in queryset)
    modeladmin.message_user(
        request,
        ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", revoked) % {"n": revoked},
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "prefix",
        "account",
        "label",
        "scopes",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["account", "revoked_at"]
    actions = [revoke_tokens]
    readonly_fields = [
        "account",
        "prefix",
        "scopes",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["digest"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = TokenCreateForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.readonly_fields + ["label"] if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["account_name", "label", "scopes"]
        return [
            "account",
            "label",
            "prefix",
            "scopes",
            "created_at",
            "created_by",
            "last_used_at",
            "revoked_at",
        ]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            return
        token, secret = token_create(
            actor=request.user,
            account_name=form.cleaned_data["account_name"],
            scopes=form.cleaned_data["scopes"],
            label=form.cleaned_data.get("label", ""),
        )
        # The admin logs and redirects with `obj`: make it the token the service created.
        obj.__dict__.update({k: v for k, v in token.__dict__.items() if k != "_state"})
        obj._state = token._state
        messages.warning(
            request,
            _("Copy this token now; it is not stored and cannot be shown again: %(secret)s")
            % {"secret": secret},
        )

    def response_add(self, request: HttpRequest, obj: Any, post_url_continue: Any = None) -> Any:
        return HttpResponseRedirect(reverse("admin:integrations_apitoken_changelist"))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Revoked, never deleted: the trail refers to tokens by id.
        return False
