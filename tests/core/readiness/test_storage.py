"""JSON export and reload, migration from framework 0.9, and the answers template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.readiness import (
    Assessment,
    Respondent,
    demo_organisations,
    export_json,
    from_json,
    load_framework,
    load_json,
    score,
    template,
    to_json,
)

FW = load_framework()
QUESTIONS = [q.id for q in FW.questions]
GROUPS = [g.id for g in FW.respondent_groups]
FIXTURES = Path(__file__).parent / "fixtures"


def test_export_and_reload_give_the_same_assessment_and_scores(tmp_path):
    original = demo_organisations()[3]
    path = tmp_path / "answers.json"
    export_json(score(original), path)
    again = load_json(path)
    assert again == original
    assert score(again).dimensions == score(original).dimensions
    saved = json.loads(path.read_text())
    assert saved["framework"] == {"id": FW.id, "version": FW.version}
    assert saved["result"]["level"] == score(original).level
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(GROUPS),
            st.dictionaries(st.sampled_from(QUESTIONS), st.one_of(st.none(), st.integers(0, 4))),
        ),
        min_size=1,
        max_size=4,
    ),
    st.text(min_size=1, max_size=30),
    st.booleans(),
)
def test_json_round_trip_keeps_every_answer(raw, name, opted_in):
    a = Assessment(
        name,
        tuple(Respondent(f"r{i}", g, answers) for i, (g, answers) in enumerate(raw)),
        context={"risk.role": "automated"},
        share=opted_in,
    )
    assert from_json(to_json(a)) == a


def test_answers_from_version_0_9_are_migrated():
    old = load_json(FIXTURES / "answers-0.9.json")
    assert (old.framework_id, old.framework_version) == (FW.id, FW.version)
    by_id = {r.id: r for r in old.respondents}
    manager, counsellor = by_id["m1"], by_id["c1"]
    assert (manager.group, counsellor.group) == ("leadership", "front_line")
    assert manager.answers["legal.basis"] == 3  # renamed from gov.legal_basis
    assert manager.answers["legal.impact"] is None  # "don't know" survives
    assert "tech.cloud" not in manager.answers  # removed question
    # people.training was rated 0-3; 3 becomes 4 and 1 stays 1.
    assert (manager.answers["staff.literacy"], counsellor.answers["staff.literacy"]) == (4, 1)
    assert manager.answers["leadership.strategy"] == 2  # unchanged id
    result = score(old)
    assert result.framework_version == "1.0" and result.respondents == 2


def test_unknown_old_version_is_refused_with_the_supported_ones(tmp_path):
    data = json.loads((FIXTURES / "answers-0.9.json").read_text())
    data["framework"]["version"] = "0.5"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"migrates from: 0\.9") as info:
        load_json(path)
    assert str(path) in str(info.value)


def test_migrated_level_out_of_the_old_scale_is_refused(tmp_path):
    data = json.loads((FIXTURES / "answers-0.9.json").read_text())
    data["respondents"][0]["answers"]["people.training"] = 4
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="level 0-3 in version 0.9"):
        load_json(path)


def _doc(framework: dict, respondents: list) -> str:
    return json.dumps(
        {
            "format": "openpes.readiness.assessment",
            "framework": framework,
            "organisation": {},
            "respondents": respondents,
        }
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "format"),
        ('{"format": "openpes.readiness.assessment"}', "framework"),
        (_doc({"id": "other", "version": "1.0"}, []), "not 'pes-ai-readiness'"),
        (
            _doc(
                {"id": "pes-ai-readiness", "version": "1.0"},
                [{"id": "a", "group": "leadership", "answers": {"legal.basis": "yes"}}],
            ),
            "expected a level",
        ),
    ],
)
def test_bad_files_raise_input_errors_naming_the_file(tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(InputError, match=message) as info:
        load_json(path)
    assert "bad.json" in str(info.value)


def test_template_lists_every_question_blank_and_loads(tmp_path):
    data = json.loads(template(organisation="PES of Examplia (fictional)", language="es"))
    assert [r["group"] for r in data["respondents"]] == [
        "leadership",
        "front_line",
        "it_data",
        "data_protection",
    ]
    assert all(set(r["answers"]) == set(QUESTIONS) for r in data["respondents"])
    assert all(v is None for r in data["respondents"] for v in r["answers"].values())
    assert (
        data["guide"]["questions"]["legal.basis"]["question"]
        == FW.question("legal.basis").text["es"]
    )
    loaded = from_json(json.dumps(data))
    assert all(r.answers == {} for r in loaded.respondents)  # blank = unanswered
    assert loaded.context == {}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "inconnue 'nowhere'"),
        ("de", "unbekannte Frage 'nowhere'"),
        ("nl", "onbekende vraag 'nowhere'"),
        ("es", "pregunta desconocida 'nowhere'"),
    ],
)
def test_errors_are_translated_where_they_are_shown(tmp_path, language, expected):
    path = tmp_path / "bad.json"
    path.write_text(
        _doc(
            {"id": "pes-ai-readiness", "version": "1.0"},
            [{"id": "a", "group": "leadership", "answers": {"nowhere": 1}}],
        )
    )
    with pytest.raises(InputError) as info:
        load_json(path)
    # English by default; the reader's language where it is shown, with the place kept.
    assert "unknown question 'nowhere'" in str(info.value)
    shown = info.value.translate(language)
    assert expected in shown and "bad.json" in shown and "unknown question" not in shown
