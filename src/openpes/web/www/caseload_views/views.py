"""Counsellor caseload, a job seeker's page, and the job seeker's own profile."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openpes.errors import InputError
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.caseload.enums import SkillSource
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.perms import can_edit_jobseeker, can_view_jobseeker
from openpes.web.caseload.selectors import (
    caseload_filter_options,
    caseload_list,
    jobseeker_get,
    jobseeker_of_user,
    profile_view,
    team_caseload_sizes,
)
from openpes.web.caseload.services import (
    jobseeker_preferences_update,
    jobseeker_record_view,
    jobseeker_skill_add,
    jobseeker_skill_remove,
)
from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.counselling.enums import Verdict
from openpes.web.counselling.selectors import (
    decisions_for,
    latest_assessment,
    open_assessment,
    review_requests,
)
from openpes.web.counselling.services import assessment_show_model, suggestions_record_opened
from openpes.web.counselling.suggestions import Suggestions, suggestions_for
from openpes.web.counselling.support import model_assessment, support_model
from openpes.web.register.literacy import MATCHING_SYSTEM, SUPPORT_NEEDS_SYSTEM, literacy_gate
from openpes.web.www.caseload_views.forms import (
    CaseloadFilterForm,
    PreferencesForm,
    SkillForm,
    SkillSearchForm,
)
from openpes.web.www.counselling_views.forms import (
    CounsellorBandForm,
    FinalBandForm,
    ReviewRequestForm,
)


def _skill_hits(query: str, held: set[str]) -> list[dict[str, object]]:
    if len(query.strip()) < 2:
        return []
    return [
        {"uri": hit.uri, "label": hit.label, "matched": hit.matched_label, "held": hit.uri in held}
        for hit in taxonomy().search(query, kind="skill", limit=8)
    ]


@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def caseload(request: HttpRequest) -> HttpResponse:
    options = caseload_filter_options(counsellor=request.user)
    form = CaseloadFilterForm(request.GET or None, **options)
    people = caseload_list(counsellor=request.user, **form.cleaned_or_defaults())
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    template = "caseload/_rows.html" if request.htmx else "caseload/list.html"
    return render(request, template, {"form": form, "page": page, "total": people.count()})


def jobseeker_or_404(request: HttpRequest, reference: str) -> JobSeeker:
    jobseeker = jobseeker_get(reference=reference)
    if jobseeker is None:
        raise Http404
    if not can_view_jobseeker(request.user, jobseeker):
        raise PermissionDenied
    return jobseeker


def _profile_context(request: HttpRequest, jobseeker: JobSeeker) -> dict[str, object]:
    search = SkillSearchForm(request.GET or None)
    query = search.data.get("skill_q", "") if search.is_bound else ""
    held = {s.skill_uri for s in jobseeker.skills.all()}
    return {
        "jobseeker": jobseeker,
        "profile": profile_view(jobseeker),
        "search_form": search,
        "skill_hits": _skill_hits(query, held),
        "skill_query": query,
        "preferences_form": PreferencesForm(
            initial={
                "max_distance_km": jobseeker.max_distance_km,
                "preferred_hours": jobseeker.preferred_hours,
                "preferred_contract": jobseeker.preferred_contract,
            }
        ),
    }


@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def jobseeker_detail(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="counsellor")
    context = _profile_context(request, jobseeker)
    context["skill_urls"] = _skill_urls(
        reverse("caseload_skill_search", args=[reference]), reference
    )
    context.update(_suggestions_context(request, jobseeker, page="counsellor"))
    context.update(_support_context(request, jobseeker))
    context.update(
        decide=True,
        decide_url=reverse("suggestion_decision", args=[reference]),
        decisions=decisions_for(jobseeker=jobseeker),
        verdicts=Verdict.choices,
    )
    return render(request, "caseload/detail.html", context)


def _support_context(request: HttpRequest, jobseeker: JobSeeker) -> dict[str, object]:
    """Counsellor-first: the model's band is shown only once the counsellor's own is recorded."""
    current = open_assessment(jobseeker=jobseeker)
    # AI literacy (Art. 4): a counsellor without the course is warned, or blocked.
    gate = literacy_gate(request.user, SUPPORT_NEEDS_SYSTEM)
    context: dict[str, object] = {
        "support_literacy": gate,
        "open_assessment": current,
        "last_assessment": latest_assessment(jobseeker=jobseeker),
        "band_form": CounsellorBandForm(),
        "final_form": FinalBandForm(),
        "model_available": support_model() is not None,
    }
    if current is not None and gate != "block":
        result = model_assessment(jobseeker, language=get_language())
        if result is not None:
            model_view, version = result
            assessment_show_model(
                actor=request.user,
                assessment=current,
                band=model_view.band,
                probability=model_view.probability,
                model_version=version,
            )
            context["model_view"] = model_view
    return context


def _suggestions_context(
    request: HttpRequest, jobseeker: JobSeeker, *, page: str
) -> dict[str, object]:
    gate = literacy_gate(request.user, MATCHING_SYSTEM)
    if gate == "block":
        return {"suggestions": Suggestions(available=False), "matching_literacy": gate}
    suggestions = suggestions_for(jobseeker, language=get_language())
    if suggestions.vacancies:
        suggestions_record_opened(
            actor=request.user,
            jobseeker=jobseeker,
            vacancy_ids=[s.vacancy_id for s in suggestions.vacancies],
            page=page,
        )
    return {"suggestions": suggestions, "matching_literacy": gate}


@role_required(Role.JOBSEEKER)
def my_profile(request: HttpRequest) -> HttpResponse:
    jobseeker = jobseeker_of_user(user=request.user)
    if jobseeker is None:
        return render(request, "caseload/self_service.html", {"jobseeker": None})
    jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page="self-service")
    context = _profile_context(request, jobseeker)
    context["skill_urls"] = _skill_urls(reverse("my_skill_search"), None)
    context.update(_suggestions_context(request, jobseeker, page="self-service"))
    context.update(review_form=ReviewRequestForm(), reviews=review_requests(jobseeker=jobseeker))
    result = model_assessment(jobseeker, language=get_language())
    context.update(
        model_view=result[0] if result else None,
        last_assessment=latest_assessment(jobseeker=jobseeker),
    )
    return render(request, "caseload/self_service.html", context)


def _skill_urls(search_url: str, reference: str | None) -> dict[str, str]:
    if reference is None:
        return {
            "search": search_url,
            "add": reverse("my_skill_add"),
            "remove": reverse("my_skill_remove"),
        }
    return {
        "search": search_url,
        "add": reverse("caseload_skill_add", args=[reference]),
        "remove": reverse("caseload_skill_remove", args=[reference]),
    }


def _skill_search(request: HttpRequest, jobseeker: JobSeeker, urls: dict[str, str]) -> HttpResponse:
    query = request.GET.get("skill_q", "")
    held = {s.skill_uri for s in jobseeker.skills.all()}
    return render(
        request,
        "caseload/_skill_results.html",
        {"skill_hits": _skill_hits(query, held), "skill_query": query, "skill_urls": urls},
    )


@require_GET
@role_required(Role.COUNSELLOR, Role.TEAM_LEAD)
def caseload_skill_search(request: HttpRequest, reference: str) -> HttpResponse:
    jobseeker = jobseeker_or_404(request, reference)
    return _skill_search(request, jobseeker, _skill_urls(request.path, reference))


@require_GET
@role_required(Role.JOBSEEKER)
def my_skill_search(request: HttpRequest) -> HttpResponse:
    jobseeker = jobseeker_of_user(user=request.user)
    if jobseeker is None:
        raise Http404
    return _skill_search(request, jobseeker, _skill_urls(request.path, None))


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


def own_record(request: HttpRequest) -> JobSeeker:
    jobseeker = jobseeker_of_user(user=request.user)
    if jobseeker is None:
        raise Http404
    return jobseeker


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


def _update_preferences(request: HttpRequest, jobseeker: JobSeeker, back: str) -> HttpResponse:
    form = PreferencesForm(request.POST)
    if form.is_valid():
        changed = jobseeker_preferences_update(
            actor=request.user, jobseeker=jobseeker, **form.cleaned_data
        )
        messages.success(request, _("Preferences saved.") if changed else _("Nothing changed."))
        return redirect(back)
    context = _profile_context(request, jobseeker)
    context["preferences_form"] = form
    context["skill_urls"] = _skill_urls(reverse("my_skill_search"), None)
    return render(request, "caseload/self_service.html", context, status=400)


@require_POST
@role_required(Role.JOBSEEKER)
def my_preferences(request: HttpRequest) -> HttpResponse:
    return _update_preferences(request, own_record(request), reverse("jobseeker_home"))


@role_required(Role.TEAM_LEAD)
def team(request: HttpRequest) -> HttpResponse:
    team_, sizes = team_caseload_sizes(lead=request.user)
    return render(request, "home/team.html", {"team": team_, "sizes": sizes})
