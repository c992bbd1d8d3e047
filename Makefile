# Lumbung: `make run` and `make test` work on a fresh machine (they create .venv and install).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO := --business keripik-pisang-bu-made --pin 1234
# Debian packages the test suite needs; installed when missing (and said so).
# poppler-utils reads PDFs back; the rest are the libraries Qt's offscreen platform loads.
TEST_DEBS ?= poppler-utils libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core \
	chromium
BENCH_DEBS ?= ledger hledger nginx-light

.PHONY: run server statements test test-dates bench lint docs screenshots package clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Lumbung needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The libraries Qt's X11 window needs (libxcb-cursor0 and its siblings), listed by the same
# module that checks them when the app starts; installed when missing on Debian or Ubuntu.
QT_RUN_DEBS = $$($(PY) -m desktop.ui.platform_check --debian-packages)

run: $(STAMP)
	@.ci/ensure-debs $(QT_RUN_DEBS)
	$(VENV)/bin/lumbung-desktop

# The kabupaten mall (sync API) on SQLite in the data directory; PostgreSQL with
# LUMBUNG_DATABASE_URL=postgresql+psycopg://... or `lumbung-server --database-url ... run`.
server: $(STAMP)
	$(VENV)/bin/lumbung-server run --host $(or $(HOST),127.0.0.1) --port $(or $(PORT),8000)

statements: $(STAMP)
	$(VENV)/bin/lumbung demo
	$(VENV)/bin/lumbung report posisi-keuangan $(DEMO)
	$(VENV)/bin/lumbung report laba-rugi $(DEMO)
	$(VENV)/bin/lumbung report arus-kas $(DEMO)
	$(VENV)/bin/lumbung report perubahan-ekuitas $(DEMO)

package: $(STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --distpath dist --workpath build packaging/lumbung-desktop.spec
	@du -sh dist/lumbung-desktop

test: $(STAMP)
	@.ci/ensure-debs $(TEST_DEBS)
	$(PY) -m pytest -n 2 -q

# The tests that depend on what day it is (marker `dates`: they take the `today` fixture),
# again on New Year's Day, New Year's Eve and a leap day; `make test` ran them on the real date.
PINNED_DAYS ?= 2027-01-01 2026-12-31 2028-02-29
test-dates: $(STAMP)
	@.ci/ensure-debs $(TEST_DEBS)
	@for day in $(PINNED_DAYS); do \
		echo "== date-sensitive tests as if today were $$day"; \
		$(PY) -m pytest -n 2 -q -m dates --today $$day || exit 1; \
	done

bench: $(STAMP)
	@.ci/ensure-debs $(BENCH_DEBS)
	$(PY) -m tests.bench.run

docs: $(STAMP)
	@.ci/ensure-debs poppler-utils
	$(PY) docs/render_pages.py

SCREEN_DEBS ?= xvfb xauth
screenshots: $(STAMP)
	@.ci/ensure-debs $(SCREEN_DEBS) $(QT_RUN_DEBS)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" $(PY) docs/screenshots.py
	@.ci/ensure-debs chromium
	$(PY) docs/mall_screenshots.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
