# Kỳ Họp — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 0.0.0.0
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run test install install-test frontend fonts migrate demo test-python test-frontend clean

# Watermarks and the demo's PDFs need a font with every Vietnamese glyph (DejaVu Sans).
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
fonts:
	@test -f $(FONT) || test -n "$$KYHOP_FONT_PATH" || \
		{ command -v apt-get >/dev/null && apt-get install -y -q fonts-dejavu-core >/dev/null; } || \
		echo "warning: install fonts-dejavu-core or set KYHOP_FONT_PATH (needed for watermarks)"

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

test-python: install-test fonts
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

test-frontend:
	@if [ -f frontend/package.json ]; then \
		cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test; \
	fi

test: test-frontend test-python

clean:
	rm -rf $(VENV) var frontend/dist frontend/node_modules
