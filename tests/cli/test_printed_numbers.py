"""What ``openpes --lang fr taxonomy info`` and ``profile train`` print writes numbers the French
way: ``3 039`` (a narrow no-break space groups the thousands) and ``0,708``, as docs/cli.md says.

Run in-process with the root's ``--lang``, as a user's ``openpes --lang fr ...``; the figures are
compared with what :class:`openpes.i18n.LocalisedText` writes, the formatter reports use too.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from openpes.cli import app
from openpes.i18n import LocalisedText
from openpes.synth import generate_world
from openpes.taxonomy import Taxonomy

RUNNER = CliRunner()
FRENCH = LocalisedText("openpes.cli", "fr")


def _run(*args: str) -> str:
    result = RUNNER.invoke(app, list(args), env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    return result.output


def test_french_taxonomy_info_groups_thousands_the_french_way():
    tax = Taxonomy.load()
    out = _run("--lang", "fr", "taxonomy", "info")
    for count in (tax.occupations.height, tax.skills.height, tax.occupation_skills.height):
        assert count > 999  # a count that needs a group separator
        assert FRENCH.number(count, 0) in out, out
        assert f"{count:,}" not in out, out
    assert "\u202f" in FRENCH.number(tax.skills.height, 0)


def test_french_taxonomy_search_scores_have_a_decimal_comma():
    out = _run("--lang", "fr", "taxonomy", "search", "forklift driver", "--limit", "3")
    assert re.search(r"\b\d+,\d\b", out), out
    assert not re.search(r"\b\d+\.\d\b", out), out


@pytest.fixture(scope="module")
def french_training(tmp_path_factory: pytest.TempPathFactory) -> str:
    world = tmp_path_factory.mktemp("world")
    generate_world(3000, 20, 2, seed=8).write_parquet(world)
    out = tmp_path_factory.mktemp("model")
    return _run(
        "--lang",
        "fr",
        "profile",
        "train",
        "--data",
        str(world),
        "--target",
        "not_employed_12m",
        "--model",
        "scorecard",
        "--out",
        str(out),
    )


def test_french_profile_train_writes_metrics_with_a_decimal_comma(french_training: str):
    rows = {
        line.split("│")[1].strip(): line
        for line in french_training.splitlines()
        if line.count("│") >= 3
    }
    for measure in ("AUC", "Score de Brier", "ECE"):
        line = next(text for name, text in rows.items() if name.startswith(measure))
        assert re.search(r"\b0,\d{3}\b", line), line
        assert not re.search(r"\b0\.\d{3}\b", line), line
