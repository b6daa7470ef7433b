# Kỳ Họp — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 0.0.0.0
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run test fuzz install install-test frontend fonts chromium migrate demo test-python test-frontend clean

# Watermarks and the demo's PDFs need a font with every Vietnamese glyph (DejaVu Sans).
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
fonts:
	@test -f $(FONT) || test -n "$$KYHOP_FONT_PATH" || \
		{ command -v apt-get >/dev/null && apt-get install -y -q fonts-dejavu-core >/dev/null; } || \
		echo "warning: install fonts-dejavu-core or set KYHOP_FONT_PATH (needed for watermarks)"

# The browser tests (tests/e2e) drive Debian's Chromium through Playwright; no test tool ever
# downloads a browser of its own.
CHROMIUM := /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || test -n "$$KYHOP_CHROMIUM" || \
		{ command -v apt-get >/dev/null && apt-get update -q >/dev/null && \
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } || \
		echo "warning: install Debian's chromium (needed by the browser tests in tests/e2e)"

$(BIN)/python:
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

frontend:
	@if [ -f frontend/package.json ]; then \
		cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build; \
	fi

migrate: install
	$(BIN)/kyhop db upgrade

demo: install fonts
	$(BIN)/kyhop demo

run: install frontend demo
	@echo ""
	@echo "Kỳ Họp is starting: open http://localhost:$(PORT)/  (API docs: http://localhost:$(PORT)/docs)"
	@echo ""
	$(BIN)/kyhop serve --host $(HOST) --port $(PORT)

# The browser tests run the built web app: build it first.
test-python: install-test fonts chromium frontend
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

test-frontend:
	@if [ -f frontend/package.json ]; then \
		cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test; \
	fi

test: test-frontend test-python

# Schemathesis over the whole API for longer than `make test` gives it (FUZZ_SECONDS per role).
FUZZ_SECONDS ?= 300
fuzz: install-test
	KYHOP_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest -p no:cacheprovider tests/fuzz -q

clean:
	rm -rf $(VENV) var frontend/dist frontend/node_modules
