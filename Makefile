# Two commands: `make demo` runs the main job on the bundled data, `make test` runs every test.
# Both create .venv on first use and are quick once it exists.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test lint typecheck clean system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python setup.cfg setup.py pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# The system's Graphviz draws the diagrams when present (it also writes PDF): installed here when we can
# (root on Debian, as .ci/run does). Without it the embedded graphviz-pure, which pip installs, draws them.
system-packages:
	@if command -v dot >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz fonts-noto-cjk >/dev/null) \
	  || echo "make: could not install Graphviz; the embedded graphviz-pure draws the diagrams (SVG and PNG, no PDF)"; \
	else echo "make: no system Graphviz; the embedded graphviz-pure draws the diagrams (SVG and PNG; for PDF too: sudo apt-get install graphviz fonts-noto-cjk)"; fi

demo: $(STAMP) system-packages
	$(BIN)/guidetrace demo guidetrace-demo

test: $(TEST_STAMP) lint typecheck
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The linter and the type checker gate every test run (CI included).
lint: $(TEST_STAMP)
	$(BIN)/ruff check trace guideline comments reports api benchmarks

# The type checker sees the installed layout (guidetrace.trace = trace/, …) through a tree of links.
typecheck: $(TEST_STAMP)
	rm -rf $(VENV)/typecheck && mkdir -p $(VENV)/typecheck/guidetrace
	for d in trace guideline comments reports api; do ln -s "$(CURDIR)/$$d" $(VENV)/typecheck/guidetrace/$$d; done
	cd $(VENV)/typecheck && $(CURDIR)/$(BIN)/mypy --ignore-missing-imports --explicit-package-bases guidetrace

clean:
	rm -rf $(VENV) guidetrace-demo build *.egg-info
