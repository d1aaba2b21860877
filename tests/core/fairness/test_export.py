from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import polars as pl
import pytest

from openpes.fairness import METRICS, audit, to_csv, to_dict, to_json, to_markdown
from tests.core.fairness.conftest import decisions

SCHEMA_PATH = (
    Path(__file__).resolve().parents[3]
    / "src"
    / "openpes"
    / "fairness"
    / "schema"
    / "audit.schema.json"
)


@pytest.fixture(scope="module")
def schema():
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("reference", ["largest", "best", "overall", {"sex": "F"}])
def test_json_follows_the_schema(world, schema, reference):
    small = pl.concat([world, decisions(3, seed=2).with_columns(pl.lit("tiny").alias("age_band"))])
    result = audit(
        small,
        label="found_work",
        prediction="high_need",
        score="score",
        sensitive=["sex", "age_band", "origin"],
        intersections=2,
        reference=reference,
    )
    document = json.loads(to_json(result))
    jsonschema.validate(document, schema)
    assert set(document) >= {"n", "groups", "disparities", "verdict"}
    assert document["n"] == small.height
    assert all(set(g["metrics"]) == set(METRICS) for g in document["groups"])
    assert any(g["suppressed"] for g in document["groups"])


def test_schema_rejects_a_broken_document(world, schema):
    document = to_dict(audit(world, label="found_work", prediction="high_need", sensitive="sex"))
    document["disparities"][0]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_undefined_values_are_null_not_nan():
    df = pl.DataFrame({"y": [0] * 30 + [1] * 30, "p": [0] * 60, "g": ["a", "b"] * 30})
    document = json.loads(to_json(audit(df, label="y", prediction="p", sensitive="g")))
    overall = document["groups"][0]
    assert overall["metrics"]["ppv"] == {"value": None, "ci_low": None, "ci_high": None}


def test_csv_has_one_row_per_group_and_metric(world):
    result = audit(world, label="found_work", prediction="high_need", sensitive="sex")
    table = pl.read_csv(io.StringIO(to_csv(result)))
    assert table.height == result.groups.height * len(METRICS)
    failing = table.filter(pl.col("verdict") == "fail")
    assert failing.height == (result.disparities["verdict"] == "fail").sum()
    assert set(table["group"].fill_null("")) == {"", "sex=F", "sex=M"}


def test_csv_of_an_attribute_with_one_value_has_no_comparisons():
    df = pl.DataFrame({"y": [0, 1] * 20, "p": [1, 1, 0, 0] * 10, "g": ["a"] * 40})
    table = pl.read_csv(io.StringIO(to_csv(audit(df, label="y", prediction="p", sensitive="g"))))
    assert table.height == 2 * len(METRICS) and table["verdict"].is_null().all()


def test_markdown_report_snapshot(snapshot):
    result = audit(
        decisions(600, seed=11),
        label="found_work",
        prediction="high_need",
        sensitive=["sex", "age_band"],
        min_group_size=20,
    )
    assert to_markdown(result) == snapshot


def test_markdown_in_german(world):
    text = to_markdown(
        audit(world, label="found_work", prediction="high_need", sensitive="sex"), language="de"
    )
    assert text.startswith("# Fairness-Audit") and "Gesamturteil" in text
