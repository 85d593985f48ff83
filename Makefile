# The two commands of the README: `make demo` (the main job) and `make test` (everything CI runs).
# Both build their own virtual environment in .venv from pyproject.toml, so a fresh clone needs
# nothing but Python 3.11+, make and (for the tests) root for Debian packages.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: demo test install system-deps lint check-types check-architecture unit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml setup.py src/orientir/customers/_summary_c.c | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,spark]"
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/install-system-deps

demo: install
	$(BIN)/orientir demo

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

check-types: install
	$(BIN)/mypy src

check-architecture: install
	$(BIN)/lint-imports

unit: install
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test: system-deps install lint check-types check-architecture unit

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts
