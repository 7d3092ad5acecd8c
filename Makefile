# One entry point for set-up, the app and the checks. `make chat` and `make test` do all the set-up.
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export DO_NOT_TRACK := 1

# Offline first use: point these at local clones of the examples repositories (space-separated,
# e.g. "/src/connector_sdk /src/community_connectors") and a saved docs folder.
CSDK_REPO ?=
CSDK_DOCS ?=
SOURCES := $(foreach r,$(CSDK_REPO),--repo $(r)) $(if $(CSDK_DOCS),--docs $(CSDK_DOCS))

.PHONY: install chat test quick lint bench clean

install: $(VENV)/.csdk-installed

$(VENV)/.csdk-installed: pyproject.toml scripts/install.sh
	bash scripts/install.sh

chat: install
	$(BIN)/assistant ingest --if-missing $(SOURCES)
	$(BIN)/assistant chat

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

# The quick loop while developing: everything but the real model, embedder, Chroma server,
# `fivetran debug` and subprocess tests, on two workers (about 40 s here). CI runs `make test`.
quick: install
	$(BIN)/python -m pytest -m "not slow" -n 2

# Benchmarks on the real examples repository: make bench CSDK_REPO=/path/to/fivetran_connector_sdk
bench: install
	$(BIN)/python bench/ingest_bench.py --repo $(CSDK_REPO)
	$(BIN)/python bench/retrieval_eval.py
	$(BIN)/python bench/ask_bench.py
	$(BIN)/python bench/ask_eval.py

clean:
	rm -rf $(VENV)
