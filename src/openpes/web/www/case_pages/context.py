"""Page contexts of the two case pages, built once so that a failed form re-renders in place."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from openpes.errors import InputError
from openpes.taxonomy import crosswalk_schemes
from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.selectors import profile_view
from openpes.web.caseload.services import jobseeker_record_view
from openpes.web.caseload.taxonomy import local_taxonomy
from openpes.web.casework.selectors import appointments_upcoming, notes_for, plan_for
from openpes.web.catalogue.index import CatalogueSnapshot, current_snapshot
from openpes.web.counselling.enums import Verdict
from openpes.web.counselling.models import ShownSuggestion
from openpes.web.counselling.review_selectors import (
    SELF_SERVICE_PAGE,
    ReviewItem,
    earlier_suggestion,
    review_item_for,
    review_item_label,
    review_items,
    reviews_of,
)
from openpes.web.counselling.selectors import (
    assessments_now,
    decisions_for,
    latest_assessment,
    shown_item_of,
    vacancy_responses_for,
)
from openpes.web.counselling.services import (
    ShownItem,
    suggestion_set_record,
)
from openpes.web.counselling.suggestions import Suggestions, index_version
from openpes.web.counselling.support import model_assessment, support_model
from openpes.web.oversight.enums import SystemKey
from openpes.web.oversight.selectors import paused_for
from openpes.web.oversight.services import suggestions_record_shown
from openpes.web.register.literacy import MATCHING_SYSTEM, SUPPORT_NEEDS_SYSTEM, literacy_gates
from openpes.web.ui.kept_input import kept_input
from openpes.web.www.case_pages.caseload_forms import (
    SKILL_QUERY_MAX,
    PreferencesForm,
    SkillSearchForm,
)
from openpes.web.www.case_pages.casework_forms import (
    AppointmentForm,
    GoalForm,
    NoteForm,
    StepForm,
)
from openpes.web.www.case_pages.counselling_forms import (
    CounsellorBandForm,
    EscalationForm,
    FinalBandForm,
    ReviewRequestForm,
    SuggestionDecisionForm,
    VacancyResponseForm,
    add_input_error,
)
from openpes.web.www.case_pages.skill_text import (
    POSSIBLE,
    FoundSkills,
    confidence_words,
    find_skills,
)
from openpes.web.www.case_pages.suggestion_cache import cached_suggestions

COUNSELLOR_PAGE = "counsellor"


def _skill_hits(query: str, held: set[str]) -> list[dict[str, object]]:
    if len(query.strip()) < 2 or len(query) > SKILL_QUERY_MAX:
        return []
    # A search always answers eight skills, even for a word ESCO does not know: each says
    # how sure it is (a skill search's score is the calibrated confidence times 100).
    return [
        {
            "uri": hit.uri,
            "label": hit.label,
            "matched": hit.matched_label,
            "held": hit.uri in held,
            "confidence": confidence_words(hit.score / 100),
            "close": hit.score / 100 >= POSSIBLE,
        }
        for hit in local_taxonomy().search(query, kind="skill", limit=8)
    ]


def skill_hits(query: str, jobseeker: JobSeeker) -> list[dict[str, object]]:
    return _skill_hits(query, {s.skill_uri for s in jobseeker.skills.all()})


def _literacy(request: HttpRequest, system: str) -> str:
    """``literacy_gate`` once per request, for both systems of a case page in one query."""
    memo = request.__dict__.setdefault("_openpes_literacy", {})
    if system not in memo:
        memo.update(literacy_gates(request.user, [MATCHING_SYSTEM, SUPPORT_NEEDS_SYSTEM, system]))
    return memo[system]


def skill_urls(reference: str | None) -> dict[str, str]:
    if reference is None:
        return {
            "search": reverse("my_skill_search"),
            "add": reverse("my_skill_add"),
            "text": reverse("my_skill_text"),
            "remove": reverse("my_skill_remove"),
        }
    return {
        "search": reverse("caseload_skill_search", args=[reference]),
        "add": reverse("caseload_skill_add", args=[reference]),
        "text": reverse("caseload_skill_text", args=[reference]),
        "remove": reverse("caseload_skill_remove", args=[reference]),
    }


def _profile(
    request: HttpRequest, jobseeker: JobSeeker, found: FoundSkills | None
) -> dict[str, Any]:
    search = SkillSearchForm(request.GET or None)
    query = search.query()
    return {
        "jobseeker": jobseeker,
        "skill_text": found if found is not None else find_skills(None, jobseeker),
        "profile": profile_view(jobseeker),
        "search_form": search,
        "skill_hits": skill_hits(query, jobseeker),
        "skill_query": query,
        # What was typed stays in the box, even when it is refused.
        "skill_typed": search.data.get("skill_q", "") if search.is_bound else "",
        "preferences_form": PreferencesForm(
            initial={
                "max_distance_km": jobseeker.max_distance_km,
                "preferred_hours": jobseeker.preferred_hours,
                "preferred_contract": jobseeker.preferred_contract,
            }
        ),
    }


def _suggestions(
    request: HttpRequest, jobseeker: JobSeeker, *, page: str
) -> tuple[Suggestions, CatalogueSnapshot | None]:
    """The suggestions to show and the catalogue snapshot they came from; none while the
    engine is paused or the viewer lacks the AI-literacy course it requires."""
    if paused_for(SystemKey.MATCHING, user=request.user, jobseeker=jobseeker).paused:
        return Suggestions(available=False, paused=True), None
    # AI literacy (Art. 4): a counsellor without the course is warned, or blocked.
    if _literacy(request, MATCHING_SYSTEM) == "block":
        return Suggestions(available=False), None
    audience = "counsellor" if page == COUNSELLOR_PAGE else "jobseeker"
    snapshot = current_snapshot()
    suggestions = cached_suggestions(
        jobseeker, language=get_language(), audience=audience, snapshot=snapshot
    )
    return suggestions, snapshot


def _shown_suggestions(
    request: HttpRequest, jobseeker: JobSeeker, *, page: str
) -> tuple[Suggestions, list[ShownSuggestion] | None]:
    """Record the page's read of the record, compute the suggestions and keep, server-side,
    exactly what this page shows.

    Returns the suggestions and the items stored as shown (``None`` when nothing was shown).
    While the matching engine is paused (read on every request, so a pause holds in every
    worker at once) nothing is computed and nothing is shown. The read's trail event goes
    with the shown set when there is one (one append to the trail for both), else alone.
    """
    suggestions, snapshot = _suggestions(request, jobseeker, page=page)
    if not suggestions.vacancies:
        jobseeker_record_view(actor=request.user, jobseeker=jobseeker, page=page)
        return suggestions, None
    items = [
        ShownItem("vacancy", s.vacancy_id, s.rank, s.score, f"{s.occupation} ({s.vacancy_id})")
        for s in suggestions.vacancies
    ]
    # What the engine showed (the oversight monitors' exposure by group) and the set the
    # page's forms point at, in one transaction: both or neither.
    with transaction.atomic():
        suggestions_record_shown(
            actor=request.user,
            jobseeker=jobseeker,
            page=page,
            rows=[
                {
                    "vacancy_id": s.vacancy_id,
                    "rank": s.rank,
                    "score": s.score,
                    "salary_eur": s.salary_eur,
                    "distance_km": s.distance_km,
                }
                for s in suggestions.vacancies
            ],
        )
        shown = suggestion_set_record(
            actor=request.user,
            jobseeker=jobseeker,
            page=page,
            index_version=index_version(snapshot),
            items=items,
            viewed=True,
        )
    return suggestions, shown.shown_items


def forms_per_item(
    shown: list[ShownSuggestion] | None,
    form_class: type[forms.Form],
    failed: forms.Form | None,
    *,
    failed_item: str | None = None,
) -> dict[str, forms.Form]:
    """One form per shown vacancy; a failed one keeps its input and errors.

    The failed form pointed at the set shown before; it is bound again to the set this page
    has just shown, so that the next submission refers to what is on the screen now.
    ``failed_item`` is the vacancy the failed form is about, when the caller resolved it
    from the server's own pointer; else the form's ``item_id`` says.
    """
    result = {}
    about = failed_item or (failed.data.get("item_id") if failed is not None else None)
    for vacancy_id, shown_id in ((i.item_id, i.pk) for i in shown or []):
        auto_id = f"id_{vacancy_id}_%s"
        if failed is not None and about == vacancy_id:
            data = failed.data.copy()
            data["shown"] = str(shown_id)
            data["item_id"] = vacancy_id
            form = form_class(data, auto_id=auto_id)
            form.is_valid()
            for name, errors in failed.errors.items():
                for message in errors:
                    if message not in form.errors.get(name, []):
                        form.add_error(name if name in form.fields else None, message)
        else:
            form = form_class(initial={"shown": shown_id, "item_id": vacancy_id}, auto_id=auto_id)
        result[vacancy_id] = form
    return result


def error_summary(*forms_: forms.Form | None, form_anchor: str = "main") -> list[tuple[str, str]]:
    """(field id, message) of every error of the given forms, for the summary at the top.

    An error of the whole form links to ``form_anchor`` (where the form shows it, when that
    is one place on the page), else to the main content.
    """
    found = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for name, errors in form.errors.items():
            if name not in form.fields or form.fields[name].widget.is_hidden:
                anchor = form_anchor
            elif isinstance(form.fields[name].widget, forms.RadioSelect):
                anchor = f"{form[name].auto_id}_0"  # the first choice, as GOV.UK does
            else:
                anchor = form[name].auto_id
            found.extend((anchor, str(message)) for message in errors)
    return found


def _casework(jobseeker: JobSeeker, *, for_jobseeker: bool, failed: dict) -> dict[str, Any]:
    plan = plan_for(jobseeker=jobseeker)
    forms_ = {
        "note_form": NoteForm(initial={"occurred_on": timezone.localdate()}),
        "appointment_form": AppointmentForm(),
        "goal_form": GoalForm(),
        "step_form": StepForm(goals=plan),
    }
    forms_.update({k: v for k, v in failed.items() if k in forms_ and v is not None})
    return {
        "notes": notes_for(jobseeker=jobseeker, for_jobseeker=for_jobseeker),
        "appointments": appointments_upcoming(jobseeker=jobseeker),
        "plan": plan,
        **({} if for_jobseeker else forms_),
    }


def counsellor_page(
    request: HttpRequest,
    jobseeker: JobSeeker,
    *,
    failed_decision: SuggestionDecisionForm | None = None,
    band_form: CounsellorBandForm | None = None,
    final_form: FinalBandForm | None = None,
    found: FoundSkills | None = None,
    **failed_casework: forms.Form,
) -> dict[str, Any]:
    """The counsellor's view of one person; ``failed_*`` forms are re-shown with errors.

    Showing it is a read of the record, whichever view shows it (a failed form too).
    """
    # First, as it writes the read's trail event before anything of the record is read.
    suggestions, shown = _shown_suggestions(request, jobseeker, page=COUNSELLOR_PAGE)
    context = _profile(request, jobseeker, found)
    context.update(_casework(jobseeker, for_jobseeker=False, failed=failed_casework))
    context["skill_urls"] = skill_urls(jobseeker.reference)
    context["national_classifications"] = bool(crosswalk_schemes())
    decision_forms = forms_per_item(
        shown,
        SuggestionDecisionForm,
        failed_decision,
        failed_item=_failed_decision_item(request, jobseeker, failed_decision),
    )
    context.update(_support(request, jobseeker, band_form=band_form, final_form=final_form))
    failed = [f for f in decision_forms.values() if f.is_bound]
    stray: list[tuple[str, str]] = []
    if failed_decision is not None and not failed:
        # The form named nothing this page shows (stale or forged): say so above the
        # suggestions, with what was typed, so that it can be recorded where it belongs.
        context["stray_decision"] = _kept_input(failed_decision)
        stray = [(STRAY_ANCHOR, m) for m in context["stray_decision"]["messages"]]
    context.update(
        suggestions=suggestions,
        matching_paused=suggestions.paused,
        matching_literacy=_literacy(request, MATCHING_SYSTEM),
        decide=True,
        decision_forms=decision_forms,
        decide_url=reverse("suggestion_decision", args=[jobseeker.reference]),
        decisions=decisions_for(jobseeker=jobseeker),
        responses=vacancy_responses_for(jobseeker=jobseeker),
        verdicts=Verdict.choices,
        errors=stray
        # At most one decision form failed: its message is the page's one "form-errors".
        + error_summary(*failed, form_anchor="form-errors")
        + error_summary(
            context["search_form"],
            context["skill_text"].form,
            band_form,
            final_form,
            *failed_casework.values(),
        ),
    )
    return context


#: Where the page says that a decision named no suggestion it shows.
STRAY_ANCHOR = "decision-not-shown"


def _failed_decision_item(
    request: HttpRequest, jobseeker: JobSeeker, failed: SuggestionDecisionForm | None
) -> str | None:
    """The suggestion a failed decision is about: the one its ``shown`` pointer names, when
    that was shown to this counsellor for this person (the form's ``item_id`` may be forged);
    else none, and the form's own ``item_id`` is looked for on the page."""
    if failed is None:
        return None
    return shown_item_of(
        viewer=request.user, jobseeker=jobseeker, shown_id=failed.data.get("shown")
    )


def _kept_input(form: SuggestionDecisionForm) -> dict[str, Any]:
    """The messages of a decision that names nothing on the page, and what was typed in it."""
    return {
        "messages": [str(m) for errors in form.errors.values() for m in errors],
        "kept": kept_input(form, ("verdict", "reason", "adaptation")),
    }


def _support(
    request: HttpRequest,
    jobseeker: JobSeeker,
    *,
    band_form: CounsellorBandForm | None,
    final_form: FinalBandForm | None,
) -> dict[str, Any]:
    """Counsellor-first: the model's band is shown only once the counsellor's own is recorded."""
    current, last = assessments_now(jobseeker=jobseeker)
    # Stop switch: while paused the model is not even run; the counsellor decides alone.
    paused = paused_for(SystemKey.SUPPORT_NEEDS, user=request.user, jobseeker=jobseeker).paused
    context: dict[str, Any] = {
        "open_assessment": current,
        "last_assessment": last,
        "band_form": band_form or CounsellorBandForm(),
        "final_form": final_form or FinalBandForm(),
        "model_available": support_model() is not None,
        "support_paused": paused,
        "support_literacy": (gate := _literacy(request, SUPPORT_NEEDS_SYSTEM)),
    }
    if current is not None and not paused and current.model_band and gate != "block":
        # Shown as recorded by the POST that stored the counsellor's own band; showing a
        # page writes nothing but the trail's read event.
        result = model_assessment(jobseeker, language=get_language())
        if result is not None:
            context["model_view"] = result[0]
    context["decide_without_model"] = current is not None and not current.model_band and not paused
    return context


def _rebind_review_form(
    form: ReviewRequestForm, items: list[ReviewItem], *, jobseeker: JobSeeker, viewer: Any
) -> ReviewRequestForm:
    """Keep the chosen item across the new set of suggestions this page has just shown.

    An item of an earlier set is chosen again as the same vacancy in the new set, else kept
    as it was shown then; one that cannot be resolved gets its message at the field (a form
    that failed on its message alone never reached ``review_item_for``).
    """
    data = form.data.copy()
    key = str(data.get("item", ""))
    offered = list(items)
    refusal: InputError | None = None
    if key and key not in {i.key for i in items}:
        try:
            chosen: ReviewItem | None = review_item_for(
                jobseeker=jobseeker, user=viewer, key=key, items=items
            )
        except InputError as error:
            chosen, refusal = None, error
        # Only a suggestion shown to this viewer for this person is followed.
        old = earlier_suggestion(jobseeker=jobseeker, user=viewer, key=key)
        again = next((i for i in items if old and i.shown_item_id == old.item_id), None)
        if again is not None:
            data["item"] = again.key
        elif chosen is not None:
            offered.append(chosen)
    fresh = ReviewRequestForm(data, items=offered)
    fresh.is_valid()
    for name, errors in form.errors.items():
        for message in errors:
            if message not in fresh.errors.get(name, []):
                fresh.add_error(name if name in fresh.fields else None, message)
    if refusal is not None and "item" not in form.errors:
        add_input_error(fresh, refusal)
    return fresh


def jobseeker_page(
    request: HttpRequest,
    jobseeker: JobSeeker,
    *,
    review_form: ReviewRequestForm | None = None,
    preferences_form: forms.Form | None = None,
    escalation: tuple[int, EscalationForm] | None = None,
    failed_response: VacancyResponseForm | None = None,
    found: FoundSkills | None = None,
) -> dict[str, Any]:
    """The job seeker's own page: the decided assessment, suggestions, reviews.

    Showing it is a read of the record, whichever view shows it (a failed form too).
    """
    # First, as it writes the read's trail event before anything of the record is read.
    suggestions, shown = _shown_suggestions(request, jobseeker, page=SELF_SERVICE_PAGE)
    context = _profile(request, jobseeker, found)
    context.update(_casework(jobseeker, for_jobseeker=True, failed={}))
    context["skill_urls"] = skill_urls(None)
    if preferences_form is not None:
        context["preferences_form"] = preferences_form
    response_forms = forms_per_item(shown, VacancyResponseForm, failed_response)
    decided = latest_assessment(jobseeker=jobseeker)
    support_paused = paused_for(
        SystemKey.SUPPORT_NEEDS, user=request.user, jobseeker=jobseeker
    ).paused
    # The model's explanation is shown only with a decision the counsellor has discussed,
    # and never while the model is paused.
    show_model = decided is not None and not support_paused
    result = model_assessment(jobseeker, language=get_language()) if show_model else None
    items = review_items(jobseeker=jobseeker, user=request.user, decided=decided, shown=shown)
    if review_form is None:
        review_form = ReviewRequestForm(items=items)
    else:
        review_form = _rebind_review_form(
            review_form, items, jobseeker=jobseeker, viewer=request.user
        )
    reviews = list(reviews_of(jobseeker=jobseeker))
    escalations = {}
    for review in reviews:
        review.label = review_item_label(review)
        if review.can_escalate:
            bound = escalation is not None and escalation[0] == review.pk
            escalations[review.pk] = (
                escalation[1] if bound else EscalationForm(auto_id=f"id_esc{review.pk}_%s")
            )
    refused, escalation_errors = _refused_escalation(escalation, escalations)
    context.update(
        suggestions=suggestions,
        decisions=decisions_for(jobseeker=jobseeker),
        response_forms=response_forms,
        responses=vacancy_responses_for(jobseeker=jobseeker),
        model_view=result[0] if result else None,
        support_paused=support_paused,
        matching_paused=suggestions.paused,
        last_assessment=decided,
        review_form=review_form,
        reviews=reviews,
        escalation_forms=escalations,
        errors=error_summary(
            context["search_form"],
            context["skill_text"].form,
            review_form,
            preferences_form,
            *(f for f in response_forms.values() if f.is_bound),
        )
        + escalation_errors,
        refused_escalation=refused,
    )
    return context


def _refused_escalation(
    escalation: tuple[int, EscalationForm] | None, shown: dict[int, EscalationForm]
) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """The failed escalation's summary links, and what its request shows when it has no form.

    A request that may no longer be passed on (it was, in the meantime or in another tab)
    shows no form: its messages, and what was typed, stand at the request itself.
    """
    if escalation is None:
        return None, []
    pk, form = escalation
    if pk in shown:
        return None, error_summary(form)
    refused = {
        "pk": pk,
        "anchor": f"escalation-refused-{pk}",
        "messages": [str(m) for errors in form.errors.values() for m in errors],
        "typed": form.data.get("message", ""),
    }
    return refused, [(refused["anchor"], m) for m in refused["messages"]]
