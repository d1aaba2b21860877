"""The analytics core installs and runs without the web application or the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from tests.conftest import IN_CI, require

ROOT = Path(__file__).resolve().parent.parent
CLIENT_PACKAGES = {"django", "typer", "rich", "gunicorn", "whitenoise", "django-axes"}

# An audit, a match and a profiling model on a few rows: what a data team runs without Django.
CORE_RUN = """
import sys
import polars as pl
from openpes import fairness, matching, profiling
data = pl.DataFrame({"y": [1, 0, 1, 0] * 25, "p": [1, 0, 0, 1] * 25, "s": ["a"] * 50 + ["b"] * 50})
result = fairness.audit(data, label="y", prediction="p", sensitive="s")
assert result.groups.height >= 2
assert "<html" in fairness.to_html(result, language="fr")
clients = {"django", "typer", "rich", "gunicorn"}
clients = sorted(m for m in sys.modules if m.split(".")[0] in clients)
assert not clients, clients
print("core OK")
"""


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\\[ ]", requirement, maxsplit=1)[0].lower()


def test_core_dependencies_name_no_client_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = {_name(r) for r in project["dependencies"]}
    assert not core & CLIENT_PACKAGES, core & CLIENT_PACKAGES
    extras = project["optional-dependencies"]
    assert {"django", "gunicorn"} <= {_name(r) for r in extras["web"]}
    assert {"typer", "rich"} <= {_name(r) for r in extras["cli"]}


def test_core_runs_when_the_client_packages_cannot_be_imported():
    # A finder that refuses the client packages stands in for an environment without them.
    blocker = (
        "import sys, importlib.abc\n"
        "class Refuse(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'django', 'typer', 'rich', 'gunicorn'}:\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Refuse())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", blocker + CORE_RUN], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "core OK"


def _constraints(tmp_path: Path) -> Path:
    # The run lock pins every version; pip does not take hashes in a constraints file.
    lock = ROOT / "requirements" / f"run-py{sys.version_info[0]}{sys.version_info[1]}.txt"
    pins = [
        line.split()[0]
        for line in lock.read_text().splitlines()
        if line and not line[0].isspace() and not line.startswith(("#", "-"))
    ]
    path = tmp_path / "constraints.txt"
    path.write_text("\n".join(pins) + "\n")
    return path


@pytest.mark.slow
def test_plain_pip_install_in_a_fresh_venv_runs_the_core(tmp_path):
    require(
        IN_CI or os.environ.get("OPENPES_TEST_PACKAGING") == "1",
        "installs the core into a fresh venv from the package index (about a minute); "
        "set OPENPES_TEST_PACKAGING=1 to run it here",
    )
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", str(_constraints(tmp_path)), str(ROOT)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    missing = subprocess.run(
        [str(python), "-c", "import django"], capture_output=True, text=True, cwd=tmp_path
    )
    assert missing.returncode != 0, "Django must not come with the core"
    result = subprocess.run(
        [str(python), "-c", CORE_RUN], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "core OK"
    script = subprocess.run([str(env_dir / "bin" / "openpes")], capture_output=True, text=True)
    assert script.returncode == 2 and "pip install 'openpes[cli]'" in script.stderr
