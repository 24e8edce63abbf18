# extractor: every target installs what it needs first, so a fresh clone
# needs no other step.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# the interpreter's version and a hash of its path: another interpreter finds
# no stamp, so tools/check_python.py runs and rebuilds the .venv for it
PY_ID  := $(or $(shell $(PYTHON) tools/check_python.py --id 2>/dev/null),no-python)
# what the demo needs (the package and XLSX output) ...
RUNTIME := $(VENV)/.runtime-$(PY_ID)
# ... and on top of it the tools of the tests, fuzzing and benchmarks
STAMP   := $(VENV)/.installed-$(PY_ID)
# Debian packages used outside Python (installed when missing, as root; otherwise
# a message says what to install): LibreOffice converts DOC, RTF, ODT, XLS, ODS;
# Chromium (with a font that has Cyrillic) runs the browser test of `extractor serve`;
# Tesseract's Ukrainian and English language data read scanned pages.
SYSTEM_PACKAGES := libreoffice-writer-nogui libreoffice-calc-nogui python3-uno chromium fonts-dejavu-core \
                   tesseract-ocr tesseract-ocr-ukr

.PHONY: setup test demo schema bench fuzz clean qa floors system-packages messages

$(RUNTIME): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "extractor: $(PYTHON) not found; run make with PYTHON=/path/to/python3" >&2; exit 1; }
	@$(PYTHON) tools/check_python.py $(VENV)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[xlsx,ocr]'
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(PY) -m pip install --quiet -e '.[test,xlsx,ocr]'
	touch $(STAMP)

system-packages:
	@bash tools/system-packages.sh $(SYSTEM_PACKAGES)

setup: system-packages $(STAMP)

test: system-packages $(STAMP)
	$(PY) -m pytest

demo: system-packages $(RUNTIME)
	$(PY) -m extractor demo samples -o out --force

schema: $(RUNTIME)
	$(PY) -m extractor schema > schemas/report.schema.json

bench: $(STAMP)
	$(PY) bench/run.py

fuzz: $(STAMP)
	$(PY) -m pytest tests/fuzz -q -p no:cacheprovider --hypothesis-profile=fuzz

clean:
	rm -rf $(VENV) out .pytest_cache

qa: $(STAMP)
	bash qa/run.sh

# record improvements of the pinned cases (tests/cases/): raise every floor the current code beats
floors: $(STAMP)
	$(PY) qa/pin.py --raise

# extract the translatable texts, merge them into extractor/locale/*/LC_MESSAGES/extractor.po, compile the .mo
messages: $(STAMP)
	$(PY) tools/messages.py
