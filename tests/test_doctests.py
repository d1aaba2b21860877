"""Every docstring example of the analytics core runs, as part of ``make test``."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from tests.test_consistency import CORE_MODULES, SRC, _core_files, _module_name, _present_core


def _modules() -> list[str]:
    files = [f for p in _present_core() + CORE_MODULES for f in _core_files(p)]
    return sorted(_module_name(f) for f in files if _has_examples(f))


def _has_examples(path: Path) -> bool:
    return ">>>" in path.read_text()


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = finder.find(module, name)
    assert tests, f"{name} has '>>>' but no doctest was found in it"
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed (see above)"


def test_the_core_is_scanned():
    assert any(n.startswith("openpes.fairness") for n in _modules())
    assert (SRC / "i18n.py").exists()
