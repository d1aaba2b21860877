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
PY_TAG := py$(if $(filter 311,$(PY_MINOR)),311,312)
# Two locks: what the application needs to run, and the superset that tests and benchmarks need.
RUN_LOCK := requirements/run-$(PY_TAG).txt
DEV_LOCK := requirements/dev-$(PY_TAG).txt
RUN_STAMP := $(VENV)/.run-$(shell cat $(RUN_LOCK) pyproject.toml 2>/dev/null | sha256sum | cut -c1-16)
DEV_STAMP := $(VENV)/.dev-$(shell cat $(DEV_LOCK) pyproject.toml 2>/dev/null | sha256sum | cut -c1-16)
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
OPENPES := $(BIN)/openpes
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run on both cores; a file's tests stay on one worker so module-scoped Spark sessions are shared.
PYTEST := $(BIN)/python -m pytest -n $(or $(PYTEST_WORKERS),2) --dist loadfile

.PHONY: help setup setup-dev run test check bench lock messages clean

help:
	@echo "make run    - install, migrate, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test   - install and run the whole test suite"
	@echo "make check  - ruff, mypy on the core, migration check and tests"
	@echo "make bench  - run the benchmarks in benchmarks/"
	@echo "make lock   - re-resolve requirements/lock-*.txt from pyproject.toml"

setup: $(RUN_STAMP)

setup-dev: $(DEV_STAMP)

$(RUN_STAMP): $(RUN_LOCK) pyproject.toml
	@test -n "$(PYTHON)" || { echo "OpenPES needs Python 3.11 or newer (3.12+ for Django 6)."; exit 1; }
	@echo "Using $$($(PYTHON) --version) from $(PYTHON), lock $(RUN_LOCK)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r $(RUN_LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.run-* && touch $@

$(DEV_STAMP): $(RUN_STAMP) $(DEV_LOCK)
	$(PIP) --require-hashes --no-deps -r $(DEV_LOCK)
	@rm -f $(VENV)/.dev-* && touch $@

run: setup
	$(OPENPES) manage migrate --no-input
	$(OPENPES) demo
	$(OPENPES) serve --host $(HOST) --port $(PORT)

test: setup-dev
	$(PYTEST) $(PYTEST_ARGS)

check: setup-dev
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy src/openpes --exclude 'src/openpes/web/'
	$(OPENPES) manage makemigrations --check --dry-run
	$(PYTEST) $(PYTEST_ARGS)

bench: setup-dev
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

messages: setup-dev
	$(BIN)/python scripts/compile_messages.py

UV_COMPILE := uv pip compile pyproject.toml --generate-hashes --python-platform x86_64-manylinux_2_28
lock:
	for v in 3.12 3.11; do tag=py$${v/./}; \
		$(UV_COMPILE) --python-version $$v --extra web --extra cli --extra postgres --extra build \
			-o requirements/run-$$tag.txt && \
		$(UV_COMPILE) --python-version $$v --extra web --extra cli --extra postgres --extra build \
			--extra spark --extra dev \
			--constraint requirements/run-$$tag.txt -o requirements/dev-$$tag.txt || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
