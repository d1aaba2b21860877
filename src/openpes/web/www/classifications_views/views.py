"""Choosing a job seeker's wished-for occupation from a national classification.

The counsellor picks a national code; the page lists the ESCO occupations of its ISCO-08
groups (in the reader's language when that ESCO language was imported), and the
counsellor picks the closest, which is stored as an ESCO URI like any other.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openpes.errors import InputError
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.caseload.perms import can_edit_jobseeker
from openpes.web.caseload.taxonomy import label_of
from openpes.web.classifications.selectors import candidates, national_choices, national_label
from openpes.web.classifications.services import jobseeker_occupation_choose
from openpes.web.www.case_pages.lookups import jobseeker_or_404
from openpes.web.www.classifications_views.forms import NationalCodeForm, OccupationChoiceForm


@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def national_occupation(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    if not can_edit_jobseeker(request.user, jobseeker):
        raise PermissionDenied
    here = reverse("national_occupation", args=[reference])
    if request.method == "POST":
        choice = OccupationChoiceForm(request.POST)
        if not choice.is_valid():
            messages.error(request, _("Choose one of the ESCO occupations listed."))
            return redirect(here)
        data = choice.cleaned_data
        try:
            added = jobseeker_occupation_choose(
                actor=request.user,
                jobseeker=jobseeker,
                national=data["national"],
                occupation_uri=data["occupation_uri"],
            )
        except InputError:
            messages.error(request, _("Choose one of the ESCO occupations listed."))
            return redirect(f"{here}?national={data['national']}")
        label = label_of(data["occupation_uri"])
        if added:
            messages.success(
                request, _("Wished-for occupation added: %(label)s") % {"label": label}
            )
        else:
            messages.info(
                request, _("Already a wished-for occupation: %(label)s") % {"label": label}
            )
        return redirect("jobseeker_detail", reference)
    grouped = national_choices()
    form = NationalCodeForm(request.GET or None, choices=grouped)
    chosen, found, title = "", [], ""
    if form.is_valid() and form.cleaned_data["national"]:
        chosen = form.cleaned_data["national"]
        try:
            found, title = candidates(chosen), national_label(chosen)
        except InputError:
            chosen = ""
    context = {
        "jobseeker": jobseeker,
        "form": form,
        "schemes": grouped,
        "national": chosen,
        "national_title": title,
        "candidates": found,
    }
    return render(request, "classifications/national_occupation.html", context)
