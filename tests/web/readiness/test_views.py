"""Readiness pages: access, the multi-step form, results, roadmap, benchmark, comparison."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from openpes import readiness as core
from openpes.web.accounts.enums import Role
from openpes.web.readiness.demo import readiness_demo_seed
from openpes.web.readiness.models import Assessment, Organisation, Respondent, SharedScore
from openpes.web.readiness.services import (
    assessment_start,
    respondent_answers_save,
    respondent_invite,
)
from openpes.web.trail.models import AuditEvent

FW = core.load_framework()
pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(make_user):
    return make_user(Role.TEAM_LEAD)


@pytest.fixture
def lead_client(lead) -> Client:
    client = Client()
    client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def assessment(lead) -> Assessment:
    return assessment_start(
        actor=lead,
        title="AI readiness 2026",
        organisation_name="PES of Testland (fictional)",
        region="north",
    )


def _answered(assessment: Assessment, lead, level: int, group: str = "leadership") -> Respondent:
    respondent = respondent_invite(
        actor=lead, assessment=assessment, group=group, label=f"{group} {level}"
    )
    respondent_answers_save(
        actor=lead,
        respondent=respondent,
        answers={q.id: level for q in FW.questions},
        step=9,
        submit=True,
    )
    return respondent


def _urls(assessment: Assessment, respondent: Respondent) -> list[str]:
    return [
        reverse("readiness_home"),
        reverse("readiness_detail", args=[assessment.pk]),
        reverse("readiness_answer", args=[assessment.pk, respondent.pk, 1]),
        reverse("readiness_roadmap", args=[assessment.pk]),
        reverse("readiness_benchmark", args=[assessment.pk]),
        reverse("readiness_compare", args=[assessment.pk]),
        reverse("readiness_export", args=[assessment.pk, "csv"]),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        (Role.JOBSEEKER, 403),
        (Role.COUNSELLOR, 403),
        (Role.OVERSIGHT, 403),
        (Role.TEAM_LEAD, 200),
        (Role.ADMIN, 200),
    ],
)
def test_only_team_leads_and_administrators_get_in(client_for, lead, assessment, role, status):
    _answered(assessment, lead, 2)
    open_slot = respondent_invite(
        actor=lead, assessment=assessment, group="front_line", label="open slot"
    )
    client = client_for(role)
    for url in _urls(assessment, open_slot):
        response = client.get(url)
        # Another team lead sees everything but may not fill in a slot of someone else's
        # assessment; an administrator may.
        expected = 403 if role == Role.TEAM_LEAD and "/respondents/" in url else status
        assert response.status_code == expected, (role, url)
        if status == 302:
            assert response["Location"].startswith(reverse("login"))


def test_post_only_urls_refuse_other_roles(client_for, lead, assessment):
    counsellor = client_for(Role.COUNSELLOR)
    for url in (
        reverse("readiness_start"),
        reverse("readiness_invite", args=[assessment.pk]),
        reverse("readiness_share", args=[assessment.pk]),
    ):
        assert counsellor.post(url).status_code == 403
        assert Client().post(url).status_code == 302


def test_start_an_assessment_with_the_planned_use(lead_client):
    response = lead_client.post(
        reverse("readiness_start"),
        {
            "title": "Readiness spring 2026",
            "organisation_name": "PES of Testland (fictional)",
            "region": "west",
            "size_band": "small",
            "risk__role": "automated",
            "risk__profiling": "individual",
        },
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "readiness_detail", args=[assessment.pk]
    )
    assert assessment.context == {"risk.role": "automated", "risk.profiling": "individual"}
    assert assessment.organisation.region == "west"
    assert AuditEvent.objects.filter(
        action="readiness.started", subject=f"readiness:{assessment.pk}"
    ).exists()


def test_start_without_a_title_shows_the_error(lead_client):
    response = lead_client.post(reverse("readiness_start"), {"title": "", "organisation_name": "X"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Assessment.objects.exists()


def test_invite_then_answer_step_by_step_saving_progress(lead_client, lead, assessment):
    response = lead_client.post(
        reverse("readiness_invite", args=[assessment.pk]),
        {"group": "front_line", "label": "Counsellor, north"},
    )
    assert response.status_code == 302
    respondent = assessment.respondents.get()
    step1 = reverse("readiness_answer", args=[assessment.pk, respondent.pk, 1])
    page = lead_client.get(step1).content.decode()
    first = FW.dimensions[0].questions[0]
    assert first.text["en"] in page and first.levels[2]["en"] in page and "Don&#x27;t know" in page
    answers = {"leadership__strategy": "2", "leadership__owner": "dont_know", "action": "next"}
    response = lead_client.post(step1, answers)
    assert response["Location"] == reverse(
        "readiness_answer", args=[assessment.pk, respondent.pk, 2]
    )
    respondent.refresh_from_db()
    assert respondent.answers == {"leadership.strategy": 2, "leadership.owner": "dont_know"}
    assert respondent.step == 1 and respondent.submitted_at is None
    # Coming back shows what was saved.
    again = lead_client.get(step1).content.decode()
    assert 'value="2" id="id_leadership__strategy_2" checked' in again
    assert 'value="dont_know" id="id_leadership__owner_5" checked' in again
    # Finish later from step 2, then submit from the last step.
    lead_client.post(
        reverse("readiness_answer", args=[assessment.pk, respondent.pk, 2]),
        {"staff__literacy": "1", "action": "later"},
    )
    last = reverse("readiness_answer", args=[assessment.pk, respondent.pk, len(FW.dimensions)])
    response = lead_client.post(last, {"partnerships__vendors": "4", "action": "submit"})
    assert response["Location"] == reverse("readiness_detail", args=[assessment.pk])
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None and len(respondent.answers) == 4
    actions = list(
        AuditEvent.objects.filter(subject=f"readiness:{assessment.pk}").values_list(
            "action", flat=True
        )
    )
    assert actions.count("readiness.saved") == 2 and actions.count("readiness.submitted") == 1


def test_bad_level_is_refused_on_the_form(lead_client, lead, assessment):
    respondent = respondent_invite(
        actor=lead, assessment=assessment, group="leadership", label="me"
    )
    url = reverse("readiness_answer", args=[assessment.pk, respondent.pk, 1])
    response = lead_client.post(url, {"leadership__strategy": "7", "action": "next"})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    respondent.refresh_from_db()
    assert respondent.answers == {}


def test_someone_else_cannot_fill_in_an_invited_person_s_answers(
    client_for, make_user, lead, assessment
):
    other_lead = make_user(Role.TEAM_LEAD)
    respondent = respondent_invite(
        actor=lead, assessment=assessment, group="it_data", label="IT", user=other_lead
    )
    url = reverse("readiness_answer", args=[assessment.pk, respondent.pk, 1])
    owner = Client()
    owner.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    assert owner.get(url).status_code == 403
    invited = Client()
    invited.force_login(other_lead, backend="django.contrib.auth.backends.ModelBackend")
    assert invited.get(url).status_code == 200


def test_results_show_scores_voices_and_the_leadership_gap(lead_client, lead, assessment):
    _answered(assessment, lead, 3, "leadership")
    _answered(assessment, lead, 1, "front_line")
    expected = core.score(
        core.Assessment(
            "x",
            (
                core.Respondent("a", "leadership", {q.id: 3 for q in FW.questions}),
                core.Respondent("b", "front_line", {q.id: 1 for q in FW.questions}),
            ),
        )
    )
    page = lead_client.get(reverse("readiness_detail", args=[assessment.pk])).content.decode()
    assert f"Overall score {expected.score:.0f} out of 100" in page
    assert "this gap is itself a finding" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox=' in page and 'role="img"' in page
    assert FW.dimension("legal").title["en"] in page


def test_roadmap_lists_triggered_actions_by_horizon(lead_client, lead, assessment):
    _answered(assessment, lead, 1)
    page = lead_client.get(reverse("readiness_roadmap", args=[assessment.pk])).content.decode()
    assert "0 to 6 months" in page and "6 to 18 months" in page
    assert FW.action("legal.basis.2").text["en"] in page
    assert "lifts a gate" in page


def test_with_four_shared_scores_the_benchmark_shows_only_your_own(lead_client, lead, assessment):
    _answered(assessment, lead, 2)
    for result in [core.score(a) for a in core.demo_organisations()[:4]]:
        shared = core.share(result)
        SharedScore.objects.create(
            framework_id=shared.framework_id,
            framework_version=shared.framework_version,
            dimensions=dict(shared.dimensions),
            overall=shared.overall,
            shared_month="2026-01",
        )
    page = lead_client.get(reverse("readiness_benchmark", args=[assessment.pk])).content.decode()
    assert "Fewer than 5 organisations" in page
    assert "Median" not in page and "First quartile" not in page
    # Sharing our own makes five.
    lead_client.post(reverse("readiness_share", args=[assessment.pk]))
    page = lead_client.get(reverse("readiness_benchmark", args=[assessment.pk])).content.decode()
    assert "5 organisations shared their scores" in page and "Median" in page
    stored = SharedScore.objects.order_by("-pk").first()
    assert stored.overall == pytest.approx(50) and stored.region == "north"
    assert not any(f.name in {"organisation", "assessment"} for f in SharedScore._meta.get_fields())


def test_demo_seed_gives_a_benchmark_a_comparison_and_is_idempotent(client_for):
    assert readiness_demo_seed() == 2
    assert readiness_demo_seed() == 0
    assert SharedScore.objects.count() == 12 and Organisation.objects.count() == 1
    current = Assessment.objects.order_by("-created_at").first()
    admin = client_for(Role.ADMIN)
    page = admin.get(
        reverse("readiness_benchmark", args=[current.pk]) + "?group_by=size_band"
    ).content.decode()
    assert "12 organisations shared their scores" in page and "Median" in page
    assert "(6 organisations)" in page
    by_region = admin.get(
        reverse("readiness_benchmark", args=[current.pk]) + "?group_by=region"
    ).content.decode()
    assert "The comparison by group is hidden" in by_region
    compare = admin.get(reverse("readiness_compare", args=[current.pk])).content.decode()
    assert "AI readiness 2025 compared with AI readiness 2026" in compare


def test_exports(lead_client, lead, assessment):
    _answered(assessment, lead, 2)
    html = lead_client.get(reverse("readiness_export", args=[assessment.pk, "html"]))
    assert html["Content-Disposition"].endswith('.html"') and b"<svg" in html.content
    data = json.loads(
        lead_client.get(reverse("readiness_export", args=[assessment.pk, "json"])).content
    )
    assert (
        data["framework"] == {"id": FW.id, "version": FW.version} and data["result"]["score"] == 50
    )
    assert (
        lead_client.get(reverse("readiness_export", args=[assessment.pk, "pdf"])).status_code == 404
    )


LANGUAGE_HEADINGS = {
    "en": "Organisational readiness for AI",
    "fr": "Préparation de l’organisation à l’IA",
    "de": "Organisatorische KI-Reife",
    "nl": "Organisatorische gereedheid voor AI",
    "es": "Preparación de la organización para la IA",
}


@pytest.mark.parametrize(("language", "heading"), LANGUAGE_HEADINGS.items())
def test_pages_speak_five_languages(lead_client, lead, assessment, language, heading):
    respondent = _answered(assessment, lead, 2)
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    home = lead_client.get(reverse("readiness_home"), **headers).content.decode()
    assert f'<html lang="{language}">' in home and heading in home
    step = lead_client.get(
        reverse("readiness_answer", args=[assessment.pk, respondent.pk, 4]), **headers
    ).content.decode()
    assert FW.question("legal.basis").text[language] in step
    detail = lead_client.get(
        reverse("readiness_detail", args=[assessment.pk]), **headers
    ).content.decode()
    assert FW.dimension("fairness").title[language] in detail
    assert core.level_name(3, language) in detail


def test_invite_errors_stand_at_their_field_with_a_summary_and_the_input_kept(
    lead_client, assessment
):
    response = lead_client.post(
        reverse("readiness_invite", args=[assessment.pk]), {"group": "it_data", "label": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400 and not assessment.respondents.exists()
    # The summary links to the field; the message stands at the field; the choice is kept.
    assert 'role="alert"' in page and 'href="#id_label"' in page
    assert 'id="id_label_errors"' in page
    assert '<option value="it_data" selected>' in page


def test_service_errors_name_their_field_and_are_translated(lead, assessment):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with pytest.raises(ValidationError) as caught:
        respondent_invite(actor=lead, assessment=assessment, group="nobody", label="x")
    assert set(caught.value.error_dict) == {"group"}
    with translation.override("fr"):
        assert caught.value.error_dict["group"][0].messages == [
            "Choisissez un groupe de répondants dans la liste."
        ]


def test_sharing_twice_says_so_in_the_reader_s_language(lead_client, lead, assessment):
    _answered(assessment, lead, 2)
    url = reverse("readiness_share", args=[assessment.pk])
    lead_client.post(url)
    response = lead_client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "Ces scores sont déjà partagés." in page
    assert "already shared" not in page
    assert SharedScore.objects.count() == 1


def test_demo_seed_goes_through_the_services_and_the_trail(client_for):
    readiness_demo_seed()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"readiness.started", "readiness.invited", "readiness.submitted"} <= actions
    assert "readiness.shared" in actions
    earlier = Assessment.objects.get(title="AI readiness 2025")
    assert earlier.respondents.filter(submitted_at__lt=earlier.created_at + timedelta(days=1))


def test_assessment_page_lists_respondents_with_progress_and_who_answers(
    lead_client, make_user, lead, assessment
):
    other = make_user(Role.TEAM_LEAD, first_name="Ada", last_name="Quist")
    respondent_invite(actor=lead, assessment=assessment, group="it_data", label="IT", user=other)
    _answered(assessment, lead, 2, "leadership")
    page = lead_client.get(reverse("readiness_detail", args=[assessment.pk])).content.decode()
    assert "answered by Ada Quist" in page
    assert f"{len(FW.questions)} of {len(FW.questions)} questions – submitted" in page
    home = lead_client.get(reverse("readiness_home")).content.decode()
    assert f'href="{reverse("readiness_detail", args=[assessment.pk])}">AI readiness 2026' in home
    # The page shows the date in the app's time zone (Europe/Brussels), not in UTC.
    assert f"<td>{timezone.localtime(assessment.created_at):%Y-%m-%d}</td>" in home
