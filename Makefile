# The two commands: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Loopback only unless told otherwise: ADDRESS=0.0.0.0 make run serves other machines.
ADDRESS ?= 127.0.0.1
REPLICAS ?= 2
SHARED_DATA_DIR ?= ../shared/data

.DEFAULT_GOAL := help
.PHONY: help run test lint snapshot geo bench load cluster cluster-stop refresh

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed ## Run the dashboard on 127.0.0.1 (PORT=8600, ADDRESS=0.0.0.0 make run)
	$(BIN)/streamlit run serve.py --server.port $(PORT) --server.address $(ADDRESS)

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

load: $(VENV)/.dev-installed ## 20 concurrent browser sessions on 127.0.0.1 (LOAD_ARGS=--through-cluster)
	$(BIN)/python scripts/load_test.py --sessions 20 $(LOAD_ARGS)

cluster: $(VENV)/.runtime-installed ## REPLICAS (2) replicas behind HAProxy on PORT (8501), one store (NOLB_DATA_DIR)
	$(BIN)/python -m serving.cluster start --replicas $(REPLICAS) --port $(PORT)

cluster-stop: ## Stop exactly what `make cluster` started (pid files in .cluster/)
	$(BIN)/python -m serving.cluster stop

refresh: $(VENV)/.runtime-installed ## Deployment refresh into the shared store NOLB_DATA_DIR (needs internet)
	@test -n "$$NOLB_DATA_DIR" || { echo "Set NOLB_DATA_DIR to the store the replicas read." >&2; exit 2; }
	$(BIN)/python -m data_sources.live.refresh --dest "$$NOLB_DATA_DIR"
