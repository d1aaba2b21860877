"""Inside the app only the oversight officer sees a group of fewer than 10 people or a rate
over fewer than 10 decisions (rule 3): the Annex IV documentation, the register page and the
CLI leave them out for everyone else, and the literacy course for every learner.

The installed model's group audit has a group of 3 people; 5 decisions are recorded. Both
are real: a saved model artifact and counsellors' assessments in the database.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from openpes.cli import app as cli
from openpes.profiling import GroupRates, load_model, save_model
from openpes.web.accounts.enums import Role
from openpes.web.counselling import support
from openpes.web.counselling.models import SupportAssessment
from openpes.web.register.demo import register_demo_seed
from openpes.web.register.exports import FORMATS, annex_iv_export
from openpes.web.register.selectors import record_get
from openpes.web.trail.models import AuditEvent
from tests.web.factories import JobSeekerFactory

TINY = "origin=tiny-group"
# 1 of 5 assessments overrides the model: 20.0 %, written as the exports write it.
RATE_LEAKS = ("20.0%", "20,0", "0.2,", "of 5 decisions")
HIDDEN_NOTE = "Groups of fewer than 10 people are not shown, to protect privacy (1 group left out)."
RATE_NOTE = "Override rate: not shown for fewer than 10 decisions."


def _rates(grouping: str, group: str, n: int, rate: float) -> GroupRates:
    values = dict.fromkeys(f.name for f in dataclasses.fields(GroupRates))
    return GroupRates(**{**values, "grouping": grouping, "group": group, "n": n, "fnr": rate})


@pytest.fixture
def small_model(model_dir, tmp_path, monkeypatch):
    """The session's demo model with a group of 3 people added to its test-part audit."""
    model = load_model(model_dir)
    test = model.report.test
    groups = (*test.groups, _rates("origin", TINY, 3, 0.6789))
    report = dataclasses.replace(model.report, test=dataclasses.replace(test, groups=groups))
    folder = tmp_path / "support-needs"
    save_model(dataclasses.replace(model, report=report), folder)
    monkeypatch.setenv("OPENPES_MODEL_DIR", str(folder))
    support.support_model.cache_clear()
    yield folder
    support.support_model.cache_clear()


@pytest.fixture
def registered(db, small_model, make_user):
    register_demo_seed()
    counsellor, person = make_user(Role.COUNSELLOR), JobSeekerFactory()
    for i in range(5):
        SupportAssessment.objects.create(
            jobseeker=person,
            counsellor=counsellor,
            counsellor_band="high",
            model_band="high" if i else "low",
            final_band="high",
            reason="r",
        )
    return record_get(system="support-needs")


def _leaks(text: str) -> list[str]:
    return [leak for leak in (TINY, *RATE_LEAKS) if leak in text]


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_annex_iv_leaves_small_groups_out_unless_full_figures_are_asked(registered, fmt):
    public = annex_iv_export(registered, format=fmt).content
    assert _leaks(public) == []
    assert "origin=national" in public  # the large groups stay
    full = annex_iv_export(registered, format=fmt, full=True).content
    assert TINY in full and "20.0%" in full


def test_annex_iv_says_what_it_left_out(registered):
    data = json.loads(annex_iv_export(registered, format="json").content)
    point_3 = [s["text"] for s in data["points"][2]["statements"]]
    assert HIDDEN_NOTE in point_3 and RATE_NOTE in point_3


@pytest.mark.parametrize(
    ("role", "full"), [(Role.ADMIN, False), (Role.OVERSIGHT, True)], ids=["admin", "oversight"]
)
def test_only_the_oversight_officer_reads_full_figures_in_the_app(
    client_for, registered, role, full
):
    client = client_for(role)
    url = reverse("register_document", args=["support-needs", "annex-iv", "html"])
    doc = client.get(url).content.decode()
    page = client.get(reverse("register_home")).content.decode()
    if full:
        assert TINY in doc and "20.0%" in doc
        assert "overrode the model in 20.0% of 5 decisions" in page
    else:
        assert _leaks(doc) == [] and _leaks(page) == []
        assert RATE_NOTE in doc and RATE_NOTE in page
    event = AuditEvent.objects.filter(action="register.exported").latest("position")
    assert event.details["format"] == "annex-iv-html"
    assert event.details["figures"] == ("full" if full else "public")


def test_the_literacy_course_leaves_small_groups_out(client_for, registered):
    for role in (Role.COUNSELLOR, Role.OVERSIGHT):
        page = client_for(role).get(reverse("literacy_course", args=["support-needs"]))
        assert page.status_code == 200
        assert _leaks(page.content.decode()) == [], role


def test_the_cli_leaves_them_out_unless_an_oversight_officer_asks(registered, make_user):
    runner = CliRunner()
    args = ["register", "annex-iv", "support-needs", "--format", "md"]
    public = runner.invoke(cli, args)
    assert public.exit_code == 0, public.output
    assert _leaks(public.output) == [] and RATE_NOTE in public.output
    admin, officer = make_user(Role.ADMIN), make_user(Role.OVERSIGHT)
    for refused in ([], ["--as", admin.username], ["--as", "nobody"]):
        result = runner.invoke(cli, [*args, "--full-figures", *refused])
        assert result.exit_code != 0 and TINY not in result.output, refused
        assert "--as" in str(result.exception) or "nobody" in str(result.exception), refused
    full = runner.invoke(cli, [*args, "--full-figures", "--as", officer.username])
    assert full.exit_code == 0, full.output
    assert TINY in full.output and "20.0%" in full.output
    events = AuditEvent.objects.filter(action="register.exported").order_by("position")
    assert [(e.actor, e.details["figures"]) for e in events] == [
        ("cli", "public"),
        (officer.username, "full"),
    ]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_record_export_is_public_for_every_role(client_for, registered, fmt):
    # Exports leave the oversight role (they are for publication): public for everyone.
    for role in (Role.ADMIN, Role.OVERSIGHT):
        response = client_for(role).get(reverse("register_export", args=["support-needs", fmt]))
        assert response.status_code == 200
        assert _leaks(response.content.decode()) == [], role
