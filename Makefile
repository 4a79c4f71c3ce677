# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lock clean dashboard-check

# The Dashboard pages (dashboard/): built when missing or older than their sources; npm ci from the lock file.
NPM := $(shell command -v npm 2>/dev/null)
NEED_NPM = @command -v npm >/dev/null || { echo "npm (Node.js >= 20) is needed to build and test the Dashboard pages in dashboard/" >&2; exit 1; }
DASHBOARD_DEPS := dashboard/node_modules/.installed
DASHBOARD_BUILD := dashboard/dist/index.html
# src/gql/ is generated from schema.graphql by graphql-codegen (npm's pre-scripts run it).
DASHBOARD_SOURCES := $(shell find dashboard/src -path dashboard/src/gql -prune -o -type f -print 2>/dev/null) \
	$(addprefix dashboard/,index.html package.json vite.config.ts tsconfig.json codegen.ts schema.graphql)

$(STAMP): setup.cfg pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "saleor-subscriptions needs Python >= 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $(STAMP)

$(DASHBOARD_DEPS): dashboard/package-lock.json
	$(NEED_NPM)
	cd dashboard && npm ci --no-audit --no-fund
	@touch $@

$(DASHBOARD_BUILD): $(DASHBOARD_DEPS) $(DASHBOARD_SOURCES)
	$(NEED_NPM)
	cd dashboard && npm run build

# Serve the app with embedded defaults (SQLite in var/, tasks in-process, mail to the console).
# Without npm it still serves, with a placeholder where the Dashboard pages would be.
ifeq ($(NPM),)
run: $(STAMP)
	@echo "warning: npm not found, the Dashboard pages are not built (a placeholder is served); install Node.js >= 20" >&2
	DEBUG=$${DEBUG:-1} $(BIN)/saleor-subscriptions serve --migrate
else
run: $(STAMP) $(DASHBOARD_BUILD)
	DEBUG=$${DEBUG:-1} $(BIN)/saleor-subscriptions serve --migrate
endif

test: $(STAMP) dashboard-check
	$(BIN)/pytest

# The front-end's type check, lint and unit tests (Vitest); CI has npm, so a missing npm fails here.
dashboard-check: $(DASHBOARD_BUILD)
	$(NEED_NPM)
	cd dashboard && npm run typecheck && npm run lint && npm test

# Re-resolve the pinned versions after changing setup.cfg's ranges.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	.lock-venv/bin/pip freeze --exclude-editable --all | grep -v '^pip==' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) build *.egg-info dashboard/dist dashboard/node_modules
