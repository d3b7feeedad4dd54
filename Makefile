# make demo   - set up .venv and render every example into out/
# make install - put `followup` on your PATH: pipx install when pipx is there, else a link in ~/.local/bin
# make test   - set up .venv with the test extras and run the whole test suite
# make check  - lint (ruff) everything and type-check (mypy --strict) src/
# make bench  - run the performance benchmarks (benchmarks/run.py)
# make goldens - rewrite the golden text snapshots (tests/goldens/) from the current output; review git diff
# make schema - regenerate the committed JSON Schema (schema/notes-v1.schema.json)
# make clean  - remove .venv and out/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# A change to pyproject.toml or constraints.txt changes the hash, so the venv is reinstalled.
HASH   := $(shell cat pyproject.toml constraints.txt 2>/dev/null | sha256sum | cut -c1-12)
STAMP      := $(VENV)/.installed-$(HASH)
# where `make install` links followup when there is no pipx; PIPX= (empty) forces the link
BINDIR ?= $(HOME)/.local/bin
PIPX   ?= $(shell command -v pipx 2>/dev/null)
TEST_STAMP := $(VENV)/.installed-test-$(HASH)

.PHONY: demo install uninstall test check bench goldens schema harfbuzz clean

demo: $(STAMP) harfbuzz
	$(BIN)/followup render examples -o out

# pipx: its own venv, an ordinary (not editable) install, the same pinned versions; run it again after a pull.
# Without pipx: a link to this checkout's .venv/bin/followup, so it follows the checkout (make demo keeps it fresh).
install: $(STAMP)
	@if [ -n "$(PIPX)" ]; then \
		"$(PIPX)" install --force --pip-args="-c $(CURDIR)/constraints.txt" . \
		&& echo "followup is installed with pipx: try  followup --help"; \
	else \
		mkdir -p "$(BINDIR)" && ln -sfn "$(CURDIR)/$(BIN)/followup" "$(BINDIR)/followup" \
		&& echo "no pipx here: linked $(BINDIR)/followup -> $(CURDIR)/$(BIN)/followup"; \
		case ":$$PATH:" in \
			*":$(BINDIR):"*) echo "try  followup --help" ;; \
			*) echo "$(BINDIR) is not on your PATH: add  export PATH=\"$(BINDIR):\$$PATH\"  to ~/.profile (or ~/.bashrc, ~/.zshrc) and open a new terminal" ;; \
		esac; \
	fi

uninstall:
	@if [ -n "$(PIPX)" ] && "$(PIPX)" list --short 2>/dev/null | grep -q '^followup '; then "$(PIPX)" uninstall followup; fi
	@if [ -L "$(BINDIR)/followup" ]; then rm "$(BINDIR)/followup" && echo "removed $(BINDIR)/followup"; fi

test: $(TEST_STAMP) harfbuzz
	$(BIN)/python -m pytest -q

goldens: $(TEST_STAMP) harfbuzz
	$(BIN)/python -m pytest -q tests/goldens --update-goldens
	git diff --stat -- tests/goldens

check: $(TEST_STAMP)
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/mypy

bench: $(TEST_STAMP) harfbuzz
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/against_base.py

schema: $(STAMP)
	$(BIN)/python -c 'import sys; from followup.schema import schema_text; sys.stdout.write(schema_text())' \
		> schema/notes-v1.schema.json.tmp
	mv schema/notes-v1.schema.json.tmp schema/notes-v1.schema.json

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e .
	touch $@

$(TEST_STAMP): | $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@ $(STAMP)

# WeasyPrint subsets fonts with libharfbuzz-subset; without it, it falls back to fontTools, about 2.7x slower.
harfbuzz:
	@if ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then \
		:; \
	elif [ -f /etc/debian_version ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing libharfbuzz-subset0 (WeasyPrint is 2.7x slower without it)"; \
		apt-get install -y -q libharfbuzz-subset0 >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libharfbuzz-subset0 >/dev/null 2>&1; } \
		|| echo "could not install libharfbuzz-subset0; PDFs will render about 2.7x slower"; \
	else \
		echo "libharfbuzz-subset0 not found: PDFs render about 2.7x slower; install it with your package manager (Debian/Ubuntu: sudo apt-get install libharfbuzz-subset0)"; \
	fi

clean:
	rm -rf $(VENV) out
