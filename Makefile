# Two commands do everything on a fresh machine: `make run` (the app) and `make test` (the suite).
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# PyTorch's CPU wheels: from the public index, plain `torch` is the multi-GB CUDA build. Empty it where
# the package registry already serves the CPU build (CI here: `make test TORCH_INDEX=`).
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu

.PHONY: run test install install-test

# Tesseract and the language packs of the page's languages, for scanned PDFs (Debian; skipped elsewhere:
# the app then says plainly that it cannot read scans).
OCR_PACKAGES := tesseract-ocr $(addprefix tesseract-ocr-,eng deu fra spa ita por tur rus ukr ara chi-sim jpn kor hin)

$(VENV)/.installed: requirements.txt
	@if ! command -v tesseract >/dev/null && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && apt-get install -y -qq $(OCR_PACKAGES) >/dev/null) \
		|| echo "note: OCR (tesseract-ocr) could not be installed; scanned PDFs will be refused"; fi
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# CPU build first, so nothing below pulls a multi-GB CUDA build of torch.
	$(PY) -m pip install --quiet torch==2.13.0 $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed tests/requirements.txt
	$(PY) -m pip install --quiet -r tests/requirements.txt
	# Only for GPT-2's merge table (whisper/assets/gpt2.tiktoken), BART's real tokenizer in the tests.
	$(PY) -m pip install --quiet --no-deps openai-whisper==20250625
	# System packages for the browser tests and the PostgreSQL storage tests (root, Debian).
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
			|| ! command -v tesseract >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq chromium chromium-driver postgresql $(OCR_PACKAGES) >/dev/null; fi
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(VENV)/bin/streamlit run ui/server.py --server.port $(PORT)

test: install-test
	# Installed above, so the OCR tests must run, not skip (tests/test_ocr.py).
	TESTS_NEED_OCR=1 $(PY) -m pytest -q -n 2 --dist worksteal tests
