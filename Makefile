# The two commands of the README: `make run` and `make test`. Everything they need is
# set up by `make setup`, which is idempotent and cheap when nothing changed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test bench lint format clean-venv postgres test-tools

setup: $(STAMP)
	$(BIN)/callcenter setup

# Reinstall only when the dependency list changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/callcenter serve

postgres:
	bash scripts/ensure-services.sh

test-tools:
	bash scripts/ensure-test-tools.sh

test: setup postgres test-tools
	$(BIN)/python -m pytest

bench: setup postgres test-tools
	$(BIN)/python -m bench.run_all

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean-venv:
	rm -rf $(VENV)
