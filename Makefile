# The two set-up commands of the README are `make build` and `make test`; both install what
# they need on a fresh machine (a virtualenv in .venv; Debian's Chromium for the browser tests).

VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test install chromium lint typecheck docs bench clean

build: $(STAMP)  ## build the graph and every output into graph/build/
	$(BIN)/govkg build

test: $(STAMP) chromium lint typecheck  ## run the whole test suite (lint and type check first)
	$(BIN)/pytest

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

chromium:  ## Debian's Chromium for the Playwright tests (no browser download)
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks build_graph.py

typecheck: $(STAMP)
	$(BIN)/mypy

docs: $(STAMP)  ## regenerate docs/ontology.html from ontology/govkg.ttl
	$(BIN)/python scripts/make_ontology_docs.py

bench: $(STAMP)  ## the scale benchmark at 10, 100 and 1,000 reports (long; not part of the tests)
	$(BIN)/python -m benchmarks.run --sizes 10,100,1000 --profile

clean:
	rm -rf graph/build test-output .pytest_cache .mypy_cache .ruff_cache
