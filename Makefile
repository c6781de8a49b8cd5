# gwr-analysis: `make help` lists the targets. Every target sets up .venv itself if needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The stamp records that .venv holds what pyproject.toml asks for; editing it reinstalls.
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help reports test test-fast browser lab extract validate benchmark clean notebook-filter

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name gwr-analysis --display-name "Python (gwr-analysis)" >/dev/null
	@$(MAKE) --no-print-directory notebook-filter
	touch $(STAMP)

# .gitattributes sends every notebook through the filter "nbstripout" when git stages it; this names its
# command in the repository's config (relative to the work tree, so each checkout uses its own .venv).
# A notebook run and saved in JupyterLab is then staged and committed without outputs, and `git status`
# does not even list it as changed: the kernel's language details that a run adds go too (the
# committed notebooks keep only language_info.name), and the cell ids stay.
NB_EXTRA_KEYS := $(addprefix metadata.language_info.,codemirror_mode file_extension mimetype nbconvert_exporter pygments_lexer version)
## notebook-filter: strip notebook outputs as git stages them (nbstripout; set up with .venv)
notebook-filter:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean '$(PY) -m nbstripout --keep-id' && git config filter.nbstripout.smudge cat && \
	  git config filter.nbstripout.extrakeys '$(NB_EXTRA_KEYS)'; \
	else echo "not a git checkout: no filter to set up (commit notebooks without outputs)"; fi

## reports: set up .venv, extract and validate the data, build the HTML reports into reports/
reports: $(STAMP)
	$(PY) -m analysis build

## test: set up .venv (and, as root, Debian's chromium + CJK fonts for the browser test), run the whole test suite
# Both cores: tests that read one built data set stay on one worker (conftest.SHARED_BUILDS), so
# each set is still built once while the other worker runs the rest.
test: $(STAMP) browser
	$(PY) -m pytest -n 2 --dist loadgroup

# The slow tests execute notebooks, build reports or run many generated examples; everything else
# (unit tests, the data checks, the bad-input catalogue) is the tier to run while editing.
## test-fast: run the tests that execute no notebook and build no report (seconds, not minutes)
test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow" -n 2

# tests/test_browser.py drives Debian's chromium through Playwright: `playwright install` cannot
# download a browser here. Installed with apt when missing and we are root; otherwise that test
# is skipped and says why. fonts-noto-cjk lets the browser render the reports' Chinese text.
## browser: install Debian's chromium and CJK fonts for the browser test (as root, when missing)
browser:
	@if command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else echo "chromium or a CJK font is missing and we are not root: the browser test will be skipped"; fi

## lab: open JupyterLab on notebooks/ with the project's kernel
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

## extract: re-extract data/processed/indicators.csv from data/raw/
extract: $(STAMP)
	$(PY) -m analysis extract

## validate: check every data file against its schema
validate: $(STAMP)
	$(PY) -m analysis validate

## benchmark: print the extraction and build benchmark tables
benchmark: $(STAMP)
	$(PY) benchmarks/extract.py
	$(PY) benchmarks/build.py
	$(PY) benchmarks/panel.py
	$(PY) benchmarks/corpus.py

## clean: remove generated reports and caches (keeps .venv and data)
clean:
	rm -rf reports .build .pytest_cache .hypothesis
