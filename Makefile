# P2P Leadership Companion -- one command to build the book, one to test everything.
#   make book    set up .venv from requirements.txt, then build the site into _build/html
#   make test    set up, then run every test (unit, doctests, nbval, chapters, book build)
# Other targets: serve, execute (re-run every .ipynb in place), archive (offline zip of the
# site), present WORKSHOP=name (presenter mode), room (live survey on phones), lab, publish, linkcheck,
# vendor, clean, help.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
VENDOR := _vendor
JSMOD  := js/node_modules
PORT   ?= 8000

ifeq (, $(shell command -v $(PYTHON) 2>/dev/null))
PYTHON := python3
endif

.PHONY: help bootstrap vendor browser book test serve execute archive present room lab publish linkcheck clean

help:
	@sed -n '1,7p' Makefile

bootstrap: $(STAMP) $(VENDOR)/.installed

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (p2pkit)" >/dev/null
	$(BIN)/jupytext-config --settings-file $(VENV)/etc/jupyter/labconfig/default_setting_overrides.json set-default-viewer markdown myst
	touch $(STAMP)

# JavaScript the site serves itself instead of loading it from a CDN (works offline).
$(VENDOR)/.installed: js/package.json js/package-lock.json Makefile
	cd js && npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/mathjax/output/chtml/fonts
	cp $(JSMOD)/mathjax/es5/tex-chtml.js $(VENDOR)/mathjax/
	cp -r $(JSMOD)/mathjax/es5/output/chtml/fonts/woff-v2 $(VENDOR)/mathjax/output/chtml/fonts/
	mkdir -p p2pkit/views/assets/vendor
	cp $(JSMOD)/d3/dist/d3.min.js p2pkit/views/assets/vendor/d3.min.js
	touch $@

vendor: $(VENDOR)/.installed

book: bootstrap
	$(BIN)/python tools/build_site.py

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "NOTE: chromium not found; browser tests will be skipped (apt-get install chromium)"; fi; }

test: bootstrap browser
	$(BIN)/ruff check p2pkit tests tools benchmarks
	$(BIN)/python -m pytest

# One zip of the built site that opens from disk, offline (for a workshop laptop).
archive: book
	$(BIN)/python tools/archive_site.py

# Presenter mode: a workshop demo as a code-free web app on localhost (Voila).
#   make present WORKSHOP=remove-the-boss
present: bootstrap
	@test -n "$(WORKSHOP)" || { echo "Usage: make present WORKSHOP=<name> (see workshops/*-demo.ipynb)"; exit 1; }
	$(BIN)/python tools/present.py $(WORKSHOP) --port $(or $(PRESENT_PORT),8866)

# Live room: participants answer on their phones, the map grows on the facilitator's screen.
#   make room ROOM_FOLDER=_build/room [ROOM_PEOPLE=people.csv] [ROOM_HOST=0.0.0.0] [ROOM_PORT=8765] [ROOM_ARGS=--codes]
ROOM_FOLDER ?= _build/room
ROOM_HOST   ?= 127.0.0.1
ROOM_PORT   ?= 8765
room: bootstrap
	$(BIN)/python -m p2pkit room --folder "$(ROOM_FOLDER)" --host $(ROOM_HOST) --port $(ROOM_PORT) \
	  $(if $(ROOM_PEOPLE),--people "$(ROOM_PEOPLE)") $(ROOM_ARGS)

# JupyterLab on this machine, chapters opening as notebooks (MyST Markdown via jupytext).
lab: bootstrap
	$(BIN)/jupyter lab --notebook-dir=. chapters/ch01-language-of-leadership.md

# Publish the built site to the gh-pages branch of the repository's "origin" remote (the
# GitHub Pages workflow in .github/workflows/pages.yml is the automatic alternative).
publish: book
	$(BIN)/ghp-import --no-jekyll --push --force --message "Publish the companion $$($(BIN)/python -c 'import p2pkit; print(p2pkit.__version__)')" _build/html

# Check the external links and DOIs (needs the internet, so it is not part of `make test`).
linkcheck: bootstrap vendor
	$(BIN)/jupyter-book build . --builder linkcheck

serve:
	@test -d _build/html || { echo "No site yet: run 'make book' first."; exit 1; }
	@echo "Serving _build/html on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

execute: bootstrap
	$(BIN)/python tools/execute_notebooks.py

clean:
	rm -rf _build
