# The two commands of README.md. Everything is installed into .venv with pinned versions.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_TOOLS := tests/node/node_modules
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build site offline validate bench edition clean

# Serve the handbook on http://127.0.0.1:8000 with live reload.
serve: $(VENV)/.site
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Install what the tests need (including Debian's chromium) and run every test.
test: $(VENV)/.test $(NODE_TOOLS)/.installed
	sh scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

build: $(VENV)/.site
	$(BIN)/mkdocs build --strict

# The site as published: the online build, publishing the offline archive in site/downloads/ and linking to it.
site: offline
	HANDBOOK_OFFLINE_ARCHIVE=build/handbook-offline.zip $(BIN)/mkdocs build --strict

offline: $(VENV)/.site
	$(BIN)/python scripts/build_offline.py

# Publish an edition: build it with mike onto the local gh-pages branch beside the earlier ones, as latest and
# the default (never pushes; scripts/edition.py). make edition VERSION=2023
edition: $(VENV)/.site
	$(BIN)/python scripts/edition.py "$(VERSION)"

validate: $(VENV)/.site
	$(BIN)/python -m handbook validate

bench: $(VENV)/.test $(NODE_TOOLS)/.installed
	$(BIN)/python scripts/bench_build.py

$(VENV)/.site: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.site requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

# The checkers the tests run over the built site (Nu HTML Checker, Lighthouse), pinned in tests/node.
# Install scripts are skipped: vnu-jar's would download a Java runtime where none is found (it uses the system's).
$(NODE_TOOLS)/.installed: tests/node/package.json tests/node/package-lock.json
	npm ci --prefix tests/node --ignore-scripts --no-audit --no-fund
	touch $@

clean:
	rm -rf site build .pytest_cache
