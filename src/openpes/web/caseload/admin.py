from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from openpes.errors import InputError
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.services import jobseeker_record_view
from openpes.web.privacy.services import jobseeker_erase
from openpes.web.ui.errors import error_text

# ProtectedAttributes is deliberately not registered: only fairness monitoring reads it.


class EraseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the erasure"), widget=forms.Textarea)
    confirm = forms.CharField(label=_("Type the job seeker's reference to confirm"), max_length=32)


@admin.register(JobSeeker)
class JobSeekerAdmin(admin.ModelAdmin):
    """Administrators stay out of individual records, except to erase one.

    They see a reference (to find the person a request for erasure names) and the erase
    link, nothing of the record itself: no health, care, history, counsellor or region.
    """

    list_display = ["reference"]
    search_fields = ["reference"]
    fields = ["reference"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deleting would break the oversight aggregates; erasure pseudonymises instead.
        return False

    def get_urls(self) -> list[Any]:
        erase = path(
            "<path:object_id>/erase/",
            self.admin_site.admin_view(self.erase_view),
            name="caseload_jobseeker_erase",
        )
        return [erase, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        jobseeker = self.get_object(request, object_id)
        if jobseeker is not None:
            jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="admin")
        # The page title shows the reference, not str(), which holds the person's name.
        subtitle = jobseeker.reference if jobseeker is not None else None
        extra = {
            **(extra_context or {}),
            "erase_url": reverse("admin:caseload_jobseeker_erase", args=[object_id]),
            "subtitle": subtitle,
        }
        return super().change_view(request, object_id, form_url, extra)

    def erase_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        # get_object answers None for an id that is not one (get_object_or_404 raised a 500).
        jobseeker = self.get_object(request, object_id)
        if jobseeker is None:
            raise Http404
        form = EraseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                jobseeker_erase(
                    actor=request.user,
                    jobseeker=jobseeker,
                    reason=form.cleaned_data["reason"],
                    confirm=form.cleaned_data["confirm"],
                )
            except InputError as exc:
                form.add_error(exc.column if exc.column in form.fields else None, error_text(exc))
            else:
                self.message_user(
                    request,
                    _("The personal data of {reference} was erased.").format(
                        reference=jobseeker.reference
                    ),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:caseload_jobseeker_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase the personal data of {reference}").format(
                reference=jobseeker.reference
            ),
            "jobseeker": jobseeker,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/caseload/jobseeker/erase.html", context)
