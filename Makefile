# The two commands: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
SHARED_DATA_DIR ?= ../shared/data

.DEFAULT_GOAL := help
.PHONY: help run test lint snapshot geo bench load

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed ## Run the dashboard on the embedded snapshot (PORT=8600 make run)
	$(BIN)/streamlit run serve.py --server.port $(PORT)

test: $(VENV)/.dev-installed ## Run every check: ruff, mypy, the whole pytest suite with browser tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(VENV)/.dev-installed ## Ruff lint and format check only
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

snapshot: $(VENV)/.runtime-installed ## Rebuild the embedded snapshot from ../shared/data (offline)
	$(BIN)/python -m data_sources.offline.build_snapshot --shared $(SHARED_DATA_DIR)

snapshot-live: $(VENV)/.runtime-installed ; $(BIN)/python -m data_sources.live.refresh $(if $(DEST),--dest $(DEST)) ## Refresh from NOMIS, statistics.gov.scot and ONS (needs internet; DEST=DIR)

geo: $(VENV)/.runtime-installed ## Rebuild geo/reference (boundaries, partnerships) from ../shared/data
	$(BIN)/python -m geo.build --shared $(SHARED_DATA_DIR)

bench: $(VENV)/.dev-installed ## Time the dashboard against the Streamlit floor, and the briefing packs; bench-results/
	$(BIN)/python scripts/benchmark.py
	$(BIN)/python scripts/bench_briefings.py

load: $(VENV)/.dev-installed ## 20 concurrent browser sessions on 127.0.0.1; errors must be zero
	$(BIN)/python scripts/load_test.py --sessions 20
