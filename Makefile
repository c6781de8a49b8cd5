# gwr-analysis: `make help` lists the targets. Every target sets up .venv itself if needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The stamp records that .venv holds what pyproject.toml asks for; editing it reinstalls.
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help reports test lab extract validate benchmark clean

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name gwr-analysis --display-name "Python (gwr-analysis)" >/dev/null
	touch $(STAMP)

## reports: set up .venv, extract and validate the data, build the HTML reports into reports/
reports: $(STAMP)
	$(PY) -m analysis build

## test: set up .venv, run the whole test suite
test: $(STAMP)
	$(PY) -m pytest

## lab: open JupyterLab on notebooks/ with the project's kernel
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

## extract: re-extract data/processed/indicators.csv from data/raw/
extract: $(STAMP)
	$(PY) -m analysis extract

## validate: check every data file against its schema
validate: $(STAMP)
	$(PY) -m analysis validate

## benchmark: print the extraction and build benchmark tables
benchmark: $(STAMP)
	$(PY) benchmarks/extract.py

## clean: remove generated reports and caches (keeps .venv and data)
clean:
	rm -rf reports .build .pytest_cache .hypothesis
