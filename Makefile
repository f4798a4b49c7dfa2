# `make run` and `make test` work on a fresh machine with only python3 (3.11) installed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The browser tests drive Debian's chromium package (never a browser downloaded by Playwright);
# installed here when missing, so that `make test-all` (and CI's .ci/run) pass on a fresh machine.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(CHROMIUM):
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

.PHONY: setup run test test-all bench serve browser
setup: $(STAMP)

run: $(STAMP)
	$(PY) pipeline.py run

test: $(STAMP)
	$(PY) -m pytest -q

test-all: $(STAMP) $(CHROMIUM)
	$(PY) -m pytest -q -m "slow or not slow"

browser: $(CHROMIUM)

serve: $(STAMP)
	$(PY) pipeline.py serve

bench: $(STAMP)
	$(PY) -m benchmarks.run_all
