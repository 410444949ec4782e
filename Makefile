# Two commands for a new user: `make demo` and `make test`. Both create .venv with Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian's Chromium, for browser tests and sources with render = true (see its rule below).
CHROMIUM := /usr/bin/chromium

.PHONY: demo test check lint bench screenshots readme clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Text in posts' images is read by Debian's Tesseract with its Indonesian and English data; the
# demo's flyers are drawn with a DejaVu font. All from apt, as Chromium is.
OCR := /usr/share/tesseract-ocr/5/tessdata/ind.traineddata
OCR_PACKAGES := tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng fonts-dejavu-core
$(OCR):
	command -v apt-get >/dev/null && { apt-get install -y -q $(OCR_PACKAGES) >/dev/null || \
		{ apt-get update -q >/dev/null && apt-get install -y -q $(OCR_PACKAGES) >/dev/null; }; } || \
		{ echo "Tesseract is needed to read images: apt-get install -y $(OCR_PACKAGES)"; exit 1; }

# The demo's classifieds board is built by JavaScript: its source renders with Chromium.
demo: $(STAMP) $(OCR) $(CHROMIUM)
	$(BIN)/patrol demo

# Browser tests and sources with render = true drive Debian's Chromium; browsers cannot be
# downloaded, so it comes from apt.
$(CHROMIUM):
	command -v apt-get >/dev/null && { apt-get install -y -q chromium >/dev/null || \
		{ apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; } || \
		{ echo "Chromium is needed for the browser tests and the demo: apt-get install -y chromium"; \
		  exit 1; }

# The suite is mostly subprocesses, crawls and model loads, and every test has its own
# database schema, files and ports, so tests run side by side. Three workers on two cores: a
# quarter of the time the tests wait on crawl and CLI subprocesses, and one more worker fills
# it (644 s with two, 548 s with three on a slow machine).
test: $(STAMP) $(CHROMIUM) $(OCR)
	$(BIN)/python -m pytest -q -n 3

# The README's pictures of the review app (docs/*.png), from the demo crawl; the suite never
# writes them, so a clean checkout stays clean after make test.
screenshots: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m review.screenshots docs

# The README's shown output (demo summary, command output, settings tables, the layout list),
# written by running the real commands; tests/test_readme.py fails when it is stale.
readme: $(STAMP)
	$(BIN)/cog -r -I docs README.md

# The edit-test loop: lint, then every test not marked slow (tests/conftest.py: no crawls,
# subprocesses, browser, Scrapyd or training), on SQLite only, in under two minutes. make test
# runs everything, and the storage tests on PostgreSQL too.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 3 -m "not slow and not postgres"

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python bench/crawl_bench.py
	$(BIN)/python bench/crawl_bench.py --pages 500 --flyer-every 5
	$(BIN)/python bench/ocr_bench.py
	$(BIN)/python bench/classify_bench.py
	$(BIN)/python bench/demo_posts_eval.py
	$(BIN)/python bench/review_bench.py
	$(BIN)/python bench/linking_bench.py
	$(BIN)/python bench/grouping_threshold.py
	$(BIN)/python bench/scaleout_bench.py

clean:
	rm -rf $(VENV) var .pytest_cache
