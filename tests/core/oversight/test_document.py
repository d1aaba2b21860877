"""The oversight report and the JSON contract."""

from __future__ import annotations

import json

import pytest

from openpes.i18n import LANGUAGES
from openpes.oversight import oversight_document, run_monitors, run_to_dict
from openpes.reports import Figure, Table, to_html, to_markdown
from tests.core.oversight.conftest import make_world, window_kwargs


@pytest.fixture(scope="module")
def run():
    world = make_world(6000, seed=12, bias=0.2)
    return run_monitors(
        suggestions=world.suggestions,
        assessments=world.assessments,
        outcomes=world.outcomes,
        **window_kwargs(),
    )


def _blocks(section):
    yield from section.blocks
    for sub in section.subsections:
        yield from _blocks(sub)


def test_the_document_has_alerts_tables_charts_and_trends(run):
    doc = oversight_document(run)
    assert doc.sections[0].id == "alerts"
    blocks = [b for s in doc.sections for b in _blocks(s)]
    captions = [b.caption for b in blocks if isinstance(b, Table)]
    assert "Alerts raised in this period" in captions
    assert "Trend by calendar month, against the reference window" in captions
    assert "By counsellor" in captions
    figures = [b for b in blocks if isinstance(b, Figure)]
    # Every chart carries its data table.
    assert figures and all(f.data.rows for f in figures)
    markdown = to_markdown(doc)
    # The officer's report: words, then the codes a policy is written with.
    assert "Non-EU origin (origin=non-EU)" in markdown
    assert "moved to less support (less_support_rate)" in markdown
    assert "Women × Aged 50 and over (sex=F × age_band=50+)" in markdown
    # Without codes (a team lead's copy) the words only; the exports keep the codes.
    words = to_markdown(oversight_document(run, codes=False))
    assert "Non-EU origin" in words and "origin=non-EU" not in words
    assert "| moved to less support |" in words and "origin: non-EU" not in words
    assert "Estimate:" in markdown  # outcomes of the monitored period are not known yet


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_document_is_translated(run, language):
    html = to_html(oversight_document(run, language=language))
    assert f'lang="{language}"' in html
    titles = {
        "en": "Oversight of the AI systems",
        "fr": "Supervision des systèmes d&#x27;IA",
        "de": "Aufsicht über die KI-Systeme",
        "nl": "Toezicht op de AI-systemen",
        "es": "Supervisión de los sistemas de IA",
        "fi": "Tekoälyjärjestelmien valvonta",
        "lv": "MI sistēmu uzraudzība",
        "tr": "Yapay zekâ sistemlerinin gözetimi",
        "ko": "AI 시스템 감독",
        "ms": "Pengawasan sistem AI",
    }
    assert titles[language] in html or titles[language].replace("&#x27;", "'") in html


def test_one_monitor(run):
    doc = oversight_document(run, monitor=("support_needs", "anchoring"))
    systems = [s for s in doc.sections if s.id != "alerts"]
    assert [s.id for s in systems] == ["support_needs"]
    assert [sub.id for sub in systems[0].subsections] == ["support_needs-anchoring"]
    everywhere = oversight_document(run, monitor="drift")
    ids = [sub.id for s in everywhere.sections for sub in s.subsections]
    assert ids == ["matching-drift", "support_needs-drift"]


def test_json_contract(run):
    data = run_to_dict(run, statuses={"support_needs": "paused"})
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    systems = {s["id"]: s for s in data["systems"]}
    assert systems["support_needs"]["status"] == "paused"
    assert systems["matching"]["status"] == "active"
    assert {"id", "status", "monitors"} <= set(systems["matching"])
    assert data["alerts"], "the planted bias raises alerts"
    for alert in data["alerts"]:
        assert list(alert)[:10] == [
            "system",
            "monitor",
            "attribute",
            "group",
            "metric",
            "value",
            "low",
            "high",
            "reference_value",
            "verdict",
        ]
        assert alert["verdict"] in ("warn", "fail", "insufficient")
    lean = run_to_dict(run, tables=False)
    assert "table" not in lean["systems"][0]["monitors"][0]
