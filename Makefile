# Kỳ Họp — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 0.0.0.0
PORT ?= 8000
PYTEST_WORKERS ?= 2
# make test fuzzes with a fixed seed (the same cases each run); make fuzz with a new one each time
FUZZ_SEED ?= 20261203

.PHONY: run test lint fuzz node icu install install-test frontend fonts record-tools chromium migrate demo test-python test-frontend clean

# Watermarks and the demo's PDFs need a font with every Vietnamese glyph (DejaVu Sans).
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
fonts:
	@test -f $(FONT) || test -n "$$KYHOP_FONT_PATH" || \
		{ command -v apt-get >/dev/null && apt-get install -y -q fonts-dejavu-core >/dev/null; } || \
		echo "warning: install fonts-dejavu-core or set KYHOP_FONT_PATH (needed for watermarks)"

# The record (docs/record.md): Liberation Serif 2 for the minutes and the signature stamp; the tests
# read the PDFs the app writes with poppler's pdfsig/pdftotext/pdffonts and sign on a SoftHSM2
# token as on a USB token.
RECORD_TOOLS := /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf /usr/bin/pdfsig /usr/bin/softhsm2-util
record-tools:
	@$(foreach f,$(RECORD_TOOLS),test -e $(f) &&) true || \
		{ command -v apt-get >/dev/null && apt-get update -q >/dev/null && \
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-liberation2 poppler-utils softhsm2 >/dev/null; } || \
		echo "warning: install fonts-liberation2, poppler-utils and softhsm2 (the minutes' and the stamp's font; the record's tests)"

# The browser tests (tests/e2e) drive Debian's Chromium through Playwright; no test tool ever
# downloads a browser of its own.
CHROMIUM := /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || test -n "$$KYHOP_CHROMIUM" || \
		{ command -v apt-get >/dev/null && apt-get update -q >/dev/null && \
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } || \
		echo "warning: install Debian's chromium (needed by the browser tests in tests/e2e)"

# PyICU (Vietnamese collation) is built against the system's ICU: headers, pkg-config, a C++ compiler.
icu:
	@pkg-config --exists icu-i18n 2>/dev/null && command -v g++ >/dev/null || \
		{ command -v apt-get >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libicu-dev pkg-config g++ >/dev/null; } || \
		echo "warning: install libicu-dev, pkg-config and g++ (needed to build PyICU)"

$(BIN)/python: | icu
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[postgres,redis]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[postgres,redis,test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# One Node.js everywhere (README, Dockerfile, frontend/package.json "engines"): pdfjs-dist 6 needs
# Node >= 22.13 and Debian offers 20, so make fetches this exact build from the npm registry
# (the node-linux-<arch> packages carry the official binary; npm checks its integrity) into .tools/.
# The machine's own npm runs on it.
NODE_VERSION := 22.23.5
NODE_ARCH := $(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x64)
NODE_HOME := .tools/node-$(NODE_VERSION)
NODE_PATH_ENV := PATH="$(CURDIR)/$(NODE_HOME)/bin:$$PATH"

$(NODE_HOME)/bin/node:
	@command -v npm >/dev/null || { echo "npm is needed to fetch Node.js $(NODE_VERSION) (Debian: apt-get install npm)"; exit 1; }
	mkdir -p .tools/download $(NODE_HOME)
	cd .tools/download && npm pack --silent node-linux-$(NODE_ARCH)@$(NODE_VERSION) >/dev/null
	tar -xzf .tools/download/node-linux-$(NODE_ARCH)-$(NODE_VERSION).tgz -C $(NODE_HOME) --strip-components=1
	rm -rf .tools/download
	@$(NODE_HOME)/bin/node --version

node: $(NODE_HOME)/bin/node

# The front end's packages, installed again whenever package-lock.json changes.
FRONTEND_DEPS := frontend/node_modules/.package-lock.json
$(FRONTEND_DEPS): frontend/package-lock.json | $(NODE_HOME)/bin/node
	cd frontend && $(NODE_PATH_ENV) npm ci --no-audit --no-fund
	touch $@

frontend: $(FRONTEND_DEPS)
	cd frontend && $(NODE_PATH_ENV) npm run build

migrate: install
	$(BIN)/kyhop db upgrade

demo: install fonts record-tools
	$(BIN)/kyhop demo

run: install frontend demo
	@echo ""
	@echo "Kỳ Họp is starting: open http://localhost:$(PORT)/  (API docs: http://localhost:$(PORT)/docs)"
	@echo ""
	$(BIN)/kyhop serve --host $(HOST) --port $(PORT)

# The browser tests run the built web app: build it first.
test-python: install-test fonts record-tools chromium frontend
	KYHOP_FUZZ_SEED=$${KYHOP_FUZZ_SEED-$(FUZZ_SEED)} $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

test-frontend: $(FRONTEND_DEPS)
	cd frontend && $(NODE_PATH_ENV) npm test

# Static checks (rules and why: pyproject.toml [tool.ruff.lint]; docs/testing.md).
# eslint rules: frontend/eslint.config.js; tsc runs in every build.
lint: install-test $(FRONTEND_DEPS)
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/mypy
	cd frontend && $(NODE_PATH_ENV) npm run lint

test: lint test-frontend test-python

# Schemathesis over the whole API for longer than `make test` gives it (FUZZ_SECONDS per role).
FUZZ_SECONDS ?= 300
fuzz: install-test
	KYHOP_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest -p no:cacheprovider tests/fuzz -q

clean:
	rm -rf $(VENV) var frontend/dist frontend/node_modules .tools
