# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lock clean

$(STAMP): setup.cfg pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "saleor-subscriptions needs Python >= 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $(STAMP)

# Serve the app with embedded defaults (SQLite in var/, tasks in-process, mail to the console).
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(BIN)/saleor-subscriptions serve --migrate

test: $(STAMP)
	$(BIN)/pytest

# Re-resolve the pinned versions after changing setup.cfg's ranges.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	.lock-venv/bin/pip freeze --exclude-editable --all | grep -v '^pip==' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) build *.egg-info
