"""The audit report names groups in words, with the codes an auditor writes after them."""

import pytest

from openpes.fairness import audit, describe_group, group_code, to_dict, to_markdown
from tests.core.fairness.conftest import decisions


@pytest.fixture(scope="module")
def result():
    # A PES's raw values, as a user's CSV has them: F/M, <25/25-49/50+, EU/non-EU/national.
    return audit(
        decisions(600, seed=3),
        label="found_work",
        prediction="high_need",
        sensitive=["sex", "age_band", "origin"],
        intersections=2,
        reference={"sex": "F", "age_band": "25-49", "origin": "national"},
    )


def test_the_report_writes_words_then_codes(result):
    text = to_markdown(result)
    for name in (
        "Women (sex=F)",
        "Men (sex=M)",
        "Under 25 (age_band=<25)",
        "Aged 50 and over (age_band=50+)",
        "Non-EU origin (origin=non-EU)",
        "Other EU origin (origin=EU)",
        "Origin: not recorded (origin=(missing))",
        "Women × Aged 50 and over (sex=F × age_band=50+)",
        "Everyone (overall)",
        "### Sex × Age group (sex × age_band)",
    ):
        assert name in text, name
    assert "sex: F" not in text


def test_the_report_names_groups_in_its_language(result):
    text = to_markdown(result, language="fr")
    assert "Femmes × 50 ans et plus (sex=F × age_band=50+)" in text
    assert "Origine hors UE (origin=non-EU)" in text


def test_exports_keep_the_codes(result):
    rows = to_dict(result)["disparities"]
    assert {"sex": "M"} in [r["attributes"] for r in rows]
    assert "Men" not in str(rows)


def test_unknown_columns_and_values_stay_as_written():
    assert describe_group("region", "north", "de", codes=True) == "region: north (region=north)"
    assert describe_group("age_band", "67+", "fr") == "Tranche d'âge : 67+"
    assert group_code("sex × age_band", "F × 50+") == "sex=F × age_band=50+"
