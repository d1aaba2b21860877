"""The register app: records with live facts, versions, publications, exports, the public page."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from typer.testing import CliRunner

from openpes.cli import app as cli
from openpes.profiling import artifact_sha256, save_model, train_demo_model
from openpes.register import validate_atrs, validate_nl_algoritmeregister
from openpes.synth import generate_world
from openpes.web.accounts.enums import Role
from openpes.web.counselling.models import ReviewRequest, SupportAssessment
from openpes.web.register.demo import register_demo_seed
from openpes.web.register.enums import ErrorReportStatus
from openpes.web.register.exports import annex_iv_export, record_export
from openpes.web.register.models import ErrorReport, Publication, RecordVersion, RegisterRecord
from openpes.web.register.selectors import live_facts, record_get
from openpes.web.register.services import (
    error_report_answer,
    fria_flag_check,
    record_publish,
    record_retract,
    record_update,
)
from openpes.web.trail.models import AuditEvent
from openpes.web.trail.selectors import trail_verify
from tests.web.factories import JobSeekerFactory

LANGUAGES = ["en", "fr", "de", "nl", "es"]


@pytest.fixture
def registered(db, support_model_installed):
    register_demo_seed()
    return record_get(system="support-needs")


def test_demo_registers_both_running_systems_with_live_fields(registered, model_dir):
    assert set(RegisterRecord.objects.values_list("system", flat=True)) == {
        "matching",
        "support-needs",
    }
    live = live_facts(registered)
    sha = artifact_sha256(model_dir)
    assert live.model_sha256 == sha and live.model_version == sha[:12]
    assert live.training_rows and live.training_rows > 0
    assert live.groups, "per-group performance from the model's audit"
    # Oversight has not run the monitors yet: no verdict is invented.
    assert live.monitor_verdicts == () and live.open_alerts == 0 and live.pauses == 0
    matching = live_facts(record_get(system="matching"))
    assert matching.model_version and len(matching.model_sha256 or "") == 64
    assert Publication.objects.count() == 2
    assert trail_verify().intact
    # The default texts are real translations, so the Dutch export is in Dutch.
    assert len({registered.purpose[lang] for lang in LANGUAGES}) == 5


def test_live_fields_change_when_the_model_changes(registered, tmp_path, monkeypatch):
    before = live_facts(registered)
    folder = tmp_path / "other-model"
    save_model(train_demo_model(generate_world(2000, 10, 2, seed=99)), folder)
    monkeypatch.setenv("OPENPES_MODEL_DIR", str(folder))
    after = live_facts(registered)
    assert after.model_sha256 == artifact_sha256(folder) != before.model_sha256
    assert after.training_rows != before.training_rows
    exported = json.loads(record_export(registered, format="atrs").content)
    assert exported["tier_2"]["model_specification"]["model_version"] == after.model_version
    # ... and the FRIA assessed the old model, so it is flagged for update (Art. 27(2)).
    assert f"model:{after.model_version}" in fria_flag_check(record=registered)
    assert AuditEvent.objects.filter(action="register.fria_flagged").exists()


def test_override_and_review_rates_come_from_the_decisions(registered, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    person = JobSeekerFactory()
    for model_band, final in [
        ("high", "high"),
        ("high", "low"),
        ("low", "low"),
        ("medium", "high"),
    ]:
        SupportAssessment.objects.create(
            jobseeker=person,
            counsellor=counsellor,
            counsellor_band=final,
            model_band=model_band,
            final_band=final,
            reason="r",
        )
    ReviewRequest.objects.create(jobseeker=person, topic="assessment", message="why?")
    live = live_facts(registered)
    assert (live.decisions, live.override_rate) == (4, 0.5)
    assert (live.review_requests, live.review_rate) == (1, 0.25)


def test_every_change_is_a_version_in_the_trail(registered, make_user):
    admin = make_user(Role.ADMIN)
    record_update(record=registered, actor=admin, changes={"owner_team": "New team"})
    record_update(record=registered, actor=admin, changes={"owner_team": "New team"})
    assert registered.version == 2
    versions = RecordVersion.objects.filter(record=registered).order_by("number")
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].changed_fields == ["owner_team"]
    assert versions[1].snapshot["owner_team"] == "New team"
    event = AuditEvent.objects.filter(action="register.record_changed").get()
    assert event.details == {"version": 2, "fields": ["owner_team"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_exports_follow_the_standards(registered, language):
    nl = json.loads(
        record_export(registered, format="nl-algoritmeregister", language=language).content
    )
    assert validate_nl_algoritmeregister(nl) == nl
    assert nl["name"] == registered.name["nl"]  # the Dutch register is in Dutch, always
    assert nl["lang"] == "nld" and "Modelversie" in nl["methods_and_models"]
    atrs = json.loads(record_export(registered, format="atrs", language=language).content)
    assert validate_atrs(atrs) == []
    viii = json.loads(record_export(registered, format="annex-viii", language=language).content)
    assert all(viii["items"].values()) and viii["language"] == language
    csv = record_export(registered, format="nl-algoritmeregister-csv").content
    assert csv.splitlines()[0].startswith("name,description_short,organization")


def test_annex_viii_carries_the_fria_summary(registered):
    viii = json.loads(record_export(registered, format="annex-viii").content)
    assert "2 risks assessed (1 high, 1 medium, 0 low)" in viii["items"]["fria_summary"]


def test_annex_iv_has_nine_points_with_sources_and_dates(registered):
    data = json.loads(annex_iv_export(registered, format="json").content)
    assert [p["number"] for p in data["points"]] == list(range(1, 10))
    for point in data["points"]:
        assert point["statements"], point["title"]
        assert all(s["source"] and s["date"] for s in point["statements"])
    sources = {s["source"] for p in data["points"] for s in p["statements"]}
    assert {"model card", "training report", "audit trail", "running system"} <= sources
    html = annex_iv_export(registered, format="html").content
    assert html.count('<section id="point-') == 9


@pytest.mark.parametrize(
    ("days", "language", "period"),
    [
        (1, "en", "audit trail for 1 day."),
        (30, "en", "audit trail for 30 days."),
        (1, "de", "1 Tag in einem hashverketteten"),
        (1, "lv", "Glabāšanas laiks: 1 diena."),
        (21, "lv", "Glabāšanas laiks: 21 diena."),
        (30, "lv", "Glabāšanas laiks: 30 dienas."),
    ],
)
def test_the_retention_period_agrees_with_its_number(registered, settings, days, language, period):
    settings.OPENPES_LOG_RETENTION_DAYS = days
    data = json.loads(annex_iv_export(registered, format="json", language=language).content)
    statements = [s["text"] for p in data["points"] for s in p["statements"]]
    assert any(period in text for text in statements), statements


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_page_is_open_to_everyone_in_every_language(client, registered, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("public_ai"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    text = response.content.decode()
    assert escape(registered.name[language]) in text
    assert escape(registered.forbidden_uses[language]) in text
    assert 'id="review"' in text


@pytest.mark.parametrize("language", ["en", "fr", "lv"])
def test_the_way_to_a_review_is_one_sentence_with_its_sign_in_link(client, registered, language):
    # It read "Sign in to your page and choose ..., or sign in.": a sentence cut in two for
    # the translators, offering the same thing twice.
    client.cookies["django_language"] = language
    text = client.get(reverse("public_ai"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    item = re.search(r"<li>(.*?)</li>", text[text.index('id="review"') :], re.S).group(1)
    link = re.search(r'<a href="(?P<href>[^"]+)">(?P<words>[^<]+)</a>', item)
    assert link and link["href"] == reverse("login"), item
    words = re.sub(r"<[^>]+>", "", item).strip()
    assert words.count(link["words"]) == 1 and not re.search(r"\s[.]$", words), words
    assert words.endswith(".") and ", or" not in words, words


def test_public_page_suppresses_small_groups(client, registered):
    publication = Publication.objects.get(record=registered)
    groups = publication.snapshot["live"]["groups"]
    publication.snapshot["live"]["groups"] = [
        {**groups[0], "n": 9, "attribute": "region", "group": "tiny-group"},
        {**groups[0], "n": 50, "attribute": "region", "group": "big-group"},
    ]
    publication.save()
    text = client.get(reverse("public_ai")).content.decode()
    assert "big-group" in text and "tiny-group" not in text


def test_public_page_names_groups_in_words_not_codes(client, registered):
    # The profiling report names groups by codes ("sex=female"); the public reads words.
    publication = Publication.objects.get(record=registered)
    groups = publication.snapshot["live"]["groups"]
    publication.snapshot["live"]["groups"] = [
        {**groups[0], "n": 80, "attribute": "overall", "group": "overall"},
        {**groups[0], "n": 40, "attribute": "sex", "group": "sex=female"},
        {**groups[0], "n": 30, "attribute": "disability", "group": "disability=true"},
        {**groups[0], "n": 20, "attribute": "region", "group": "region=north"},
    ]
    publication.save()
    client.cookies["django_language"] = "fr"
    text = client.get(reverse("public_ai"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "sex=female" not in text and "overall: overall" not in text
    assert "disability=true" not in text and "sex: " not in text
    assert ">Femmes<" in text and ">Tout le monde<" in text
    assert ">En situation de handicap<" in text
    # A PES's own column is shown as written.
    assert ">region : north<" in text


def test_public_downloads_and_bulk_csv(client, registered):
    publication = Publication.objects.get(record=registered)
    response = client.get(
        reverse("public_ai_download", args=[publication.pk, "nl-algoritmeregister"])
    )
    assert response.status_code == 200
    assert validate_nl_algoritmeregister(json.loads(response.content))
    assert (
        client.get(reverse("public_ai_download", args=[publication.pk, "nope"])).status_code == 404
    )
    csv = client.get(reverse("public_ai_csv")).content.decode()
    assert len(csv.strip().splitlines()) == 3  # header + the two published systems


def test_retracted_records_leave_the_public_page(client, registered, make_user):
    publication = Publication.objects.get(record=registered)
    record_retract(publication=publication, actor=make_user(Role.ADMIN), reason="outdated")
    assert registered.name["en"] not in client.get(reverse("public_ai")).content.decode()
    url = reverse("public_ai_download", args=[publication.pk, "json"])
    assert client.get(url).status_code == 404
    record_publish(record=registered, actor=None)
    assert registered.name["en"] in client.get(reverse("public_ai")).content.decode()


def test_error_report_follows_the_error_pattern_and_reaches_administrators(
    client, registered, make_user
):
    publication = Publication.objects.get(record=registered)
    url = reverse("public_ai_report", args=[publication.pk])
    response = client.post(url, {"message": "", "contact": "me@example.org"})
    text = response.content.decode()
    # A refused form answers 400, as every other form of the app (it answered 200).
    assert response.status_code == 400
    assert 'id="error-summary"' in text and 'href="#id_message"' in text
    assert 'id="id_message_errors"' in text and 'value="me@example.org"' in text
    assert "<title>Error:" in text
    response = client.post(url, {"message": "The contact address is wrong.", "contact": ""})
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert AuditEvent.objects.filter(action="register.error_reported", actor="public").exists()
    admin = make_user(Role.ADMIN)
    error_report_answer(report=report, actor=admin, answer="Fixed, thank you.")
    report.refresh_from_db()
    assert report.status == ErrorReportStatus.ANSWERED
    assert AuditEvent.objects.filter(action="register.error_answered").exists()


def test_administrators_export_and_publish_in_the_app(client_for, registered):
    admin = client_for(Role.ADMIN)
    page = admin.get(reverse("register_home")).content.decode()
    assert "Model version" in page
    response = admin.get(reverse("register_export", args=["support-needs", "nl-algoritmeregister"]))
    assert response.status_code == 200 and validate_nl_algoritmeregister(
        json.loads(response.content)
    )
    doc = admin.get(reverse("register_document", args=["support-needs", "annex-iv", "html"]))
    assert doc.status_code == 200 and b"Annex IV" in doc.content
    assert admin.post(reverse("register_publish", args=["support-needs"])).status_code == 302
    assert Publication.objects.filter(record=registered).count() == 2
    oversight = client_for(Role.OVERSIGHT)
    assert oversight.post(reverse("register_publish", args=["support-needs"])).status_code == 403
    counsellor = client_for(Role.COUNSELLOR)
    url = reverse("register_export", args=["support-needs", "json"])
    assert counsellor.get(url).status_code == 403


def test_fria_can_be_filled_in(client_for, registered):
    admin = client_for(Role.ADMIN)
    url = reverse("register_fria", args=["support-needs"])
    assert admin.get(url).status_code == 200
    data = {f"element_{k}": f"text {k}" for k in "abcdef"}
    data.update(
        {
            "risk-TOTAL_FORMS": "1",
            "risk-INITIAL_FORMS": "0",
            "risk-MIN_NUM_FORMS": "0",
            "risk-MAX_NUM_FORMS": "1000",
            "risk-0-group": "Women",
            "risk-0-harm": "Under-support",
            "risk-0-severity": "4",
            "risk-0-likelihood": "3",
            "risk-0-monitor": "decisions",
            "risk-0-complaint_route": "/ai/#review",
        }
    )
    assert admin.post(url, data).status_code == 302
    fria = registered.fria
    assert fria.elements["a"]["en"] == "text a" and fria.risks.get().monitor == "decisions"
    html = admin.get(reverse("register_document", args=["support-needs", "fria", "html"])).content
    assert b"Women" in html


def test_a_fria_with_errors_answers_400_with_the_input_kept(client_for, registered):
    admin = client_for(Role.ADMIN)
    url = reverse("register_fria", args=["support-needs"])
    data = {f"element_{k}": f"text {k}" for k in "abcdef"}
    data.update(
        {
            "risk-TOTAL_FORMS": "1",
            "risk-INITIAL_FORMS": "0",
            "risk-MIN_NUM_FORMS": "0",
            "risk-MAX_NUM_FORMS": "1000",
            "risk-0-group": "",
            "risk-0-harm": "Under-support of carers",
            "risk-0-severity": "4",
            "risk-0-likelihood": "3",
        }
    )
    before = admin.get(url).content.decode()
    response = admin.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400 and 'id="error-summary"' in html
    assert 'href="#id_risk-0-group"' in html and "Under-support of carers" in html
    assert "Under-support of carers" not in before, "nothing was saved"
    assert "text a" not in admin.get(url).content.decode()


def test_cli_exports_and_annex_iv(registered, tmp_path):
    runner = CliRunner()
    out = tmp_path / "nl.json"
    result = runner.invoke(
        cli,
        [
            "register",
            "export",
            "support-needs",
            "--format",
            "nl-algoritmeregister",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert validate_nl_algoritmeregister(json.loads(out.read_text()))
    result = runner.invoke(cli, ["register", "annex-iv", "support-needs", "--format", "md"])
    assert result.exit_code == 0 and "## 9." in result.output
    result = runner.invoke(cli, ["register", "export", "nope"])
    assert result.exit_code != 0


def test_administration_edits_make_versions(client_for, registered):
    admin = client_for(Role.ADMIN)
    url = reverse("admin:register_registerrecord_change", args=[registered.pk])
    page = admin.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: form[name].value()
        if not isinstance(form[name].value(), (dict, list))
        else json.dumps(form[name].value())
        for name in form.fields
    }
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["owner_team"] = "Team changed in the admin"
    response = admin.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    registered.refresh_from_db()
    assert registered.version == 2 and registered.owner_team == "Team changed in the admin"
    assert RecordVersion.objects.get(record=registered, number=2).changed_fields == ["owner_team"]


def test_oversight_facts_are_not_invented_without_the_oversight_app(db, monkeypatch):
    from openpes.web.register import live

    facts = live.oversight_facts("support-needs")
    assert facts is not None and {"monitor_verdicts", "open_alerts", "pauses"} <= set(facts)
    # An installation without the oversight app says "not available", never a made-up 0.
    monkeypatch.setattr(live.apps, "is_installed", lambda name: name != live.OVERSIGHT_APP)
    assert live.oversight_facts("support-needs") is None


def test_live_fields_change_when_the_system_is_paused(registered, make_user):
    from openpes.web.oversight.models import AISystem
    from openpes.web.oversight.services import system_pause

    assert live_facts(registered).paused is False
    system_pause(
        system=AISystem.objects.get(key="support_needs"),
        actor=make_user(Role.OVERSIGHT),
        reason="Override gap for one group",
    )
    after = live_facts(registered)
    assert after.pauses == 1 and after.paused is True


def _open_alert_on_human_decisions() -> None:
    """An open alert of the monitor the support-needs FRIA links to (how counsellors decide)."""
    from openpes.web.oversight.models import Alert, MonitorRun

    now = timezone.now()
    run = MonitorRun.objects.create(
        ran_at=now, ran_by="test", period_start=now, period_end=now,
        reference_start=now, reference_end=now,
    )  # fmt: skip
    Alert.objects.create(
        run=run, system_key="support_needs", monitor="human_decisions", attribute="origin",
        group="non_eu", metric="less_support_rate", value=0.2, low=0.1, high=0.3,
        reference_value=0.03, verdict="fail", rule="r", raised_at=now, last_seen_at=now,
    )  # fmt: skip


def test_an_alert_on_a_linked_monitor_flags_the_fria(registered):
    from openpes.web.register.selectors import frias_flagged
    from openpes.web.register.services import fria_flag_check

    record = registered
    fria_flag_check(record=record)
    assert not any(r.startswith("alert:") for _, rs in frias_flagged() for r in rs)
    _open_alert_on_human_decisions()
    assert "alert:human_decisions" in fria_flag_check(record=record)
    assert ("support-needs", ["alert:human_decisions"]) in [
        (s, [r for r in rs if r.startswith("alert:")]) for s, rs in frias_flagged()
    ]


def test_a_flagged_fria_says_why_in_words_on_the_dashboard_and_its_page(client_for, registered):
    # The reasons are stored as codes ("alert:human_decisions", "group:sex=female"); the
    # dashboard and the FRIA page showed them as they are, in every language.
    from openpes.web.register.models import Fria as FriaRow
    from openpes.web.register.services import fria_flag_check

    _open_alert_on_human_decisions()
    fria_flag_check(record=registered)
    row = FriaRow.objects.get(record=registered)
    row.flagged = [*row.flagged, "group:sex=female", "model:abc123"]
    row.save()
    officer = client_for(Role.OVERSIGHT)
    pages = {
        "dashboard": officer.get(reverse("oversight_home"), HTTP_ACCEPT_LANGUAGE="fr"),
        "fria": officer.get(
            reverse("register_fria", args=["support-needs"]), HTTP_ACCEPT_LANGUAGE="fr"
        ),
    }
    for name, response in pages.items():
        body = response.content.decode()
        assert response.status_code == 200, name
        for code in ("alert:human_decisions", "group:sex=female", "model:abc123"):
            assert code not in body, (name, code)
        assert "Comment les conseillers décident" in body, name
        assert "Femmes" in body and "abc123" in body, name
        assert "Une alerte est ouverte" in body and "Un groupe apparaît" in body, name


def test_a_missing_fria_is_refused_in_the_readers_language(
    client_for, registered, monkeypatch, capsys
):
    # The refusals' texts live in the web register's catalogue: page and CLI speak French.
    from openpes.cli import main

    french = "aucune analyse d’impact sur les droits fondamentaux n’est enregistrée pour ce système"
    admin = client_for(Role.ADMIN)
    admin.cookies["django_language"] = "fr"
    url = reverse("register_document", args=["matching", "fria", "html"])
    assert french in admin.get(url, follow=True).content.decode()
    for argv, expected in [
        (["fria", "matching"], french),
        (["fria", "support-needs", "--format", "pdf"], "--format doit être"),
    ]:
        monkeypatch.setattr("sys.argv", ["openpes", "--lang", "fr", "register", *argv])
        with pytest.raises(SystemExit) as exit_:
            main()
        assert exit_.value.code == 2
        assert expected in " ".join(capsys.readouterr().err.split())


def test_public_page_writes_verdicts_and_dates_for_people(client, registered):
    # The French page read "verdict warn" and "2026-12-02T04:17:10.609354+00:00".
    from openpes.web.oversight.selectors import register_facts

    facts = register_facts(system="support-needs")
    assert all(len(checked) == 10 for _, _, checked in facts["monitor_verdicts"])
    assert len(live_facts(registered).last_change or "") == 10
    client.cookies["django_language"] = "fr"
    text = client.get(reverse("public_ai"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", text)
    assert not re.search(r"verdict (pass|warn|fail|insufficient)\b", text)
