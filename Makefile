# The two commands of the README: `make build` and `make test`. Both set up .venv/ themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint previews clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

# Byte-compile the package (an editable install is not compiled, and a PYTHONDONTWRITEBYTECODE
# environment would otherwise compile every module again on every run: 0.07 s per run).
build: $(STAMP)
	@$(BIN)/python -m compileall -q generator
	$(BIN)/drukwerk build

test: $(STAMP)
	@scripts/ensure-chromium.sh
	@scripts/ensure-pdf-tools.sh
	@scripts/ensure-axe.sh
	$(BIN)/ruff check generator tests scripts
	$(BIN)/mypy generator tests scripts
	$(BIN)/pytest

previews: $(STAMP)
	$(BIN)/python scripts/make_previews.py

clean:
	rm -rf $(VENV) output/*/ output/manifest.json
