"""The framework file: content rules from the issue, schema, and loading other frameworks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from openpes.errors import InputError
from openpes.i18n import LANGUAGES
from openpes.readiness import load_framework
from openpes.readiness._framework import DEFAULT_FRAMEWORK, dependencies

SHIPPED = (
    Path(__file__).resolve().parents[3] / "src/openpes/readiness/frameworks" / DEFAULT_FRAMEWORK
)


def test_shipped_framework_covers_the_dimensions_the_issue_asks_for(framework):
    titles = " | ".join(d.title["en"].lower() for d in framework.dimensions)
    for needed in (
        "leadership and strategy",
        "ai literacy",
        "data and infrastructure",
        "legal basis, governance and ethics",
        "fairness and inclusion",
        "digital exclusion",
        "human-centred service design",
        "implementation planning and change management",
        "monitoring and evaluation",
        "partnerships and international exchange",
    ):
        assert needed in titles, needed
    assert "Art. 4" in framework.dimension("staff").title["en"]
    assert len(framework.dimensions) == 9
    assert all(3 <= len(d.questions) <= 4 for d in framework.dimensions)


def _texts(framework):
    yield framework.title
    for g in framework.respondent_groups:
        yield g.label
    for d in framework.dimensions:
        yield d.title
        for q in d.questions:
            yield q.text
            yield from q.levels
            for a in q.actions:
                yield a.text
    for g in framework.gates:
        yield g.text
    for q in framework.risk_questions:
        yield q.text
        for o in q.options:
            yield o.text
    for t in framework.risk_tiers:
        yield t.text


def test_every_text_is_in_every_language_and_actually_translated(framework):
    texts = list(_texts(framework))
    assert len(texts) > 250
    for text in texts:
        assert set(text) == set(LANGUAGES)
        assert all(text[lang].strip() for lang in LANGUAGES)
    # A text left in English is a missed translation (short words like "Score" aside).
    long_texts = [t for t in texts if len(t["en"]) > 25]
    for lang in LANGUAGES[1:]:
        same = [t["en"] for t in long_texts if t[lang] == t["en"]]
        assert not same, (lang, same[:3])


def test_questions_have_five_evidence_levels_and_an_action_for_every_gap(framework):
    for q in framework.questions:
        assert len(q.levels) == 5
        assert len({level["en"] for level in q.levels}) == 5
        targets = sorted(a.target for a in q.actions)
        # From any level below 4 at least one action lifts the question further.
        for level in range(4):
            assert any(t > level for t in targets), (q.id, level)
        for a in q.actions:
            assert a.effort in ("S", "M", "L") and a.horizon in ("0-6", "6-18", "18-36")


def test_weights_are_positive_and_gates_include_the_legal_basis_cap(framework):
    assert all(d.weight > 0 for d in framework.dimensions)
    assert all(q.weight > 0 for q in framework.questions)
    legal = [g for g in framework.gates if g.question_id == "legal.basis"]
    assert legal and legal[0].cap == 2


def test_implicit_dependencies_put_lower_steps_of_a_question_first(framework):
    deps = dependencies(framework)
    assert "leadership.owner.2" in deps["leadership.owner.4"]
    assert "leadership.strategy.2" in deps["leadership.owner.4"]  # declared in the file


def test_risk_questions_are_kept_apart_from_maturity_questions(framework):
    maturity = {q.id for q in framework.questions}
    risk = {q.id for q in framework.risk_questions}
    assert risk and not (maturity & risk)
    assert [t.tier for t in framework.risk_tiers] == [1, 2, 3, 4]
    assert [t.required_level for t in framework.risk_tiers] == sorted(
        t.required_level for t in framework.risk_tiers
    )


def _small_framework() -> dict:
    def text(s: str) -> dict:
        return {lang: f"{s} ({lang})" for lang in LANGUAGES}

    return {
        "schema": "openpes.readiness.framework/1",
        "id": "tiny",
        "version": "2.0",
        "title": text("Tiny"),
        "maturity_levels": [{"level": i, "min_score": (i - 1) * 20} for i in range(1, 6)],
        "respondent_groups": [{"id": "leadership", "label": text("Leaders")}],
        "dimensions": [
            {
                "id": "only",
                "weight": 1,
                "title": text("Only"),
                "questions": [
                    {
                        "id": "only.q",
                        "weight": 1,
                        "text": text("Q"),
                        "levels": [text(f"L{i}") for i in range(5)],
                        "actions": [
                            {
                                "id": "only.q.4",
                                "target": 4,
                                "effort": "S",
                                "horizon": "0-6",
                                "text": text("Do it"),
                            }
                        ],
                    }
                ],
            }
        ],
        "gates": [],
        "risk": {
            "questions": [],
            "tiers": [{"tier": 1, "min_points": 0, "required_level": 1, "text": text("Low")}],
        },
    }


def test_a_second_framework_loads_from_yaml_or_json(tmp_path):
    data = _small_framework()
    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    (tmp_path / "tiny.json").write_text(json.dumps(data))
    for name in ("tiny.yaml", "tiny.json"):
        fw = load_framework(tmp_path / name)
        assert (fw.id, fw.version, len(fw.questions)) == ("tiny", "2.0", 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["title"].pop("nl"), "schema"),
        (lambda d: d["dimensions"][0]["questions"][0]["levels"].pop(), "schema"),
        (lambda d: d["dimensions"][0]["questions"][0]["actions"][0].update(target=3), "level 4"),
        (
            lambda d: d["dimensions"][0]["questions"][0]["actions"][0].update(depends_on=["nope"]),
            "unknown action",
        ),
        (
            lambda d: d["dimensions"][0]["questions"][0]["actions"][0].update(
                depends_on=["only.q.4"]
            ),
            "cycle",
        ),
        (
            lambda d: d["gates"].append(
                {"id": "g", "question": "x.y", "below": 2, "cap": 2, "text": d["title"]}
            ),
            "unknown question",
        ),
    ],
)
def test_invalid_frameworks_are_rejected_with_a_clear_message(tmp_path, change, message):
    data = _small_framework()
    change(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(InputError, match=message) as info:
        load_framework(path)
    assert str(path) in str(info.value)


def test_missing_framework_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_framework(tmp_path / "nope.yaml")


def test_shipped_file_is_the_default(framework):
    assert load_framework(SHIPPED) == framework


def _refusal(tmp_path, change) -> InputError:
    data = _small_framework()
    change(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(InputError) as info:
        load_framework(path)
    return info.value


def _duplicate_dimensions(copies: int):
    def change(d: dict) -> None:
        for i in range(copies):
            twin = json.loads(json.dumps(d["dimensions"][0]))
            twin["id"] = f"twin{i}"
            for q in twin["questions"]:
                q["id"] = f"twin{i}.q"
                for a in q["actions"]:
                    a["id"] = f"twin{i}.q.4"
            d["dimensions"] += [twin, json.loads(json.dumps(twin))]

    return change


def test_the_number_of_duplicate_ids_chooses_the_plural_form(tmp_path):
    one = _refusal(tmp_path, _duplicate_dimensions(1))
    two = _refusal(tmp_path, _duplicate_dimensions(2))
    assert str(one.reason) == "duplicate dimension id: twin0"
    assert str(two.reason) == "duplicate dimension ids: twin0, twin1"
    assert one.reason.in_language("lv") == "dublēts dimensijas ID: twin0"
    assert two.reason.in_language("lv") == "dublēti dimensiju ID: twin0, twin1"
    assert one.reason.in_language("fr") == "identifiant de dimension en double : twin0"
    assert two.reason.in_language("fr") == "identifiants de dimension en double : twin0, twin1"


def _depends_on(*unknown: str):
    return lambda d: d["dimensions"][0]["questions"][0]["actions"][0].update(
        depends_on=list(unknown)
    )


def test_unknown_prerequisites_are_counted_in_the_readers_language(tmp_path):
    one = _refusal(tmp_path, _depends_on("nope")).reason
    two = _refusal(tmp_path, _depends_on("nope", "nada")).reason
    assert str(one) == "action 'only.q.4' depends on an unknown action: nope"
    assert str(two) == "action 'only.q.4' depends on unknown actions: nope, nada"
    assert one.in_language("fr") == "l’action 'only.q.4' dépend d’une action inconnue : nope"
    assert two.in_language("fr") == "l’action 'only.q.4' dépend d’actions inconnues : nope, nada"


def _tier_requires(*dimensions: str):
    return lambda d: d["risk"]["tiers"].append(
        {
            "tier": 2,
            "min_points": 5,
            "required_level": 2,
            "required_dimensions": dict.fromkeys(dimensions, 50),
            "text": d["title"],
        }
    )


def test_unknown_tier_dimensions_are_counted_in_the_readers_language(tmp_path):
    one = _refusal(tmp_path, _tier_requires("nope")).reason
    two = _refusal(tmp_path, _tier_requires("nada", "nope")).reason
    assert str(one) == "risk tier 2: unknown dimension nope"
    assert str(two) == "risk tier 2: unknown dimensions nada, nope"
    assert one.in_language("lv") == "riska līmenis 2: nezināma dimensija nope"
    assert two.in_language("lv") == "riska līmenis 2: nezināmas dimensijas nada, nope"
