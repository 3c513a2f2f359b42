# The two commands of the README: `make build` and `make test`. Both set up .venv/ themselves:
# `make build` with what the tool needs to run, `make test` with the test tools too.
comma := ,
SUPPORTED := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
# python3 when it is 3.11-3.13, else the first python3.13, 3.12 or 3.11 found; PYTHON=... chooses
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do $$p -c '$(SUPPORTED)' 2>/dev/null && { echo $$p; exit; }; done; echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# the extras of pyproject.toml that `make test` installs (`editor` too, where there is one)
TEST_EXTRAS := test$(if $(shell grep -s '^editor *= *\[' pyproject.toml),$(comma)editor)
# .venv is made again when its Python is gone or too old, or its last install broke
VENV_WORKS := $(shell $(BIN)/python -c '$(SUPPORTED)' 2>/dev/null && $(BIN)/drukwerk --version >/dev/null 2>&1 && echo yes)

.PHONY: build test lint previews clean clean-output venv-broken

$(STAMP): pyproject.toml setup.py $(if $(VENV_WORKS),,venv-broken)
	@$(PYTHON) -c '$(SUPPORTED)' 2>/dev/null || { \
	  echo "make: this needs Python 3.11, 3.12 or 3.13, and $(PYTHON) is $$($(PYTHON) --version 2>&1 || echo 'not there'); install one (see the README), or name it: make build PYTHON=python3.12" >&2; \
	  exit 1; }
	@if [ -e $(VENV) ] && ! $(BIN)/python -c '$(SUPPORTED)' 2>/dev/null; then echo "make: $(VENV) has no working Python 3.11-3.13; making it again"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	@scripts/pip-install.sh $(BIN)/python --upgrade pip
	scripts/pip-install.sh $(BIN)/python -e .
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	scripts/pip-install.sh $(BIN)/python -e ".[$(TEST_EXTRAS)]"
	@touch $(TEST_STAMP)

# Byte-compile the package (an editable install is not compiled, and a PYTHONDONTWRITEBYTECODE
# environment would otherwise compile every module again on every run: 0.07 s per run).
build: $(STAMP)
	@$(BIN)/python -m compileall -q generator
	$(BIN)/drukwerk build

test: $(TEST_STAMP)
	@scripts/ensure-chromium.sh
	@scripts/ensure-pdf-tools.sh
	@scripts/ensure-axe.sh
	$(BIN)/ruff check generator tests scripts setup.py
	$(BIN)/mypy generator tests scripts setup.py
	$(BIN)/pytest

previews: $(STAMP)
	$(BIN)/python scripts/make_previews.py

# the tool's own setup; what was built stays in output/ (clean-output removes it)
clean:
	rm -rf $(VENV) build *.egg-info

clean-output:
	rm -rf output/*/ output/manifest.json output/index.html output/.drukwerk-state.json output/.drukwerk.lock
