# Two commands on a fresh machine: `make report` and `make test`. Everything else is optional.
# Settings: SNAPSHOT=<folder> (default: the synthetic snapshot, made when absent),
#           REGIO=<slug> (for `make factsheet`), PYTHON=<interpreter used to create .venv>.
SHELL  := /bin/bash
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
SNAPSHOT_ARG := $(if $(SNAPSHOT),--snapshot "$(SNAPSHOT)",)

.PHONY: help setup report factsheet audit codeboek snapshot validate test clean
.DEFAULT_GOAL := help

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP) ## Create .venv and install the pinned dependencies (done automatically)

report: $(STAMP) ## Report (HTML + PDF) and all 13 factsheets from SNAPSHOT (default: synthetic)
	$(PY) -m analysis report $(SNAPSHOT_ARG)

factsheet: $(STAMP) ## One region's factsheet: make factsheet REGIO=utrecht
	@test -n "$(REGIO)" || { echo "Geef een regio op, bv.: make factsheet REGIO=utrecht"; exit 2; }
	$(PY) -m analysis factsheet "$(REGIO)" $(SNAPSHOT_ARG)

audit: $(STAMP) ## Computed vs published values, per chapter (→ _output/audit/)
	$(PY) -m analysis audit $(SNAPSHOT_ARG)

codeboek: $(STAMP) ## The data contract as a page: tables, columns, items, rules (→ _output/codeboek/)
	$(PY) -m analysis codeboek

snapshot: $(STAMP) ## (Re)write the synthetic default snapshot
	$(PY) -m analysis synth

validate: $(STAMP) ## Check SNAPSHOT against the codebook
	$(PY) -m analysis validate $(SNAPSHOT)

test: $(STAMP) ## Run the test suite (includes one full render; two processes: the full render on one)
	$(PY) -m pytest -n 2 --dist loadgroup

clean: ## Remove generated artifacts and outputs (not .venv, not snapshots)
	rm -rf _artifacts build _output .quarto
