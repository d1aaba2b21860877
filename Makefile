# OpenPES developer entry points. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6 needs Python 3.12+ and the main lock is resolved for 3.12, so look for 3.12 first (pyenv's too);
# on a 3.11-only machine the 3.11 lock brings Django 5.2 LTS instead.
PYTHON ?= $(shell for p in python3.12 $$(ls -d $$HOME/.pyenv/versions/3.12*/bin/python3 2>/dev/null | sort -V -r) python3.13 python3.14 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
PY_MINOR := $(shell $(PYTHON) -c 'import sys; print(f"{sys.version_info[0]}{sys.version_info[1]}")' 2>/dev/null)
LOCK := requirements/lock-py$(if $(filter 311,$(PY_MINOR)),311,312).txt
STAMP := $(VENV)/.installed-$(shell cat $(LOCK) pyproject.toml 2>/dev/null | sha256sum | cut -c1-16)
OPENPES := $(BIN)/openpes
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup run test check bench lock messages clean

help:
	@echo "make run    - install, migrate, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test   - install and run the whole test suite"
	@echo "make check  - ruff, mypy on the core, migration check and tests"
	@echo "make bench  - run the benchmarks in benchmarks/"
	@echo "make lock   - re-resolve requirements/lock-*.txt from pyproject.toml"

setup: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@test -n "$(PYTHON)" || { echo "OpenPES needs Python 3.11 or newer (3.12+ for Django 6)."; exit 1; }
	@echo "Using $$($(PYTHON) --version) from $(PYTHON), lock $(LOCK)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-* && touch $@

run: setup
	$(OPENPES) manage migrate --no-input
	$(OPENPES) demo
	$(OPENPES) serve --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: setup
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy src/openpes --exclude 'src/openpes/web/'
	$(OPENPES) manage makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

messages: setup
	$(BIN)/python scripts/compile_messages.py

lock:
	uv pip compile pyproject.toml --extra postgres --extra spark --extra dev --generate-hashes \
		--python-version 3.12 --python-platform x86_64-manylinux_2_28 -o requirements/lock-py312.txt
	uv pip compile pyproject.toml --extra postgres --extra spark --extra dev --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements/lock-py311.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
