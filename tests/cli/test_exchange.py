"""``openpes exchange``: import (exit 0 accepted, 2 refused with the reason), the benchmark
export (never a cell below 5 PES), withdrawal on the hub, and the export's opt-in parts."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from openpes.cli import app
from openpes.exchange import build_bundle, generate_key, load_private_key, sign
from openpes.web.exchange.demo import exchange_demo_seed
from openpes.web.exchange.models import BundleVersion

RUNNER = CliRunner()
CASE = {
    "title": "t",
    "problem": "p",
    "approach": "a",
    "result": "r",
    "lessons": "l",
    "theme": "readiness",
    "language": "es",
    "country": "ES",
}


@pytest.fixture
def hub_member(db, tmp_path):
    public = generate_key(tmp_path / "m.key")
    added = RUNNER.invoke(app, ["exchange", "member", "add", "pes-cli", public, "--country", "es"])
    assert added.exit_code == 0, added.output
    return load_private_key(tmp_path / "m.key")


def test_import_accepts_then_refuses_a_group_below_ten(hub_member, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(sign(build_bundle("pes-cli", {"cases": [CASE]}), hub_member)))
    accepted = RUNNER.invoke(app, ["exchange", "import", str(good)])
    assert accepted.exit_code == 0 and "pes-cli v1" in accepted.output
    small = {"system": "matching", "people": 50, "groups": [{"attribute": "age", "n": 3}]}
    bad = tmp_path / "bad.json"
    unsigned = build_bundle("pes-cli", {"indicators": []})  # the builder refuses it too
    unsigned["parts"]["indicators"].append(small)
    bad.write_text(json.dumps(sign(unsigned, hub_member)))
    refused = RUNNER.invoke(app, ["exchange", "import", str(bad)])
    assert refused.exit_code != 0 and isinstance(refused.exception, Exception)
    assert "at least 10" in str(refused.exception)
    assert BundleVersion.objects.count() == 1


def test_export_needs_a_part(tmp_path):
    result = RUNNER.invoke(app, ["exchange", "export", "--out", str(tmp_path / "b.json")])
    assert result.exit_code != 0 and "--readiness" in str(result.exception)


def test_the_benchmark_export_has_only_published_cells(db):
    exchange_demo_seed()
    result = RUNNER.invoke(app, ["exchange", "benchmarks"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all(int(r["contributors"]) >= 5 for r in rows)
    assert not any(r["region"] for r in rows)  # 4 PES per region in the demo
    withdrawn = RUNNER.invoke(app, ["exchange", "withdraw", "--member", "demo-frostholm"])
    assert withdrawn.exit_code == 0 and withdrawn.output.strip() == "1"
    after = list(csv.DictReader(io.StringIO(RUNNER.invoke(app, ["exchange", "benchmarks"]).output)))
    overall = [r for r in after if r["metric"] == "indicators:alerts" and not r["size_band"]]
    assert overall[0]["contributors"] == "11"
