"""Repository rules, written as tests."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "openpes"
CORE = ["taxonomy", "synth", "fairness", "matching", "profiling", "readiness", "register"]
CORE_MODULES = ["errors.py", "i18n.py"]


def _present_core() -> list[str]:
    return [name for name in CORE if (SRC / name / "__init__.py").exists()]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", _present_core())
def test_core_never_imports_django_in_source(package):
    offenders = [
        str(path.relative_to(ROOT))
        for path in (SRC / package).rglob("*.py")
        if any(
            name == "django" or name.startswith(("django.", "openpes.web"))
            for name in _imports(path)
        )
    ]
    assert not offenders, f"the analytics core must not import Django: {offenders}"


def test_core_never_loads_django_at_run_time():
    code = (
        "import sys, importlib\n"
        f"for name in {_present_core()!r}: importlib.import_module('openpes.' + name)\n"
        "import openpes.errors, openpes.i18n\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m == 'django' or m.startswith(('django.', 'openpes.web'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions.
    if name.isupper() and len(name) > 1:
        return (0, name)
    return (1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize("package", _present_core())
def test_public_api_is_explicit_complete_and_sorted(package):
    module = importlib.import_module(f"openpes.{package}")
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"openpes.{package} needs an explicit __all__"
    assert list(exported) == sorted(exported, key=_isort_key), (
        f"openpes.{package}.__all__ must be sorted (ruff RUF022 order)"
    )
    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and getattr(value, "__module__", "").startswith(f"openpes.{package}")
    }
    assert public <= set(exported), (
        f"openpes.{package} exposes names missing from __all__: {public - set(exported)}"
    )
    for name in exported:
        assert hasattr(module, name), (
            f"openpes.{package}.__all__ names {name!r} which does not exist"
        )


def test_every_cli_command_is_documented():
    from typer.main import get_command

    from openpes.cli import app

    docs = (ROOT / "docs" / "cli.md").read_text()
    root = get_command(app)

    def walk(command, prefix):
        for name, sub in getattr(command, "commands", {}).items():
            yield f"{prefix} {name}"
            yield from walk(sub, f"{prefix} {name}")

    missing = [cmd for cmd in walk(root, "openpes") if f"`{cmd}" not in docs]
    assert not missing, f"document these commands in docs/cli.md: {missing}"


@pytest.mark.django_db
def test_every_model_has_its_migration():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_no_unused_templates():
    web = SRC / "web"
    templates = {
        str(path.relative_to(directory))
        for directory in web.rglob("templates")
        for path in directory.rglob("*.html")
    }
    code = "\n".join(p.read_text() for p in web.rglob("*.py")) + "\n".join(
        p.read_text() for p in web.rglob("*.html")
    )
    # Django looks these up by convention rather than by name in our code.
    conventional = {"403.html", "404.html", "500.html", "admin/base_site.html"}
    unused = sorted(
        t for t in templates - conventional if not re.search(rf"['\"]{re.escape(t)}['\"]", code)
    )
    assert not unused, f"templates nobody renders: {unused}"
