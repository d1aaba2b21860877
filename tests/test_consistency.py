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
CORE = [
    "taxonomy",
    "synth",
    "fairness",
    "matching",
    "profiling",
    "readiness",
    "reports",
    "oversight",
    "register",
    "exchange",
]
#: Top-level modules of the core, checked like the packages.
CORE_MODULES = ["errors.py", "i18n.py", "files.py", "_frames.py"]
CLIENTS = ["cli", "web"]


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


def _core_files(package: str) -> list[Path]:
    if package.endswith(".py"):
        return [SRC / package]
    return sorted((SRC / package).rglob("*.py"))


@pytest.mark.parametrize("package", _present_core() + CORE_MODULES)
def test_core_never_imports_django_in_source(package):
    offenders = [
        str(path.relative_to(ROOT))
        for path in _core_files(package)
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
        f"for name in {[m[:-3] for m in CORE_MODULES]!r}:\n"
        "    importlib.import_module('openpes.' + name)\n"
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
    conventional = {
        "403.html",
        "404.html",
        "500.html",
        "admin/base_site.html",
        "admin/caseload/jobseeker/change_form.html",
    }
    unused = sorted(
        t for t in templates - conventional if not re.search(rf"['\"]{re.escape(t)}['\"]", code)
    )
    assert not unused, f"templates nobody renders: {unused}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str | None:
    if node.level == 0:
        return node.module
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _function_level_imports(path: Path) -> list[tuple[int, str]]:
    """Imports of openpes modules written inside a function body."""
    tree = ast.parse(path.read_text(), filename=str(path))
    module = _module_name(path)
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(node, module, path.name == "__init__.py") or ""
                found.append((node.lineno, target))
            elif isinstance(node, ast.Import):
                found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("openpes")]


@pytest.mark.parametrize("package", [p for p in _present_core()])
def test_no_core_module_imports_its_own_package_inside_a_function(package):
    # A sibling imported inside a function is how an import cycle gets hidden.
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in _core_files(package)
        for line, name in _function_level_imports(path)
        if name == f"openpes.{package}" or name.startswith(f"openpes.{package}.")
    ]
    assert not offenders, offenders


def _top_level_imports(path: Path) -> set[str]:
    """openpes modules imported when ``path`` is imported (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    module = _module_name(path)
    names: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If):
                test = ast.unparse(node.test)
                if "TYPE_CHECKING" not in test:
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(node, module, path.name == "__init__.py") or ""
                names.add(target)
                # ``from openpes.pkg import _module`` imports that module too.
                names.update(f"{target}.{alias.name}" for alias in node.names)

    visit(tree.body)
    return {n for n in names if n.startswith("openpes")}


def test_the_core_has_no_import_cycles():
    files = [f for p in _present_core() + CORE_MODULES for f in _core_files(p)]
    modules = {_module_name(f): f for f in files}
    graph = {
        name: {m for m in _top_level_imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    # A package's __init__ imports its private modules; a private module that imports
    # its own package's __init__ back closes a cycle, and so does any longer loop.
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("client", CLIENTS)
def test_no_client_imports_a_private_core_module(client):
    core = tuple(f"openpes.{p}._" for p in _present_core())
    offenders = []
    for path in (SRC / client).rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno} {name}"
                for name in names
                if name.startswith(core)
            ]
    assert not offenders, f"clients use the public face of the core only: {offenders}"


def test_no_view_app_imports_another_view_app():
    www = SRC / "web" / "www"
    offenders = []
    for app in sorted(p for p in www.iterdir() if p.is_dir() and p.name.endswith("_views")):
        for path in app.rglob("*.py"):
            for name in _imports(path):
                other = name.split(".")[3] if name.startswith("openpes.web.www.") else None
                # Shared page helpers (www/<name> without _views) may be used by any view app.
                if other and other.endswith("_views") and other != app.name:
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, offenders


def test_no_module_is_over_30_kb():
    large = [
        f"{p.relative_to(ROOT)} ({p.stat().st_size // 1024} KB)"
        for p in SRC.rglob("*.py")
        if "migrations" not in p.parts and p.stat().st_size > 30 * 1024
    ]
    assert not large, f"split these modules (one concept each): {large}"
