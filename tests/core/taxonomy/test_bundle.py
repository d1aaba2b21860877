"""The bundle shipped in the package: size, integrity, independence from ../shared."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import openpes.taxonomy
from openpes.errors import IntegrityError
from openpes.taxonomy._bundle import bundle_dir, read_bundle

PACKAGE = Path(openpes.taxonomy.__file__).parent


def test_bundle_is_at_most_10_mb() -> None:
    total = sum(p.stat().st_size for p in bundle_dir().iterdir() if p.is_file())
    assert total <= 10 * 1024 * 1024


def test_manifest_matches_the_files() -> None:
    frames, manifest = read_bundle(bundle_dir(), verify=True)
    assert manifest["version"] == "1.2.0" and manifest["language"] == "en"
    for name, info in manifest["tables"].items():
        assert getattr(frames, name).height == info["rows"]


def test_tampered_bundle_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(bundle_dir(), copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["tables"]["skills"]["sha256"] = "0" * 64
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IntegrityError, match="skills.parquet"):
        read_bundle(copy, verify=True)


def test_run_time_code_names_no_shared_path() -> None:
    pattern = re.compile(r"\.\./shared|/work/shared|[\"']shared[\"']")
    for source in PACKAGE.rglob("*.py"):
        assert not pattern.search(source.read_text(encoding="utf-8")), source


def test_run_time_opens_only_package_files() -> None:
    # An audit hook sees every file Python opens (Polars reads Parquet in Rust, unseen)
    # while the taxonomy loads, searches and extracts: none may come from ../shared.
    script = textwrap.dedent(
        """
        import sys
        opened = []
        def hook(event, args):
            if event == "open":
                opened.append(str(args[0]))
        sys.addaudithook(hook)
        from openpes.taxonomy import Taxonomy
        tax = Taxonomy.load()
        tax.search("welder"); tax.search("weld", kind="skill"); tax.extract_skills("weld metal")
        tax.skills_of(tax.occupations["uri"][0]); tax.broader(tax.occupations["uri"][0])
        print("\\n".join(opened))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    opened = done.stdout.splitlines()
    assert any(line.endswith("manifest.json") for line in opened)  # the hook works
    assert not [line for line in opened if "/shared/" in line]
