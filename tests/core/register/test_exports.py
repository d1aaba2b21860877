"""The register's exports follow their standards' field lists, names, limits and values."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from openpes.errors import InputError
from openpes.register import (
    ANNEX_VIII_ITEMS,
    DataCategory,
    Fria,
    FriaRisk,
    GroupPerformance,
    Link,
    LiveFacts,
    Record,
    Risk,
    annex_iv,
    annex_iv_export,
    atrs_document,
    atrs_fields,
    fria_export,
    nl_csv,
    nl_fields,
    record_from_dict,
    record_to_dict,
    risk_priority,
    to_annex_viii,
    to_atrs,
    to_nl_algoritmeregister,
    validate_atrs,
    validate_nl_algoritmeregister,
)
from openpes.reports import to_html

STANDARDS = Path(__file__).resolve().parents[4] / "shared" / "standards"


def _record(**changes) -> Record:
    values = dict(
        id="support-needs",
        name={"en": "Support-needs assessment", "nl": "Beoordeling ondersteuningsbehoefte"},
        purpose={"en": "Estimates the need for support", "nl": "Schat de ondersteuningsbehoefte"},
        forbidden_uses={"en": "deny a benefit", "nl": "een uitkering weigeren"},
        organisation="UWV",
        organisation_address="La Guardiaweg 94, Amsterdam",
        owner_team="Data",
        senior_responsible_owner="Director",
        contact_email="ai@uwv.example",
        website="https://uwv.example/ai/",
        lawful_basis={"nl": "Wet SUWI"},
        lawful_basis_links=[Link({"nl": "Wet SUWI"}, "https://wetten.overheid.nl/BWBR0013060")],
        data=[
            DataCategory({"nl": "Vaardigheden"}, {"nl": "Inschrijving"}, url="https://x.example")
        ],
        oversight={"nl": "De adviseur beslist."},
        risks=[Risk({"nl": "Fouten per groep"}, {"nl": "Monitoring"})],
        methods={"nl": "Additief model"},
        dpia_url="https://uwv.example/dpia",
        fria_url="https://uwv.example/fria",
        updated="2026-01-02T10:00:00+01:00",
        live=LiveFacts(
            "2026-01-05",
            model_version="abc123",
            model_sha256="f" * 64,
            training_rows=3000,
            groups=[GroupPerformance("gender", "female", 120, 0.3, 0.1, 0.2)],
            decisions=10,
            override_rate=0.2,
        ),
    )
    values.update(changes)
    return Record(**values)


def _standard_rows(name: str) -> list[list[str]]:
    lines = (STANDARDS / name).read_text().splitlines()
    return [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in lines
        if line.startswith("| `") or re.match(r"\| [\d.]+ \|", line)
    ]


@pytest.mark.skipif(not STANDARDS.exists(), reason="the shared standards folder is not here")
def test_shipped_nl_field_list_matches_the_standard():
    rows = {r[0].strip("`"): r for r in _standard_rows("nl-algoritmeregister-1.0.md")}
    fields = {f.name: f for f in nl_fields()}
    assert list(fields) == list(rows)
    for name, row in rows.items():
        assert str(fields[name].max_length or "-") == row[2], name
        assert fields[name].required == (row[3].lower() == "true"), name


@pytest.mark.skipif(not STANDARDS.exists(), reason="the shared standards folder is not here")
def test_shipped_atrs_field_list_matches_the_standard():
    rows = _standard_rows("uk-atrs-3.0.md")
    assert [(f.ref, f.name) for f in atrs_fields()] == [(r[0], r[1].strip("`")) for r in rows]


def test_nl_export_uses_only_standard_fields_and_required_ones_are_there():
    data = to_nl_algoritmeregister(_record())
    names = {f.name for f in nl_fields()}
    assert set(data) <= names
    assert {f.name for f in nl_fields() if f.required} <= set(data)
    assert data["lang"] == "nld" and data["standard_version"] == "1.0"
    assert data["status"] == "In gebruik"
    assert data["publication_category"] == "Hoog-risico AI-systeem"
    assert data["category"] == ["Sociale zekerheid", "Werk"]
    assert data["name"] == "Beoordeling ondersteuningsbehoefte"  # Dutch free text
    assert data["lawful_basis_grouping"] == [
        {"title": "Wet SUWI", "link": "https://wetten.overheid.nl/BWBR0013060"}
    ]
    assert "abc123" in data["methods_and_models"]  # live facts are written in
    assert validate_nl_algoritmeregister(data) == data


def test_nl_export_fixed_texts_are_dutch():
    data = to_nl_algoritmeregister(_record())
    assert "Modelversie" in data["methods_and_models"]
    assert "Model version" not in data["methods_and_models"]


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("name", "x" * 101, "100"),
        ("description_short", "y" * 401, "400"),
        ("goal", "z" * 2501, "2500"),
    ],
)
def test_nl_validator_refuses_too_long_text_naming_field_and_limit(field, value, limit):
    data = to_nl_algoritmeregister(_record())
    data[field] = value
    with pytest.raises(InputError, match=rf"field {field} has \d+ characters.*at most {limit}"):
        validate_nl_algoritmeregister(data)


def test_nl_export_refuses_a_record_breaking_the_standard():
    with pytest.raises(InputError, match="field name has 150 characters"):
        to_nl_algoritmeregister(_record(name={"nl": "n" * 150}))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "Actief"),
        ("publication_category", "Hoog risico"),
        ("lang", "eng"),
        ("standard_version", "2.0"),
    ],
)
def test_nl_validator_refuses_values_not_permitted(field, value):
    data = to_nl_algoritmeregister(_record())
    data[field] = value
    with pytest.raises(InputError, match=f"field {field} must be one of"):
        validate_nl_algoritmeregister(data)


def test_nl_validator_checks_categories_items_html_required_and_unknown():
    data = to_nl_algoritmeregister(_record())
    with pytest.raises(InputError, match=r"field category\[0\] must be one of"):
        validate_nl_algoritmeregister({**data, "category": ["Sport"]})
    with pytest.raises(InputError, match="HTML tag.*script"):
        validate_nl_algoritmeregister({**data, "goal": "<p>x</p><script>y</script>"})
    with pytest.raises(InputError, match="HTML tag.*b"):
        validate_nl_algoritmeregister({**data, "name": "<b>x</b>"})
    with pytest.raises(InputError, match="field organization is required"):
        validate_nl_algoritmeregister({k: v for k, v in data.items() if k != "organization"})
    with pytest.raises(InputError, match="field colour is not part"):
        validate_nl_algoritmeregister({**data, "colour": "red"})
    with pytest.raises(InputError, match=r"lawful_basis_grouping\[0\].link is required"):
        validate_nl_algoritmeregister({**data, "lawful_basis_grouping": [{"title": "t"}]})
    with pytest.raises(InputError, match=r"lawful_basis_grouping\[0\].title has 101"):
        validate_nl_algoritmeregister(
            {**data, "lawful_basis_grouping": [{"title": "t" * 101, "link": "https://x"}]}
        )


def test_nl_csv_has_one_column_per_field_in_the_standard_order():
    text = nl_csv([to_nl_algoritmeregister(_record())])
    header, row = text.splitlines()[:2]
    assert header.split(",") == [f.name for f in nl_fields()]
    assert "Beoordeling ondersteuningsbehoefte" in row


def test_atrs_has_every_attribute_by_name_and_required_ones_filled():
    data = to_atrs(_record())
    assert validate_atrs(data) == []
    assert set(data["tier_1"]) == {f.name for f in atrs_fields() if f.tier == 1}
    tier2 = {name for section in data["tier_2"].values() for name in section}
    assert tier2 == {f.name for f in atrs_fields() if f.tier == 2}
    assert data["tier_2"]["model_specification"]["model_version"] == "abc123"
    assert data["date_archived"] is None
    assert "female" in data["tier_2"]["model_specification"]["model_performance"]


def test_atrs_validator_names_what_is_missing():
    data = to_atrs(_record(owner_team=""))
    assert validate_atrs(data) == ["team"]


def test_atrs_html_is_a_report_page_with_every_attribute():
    html = to_html(atrs_document(_record()))
    assert html.startswith("<!DOCTYPE html>")
    for field in atrs_fields():
        assert field.name in html


def test_annex_viii_section_c_is_complete():
    fria = Fria("support-needs", {}, [FriaRisk({"en": "Women"}, {"en": "x"}, 3, 3)])
    data = to_annex_viii(_record(), fria=fria)
    assert data["section"] == "C" and list(data["items"]) == list(ANNEX_VIII_ITEMS)
    assert data["items"]["deployer"] == {
        "name": "UWV",
        "address": "La Guardiaweg 94, Amsterdam",
        "contact": "ai@uwv.example",
    }
    assert "1 high" in data["items"]["fria_summary"]
    assert all(data["items"].values())


def test_annex_iv_has_nine_points_each_statement_with_source_and_date():
    annex = annex_iv(_record())
    assert len(annex.points) == 9
    for point in annex.points:
        assert point
        assert all(e.text and e.source and e.date for e in point)
    data = json.loads(annex_iv_export(annex, format="json"))
    assert [p["number"] for p in data["points"]] == list(range(1, 10))
    assert "<!DOCTYPE html>" in annex_iv_export(annex, format="html")
    assert annex_iv_export(annex, format="md").startswith("# ")


@pytest.mark.parametrize(
    ("severity", "likelihood", "priority"),
    [
        (1, 1, "low"),
        (1, 3, "low"),
        (2, 2, "medium"),
        (4, 1, "medium"),
        (3, 3, "high"),
        (4, 4, "high"),
    ],
)
def test_fria_priority(severity, likelihood, priority):
    assert risk_priority(severity, likelihood) == priority


def test_fria_refuses_scores_outside_the_scale():
    with pytest.raises(InputError, match="severity must be a whole number from 1 to 4"):
        risk_priority(5, 1)


def test_fria_exports_and_flag():
    fria = Fria(
        "m",
        {"a": {"en": "Counselling"}},
        [FriaRisk({"en": "g"}, {"en": "h"}, 4, 4, monitor="decisions")],
        flagged=["alert:decisions"],
    )
    assert json.loads(fria_export(fria, format="json"))["risks"][0]["priority"] == "high"
    html = fria_export(fria, format="html")
    # An unknown monitor is named as stored; the reason around it is in words.
    assert "alert:decisions" not in html and "names: decisions" in html
    assert "(f)" in fria_export(fria, format="md")


def test_record_round_trips_through_json():
    record = _record()
    assert record_from_dict(json.loads(json.dumps(record_to_dict(record)))) == record


def test_live_fields_change_the_exports():
    before = to_nl_algoritmeregister(_record())
    after = to_nl_algoritmeregister(
        _record(live=LiveFacts("2026-02-01", model_version="def456", training_rows=4000))
    )
    assert "abc123" in before["methods_and_models"] and "def456" in after["methods_and_models"]
    assert to_atrs(_record())["tier_2"]["model_specification"]["model_version"] == "abc123"


def test_refused_html_tags_are_counted_in_the_readers_language():
    data = to_nl_algoritmeregister(_record())
    with pytest.raises(InputError) as one:
        validate_nl_algoritmeregister({**data, "name": "<b>x</b>"})
    with pytest.raises(InputError) as two:
        validate_nl_algoritmeregister({**data, "name": "<b>x</b><i>y</i>"})
    assert str(one.value.reason) == "field name holds the HTML tag b; allowed here: -"
    assert str(two.value.reason) == "field name holds the HTML tags b, i; allowed here: -"
    assert one.value.reason.in_language("fr") == (
        "le champ name contient la balise HTML b ; autorisées ici : -"
    )
    assert two.value.reason.in_language("fr") == (
        "le champ name contient les balises HTML b, i ; autorisées ici : -"
    )


def test_the_fria_summary_counts_risks_in_the_readers_language():
    from openpes.register import fria_summary

    def summary(risks: int, language: str) -> str:
        fria = Fria("m", {}, [FriaRisk({"en": "Women"}, {"en": "x"}, 3, 3)] * risks)
        return fria_summary(fria, language=language)

    assert summary(1, "en").startswith("Fundamental rights impact assessment: 1 risk assessed")
    assert summary(2, "en").startswith("Fundamental rights impact assessment: 2 risks assessed")
    assert "1 risque évalué (" in summary(1, "fr")
    assert "2 risques évalués (" in summary(2, "fr")
    assert "novērtēts 1 risks (" in summary(1, "lv")
    assert "novērtēti 2 riski (" in summary(2, "lv")
