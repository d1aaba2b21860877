"""Counsellor caseload, a job seeker's page, and the job seeker's own profile."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from openpes.errors import InputError
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.caseload.enums import SkillSource
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.perms import can_edit_jobseeker
from openpes.web.caseload.selectors import (
    caseload_filter_options,
    caseload_list,
    jobseeker_of_user,
    team_caseload_sizes,
)
from openpes.web.caseload.services import (
    jobseeker_preferences_update,
    jobseeker_record_view,
    jobseeker_skill_add,
    jobseeker_skill_remove,
)
from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.casework.selectors import (
    needs_attention,
    no_contact_weeks,
    workbench_annotate,
    workbench_filter,
)
from openpes.web.classifications.selectors import national_choices
from openpes.web.www.case_pages.caseload_forms import (
    CaseloadFilterForm,
    PreferencesForm,
    SkillForm,
    SkillSearchForm,
)
from openpes.web.www.case_pages.context import (
    counsellor_page,
    jobseeker_page,
    skill_hits,
    skill_urls,
)
from openpes.web.www.case_pages.lookups import jobseeker_or_404, own_record
from openpes.web.www.case_pages.skill_text import find_skills


@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def caseload(request: HttpRequest) -> HttpResponse:
    options = caseload_filter_options(counsellor=request.user)
    form = CaseloadFilterForm(request.GET or None, national=national_choices(), **options)
    people = workbench_filter(
        workbench_annotate(caseload_list(counsellor=request.user, **form.cleaned_or_defaults())),
        **form.workbench(),
    )
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for person in page:
        person.days_registered = (today - person.registered_on).days
    # The paginator has counted them already (one COUNT per page, not two).
    total = page.paginator.count
    context = {"form": form, "page": page, "total": total, "weeks": no_contact_weeks()}
    if request.htmx:
        return render(request, "caseload/_rows.html", context)
    context["attention"] = needs_attention(counsellor=request.user)
    return render(request, "caseload/list.html", context)


@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def jobseeker_detail(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    return render(request, "caseload/detail.html", counsellor_page(request, jobseeker))


@role_required(Role.JOBSEEKER)
def my_profile(request: HttpRequest) -> HttpResponse:
    jobseeker = jobseeker_of_user(user=request.user)
    if jobseeker is None:
        return render(request, "caseload/self_service.html", {"jobseeker": None})
    return render(request, "caseload/self_service.html", jobseeker_page(request, jobseeker))


def _skill_search(request: HttpRequest, jobseeker: JobSeeker, urls: dict[str, str]) -> HttpResponse:
    # The results mark the skills the person holds: a read of the record.
    jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="skill-search")
    search = SkillSearchForm(request.GET)
    query = search.query()
    return render(
        request,
        "caseload/_skill_results.html",
        {
            "skill_hits": skill_hits(query, jobseeker),
            "skill_query": query,
            # Said in the live region the results go to; the full page says it at the field.
            "skill_refused": search.errors.get("skill_q", []),
            "skill_urls": urls,
        },
    )


@require_GET
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def caseload_skill_search(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    return _skill_search(request, jobseeker, skill_urls(reference))


@require_GET
@role_required(Role.JOBSEEKER)
def my_skill_search(request: HttpRequest) -> HttpResponse:
    jobseeker = jobseeker_of_user(user=request.user)
    if jobseeker is None:
        raise Http404
    return _skill_search(request, jobseeker, skill_urls(None))


def _change_skill(
    request: HttpRequest, jobseeker: JobSeeker, *, add: bool, source: SkillSource, back: str
) -> HttpResponse:
    if not can_edit_jobseeker(request.user, jobseeker):
        raise PermissionDenied
    form = SkillForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a skill from the list."))
        return redirect(back)
    uri = form.cleaned_data["skill_uri"]
    try:
        if add:
            jobseeker_skill_add(
                actor=request.user, jobseeker=jobseeker, skill_uri=uri, source=source
            )
            messages.success(
                request, _("Skill added: %(label)s") % {"label": taxonomy().label(uri)}
            )
        elif jobseeker_skill_remove(actor=request.user, jobseeker=jobseeker, skill_uri=uri):
            messages.success(
                request, _("Skill removed: %(label)s") % {"label": taxonomy().label(uri)}
            )
    except InputError:
        messages.error(request, _("That is not an ESCO skill. Choose a skill from the list."))
    return redirect(back)


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def caseload_skill_add(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    back = reverse("jobseeker_detail", args=[reference])
    return _change_skill(request, jobseeker, add=True, source=SkillSource.COUNSELLOR, back=back)


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def caseload_skill_remove(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    back = reverse("jobseeker_detail", args=[reference])
    return _change_skill(request, jobseeker, add=False, source=SkillSource.COUNSELLOR, back=back)


@require_POST
@role_required(Role.JOBSEEKER)
def my_skill_add(request: HttpRequest) -> HttpResponse:
    return _change_skill(
        request,
        own_record(request),
        add=True,
        source=SkillSource.SELF,
        back=reverse("jobseeker_home"),
    )


@require_POST
@role_required(Role.JOBSEEKER)
def my_skill_remove(request: HttpRequest) -> HttpResponse:
    return _change_skill(
        request,
        own_record(request),
        add=False,
        source=SkillSource.SELF,
        back=reverse("jobseeker_home"),
    )


def _skills_from_text(
    request: HttpRequest, jobseeker: JobSeeker, *, source: SkillSource, back: str
) -> HttpResponse:
    if not can_edit_jobseeker(request.user, jobseeker):
        raise PermissionDenied
    found = find_skills(request.POST, jobseeker)
    form = found.form
    if form.adding and form.is_valid():
        chosen = form.cleaned_data["chosen"]
        with transaction.atomic():
            for uri in chosen:
                jobseeker_skill_add(
                    actor=request.user, jobseeker=jobseeker, skill_uri=uri, source=source
                )
        labels = ", ".join(taxonomy().label(uri) for uri in chosen)
        messages.success(
            request,
            ngettext(
                "%(count)d skill added: %(labels)s",
                "%(count)d skills added: %(labels)s",
                len(chosen),
            )
            % {"count": len(chosen), "labels": labels},
        )
        return redirect(back)
    status = 400 if form.errors else 200
    if source == SkillSource.SELF:
        context = jobseeker_page(request, jobseeker, found=found)
        return render(request, "caseload/self_service.html", context, status=status)
    context = counsellor_page(request, jobseeker, found=found)
    return render(request, "caseload/detail.html", context, status=status)


@require_POST
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def caseload_skill_text(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    back = reverse("jobseeker_detail", args=[reference])
    return _skills_from_text(request, jobseeker, source=SkillSource.COUNSELLOR, back=back)


@require_POST
@role_required(Role.JOBSEEKER)
def my_skill_text(request: HttpRequest) -> HttpResponse:
    back = reverse("jobseeker_home")
    return _skills_from_text(request, own_record(request), source=SkillSource.SELF, back=back)


def _update_preferences(request: HttpRequest, jobseeker: JobSeeker, back: str) -> HttpResponse:
    form = PreferencesForm(request.POST)
    if form.is_valid():
        changed = jobseeker_preferences_update(
            actor=request.user, jobseeker=jobseeker, **form.cleaned_data
        )
        messages.success(request, _("Preferences saved.") if changed else _("Nothing changed."))
        return redirect(back)
    context = jobseeker_page(request, jobseeker, preferences_form=form)
    return render(request, "caseload/self_service.html", context, status=400)


@require_POST
@role_required(Role.JOBSEEKER)
def my_preferences(request: HttpRequest) -> HttpResponse:
    return _update_preferences(request, own_record(request), reverse("jobseeker_home"))


@role_required(Role.TEAM_LEAD)
def team(request: HttpRequest) -> HttpResponse:
    team_, sizes = team_caseload_sizes(lead=request.user)
    return render(request, "home/team.html", {"team": team_, "sizes": sizes})
