# quietpress: a static archive of news captures, built with Pelican.
# Conventions follow pelican-quickstart; every variable can be overridden: make html OUTPUTDIR=/tmp/site

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN ?= $(BIN)/pelican
PELICANOPTS ?=

BASEDIR = $(CURDIR)
# An archive of one's own (README: "Starting your own archive"): with ARCHIVE=<folder> given or
# exported, every target reads captures from, imports into and builds from that folder (made by
# `make archive`), and the sample in content/ is left out.
ARCHIVE ?=
ifneq ($(strip $(ARCHIVE)),)
# A quoted ~ reaches make unexpanded (make archive ARCHIVE="~/news"): it means the home folder here too.
# Not $(abspath): make splits its argument on spaces, and "~/My news" must stay one folder.
ARCHIVE_HOME := $(strip $(patsubst ~/%,$(HOME)/%,$(ARCHIVE)))
ARCHIVE_DIR := $(if $(filter /%,$(firstword $(ARCHIVE_HOME))),$(ARCHIVE_HOME),$(CURDIR)/$(ARCHIVE_HOME))
INPUTDIR ?= $(ARCHIVE_DIR)/content
OUTPUTDIR ?= $(ARCHIVE_DIR)/output
SRC ?= $(ARCHIVE_DIR)/captures
SITES ?= $(ARCHIVE_DIR)/sites
export QUIETPRESS_ARCHIVE := $(ARCHIVE_DIR)
endif
SITENAME ?= News archive
SITES ?= $(BASEDIR)/sites
INPUTDIR ?= $(BASEDIR)/content
OUTPUTDIR ?= $(BASEDIR)/output
CONFFILE ?= $(BASEDIR)/pelicanconf.py
PUBLISHCONF ?= $(BASEDIR)/publishconf.py
SRC ?= examples/captures
JOBS ?= 0
PORT ?= 8000
SERVER ?= 127.0.0.1
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_COMMIT_MESSAGE ?= Publish the archive
SHARED ?= $(BASEDIR)/../shared

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

RELATIVE ?= 0
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

# The virtual environment is rebuilt only when the project's own files change. An environment
# managed elsewhere (the one running the tests, following the README in a clone) sets VENV_INPUTS
# empty: make's --assume-old is not read from MAKEFLAGS.
STAMP := $(VENV)/.installed
VENV_INPUTS ?= pyproject.toml

.PHONY: help venv html regenerate serve devserver publish github clean import test \
        archive bench bench-extract bench-text bench-build bench-import bench-search bench-meta bench-hostile bench-pagetype fuzz golden

help:
	@echo 'quietpress: make targets (variables: ARCHIVE, INPUTDIR, OUTPUTDIR, CONFFILE, PUBLISHCONF, PORT, SRC, JOBS, DEBUG=1)'
	@echo '  make html                  build the archive from $$INPUTDIR (content/) into $$OUTPUTDIR (output/)'
	@echo '  make test                  run the test suite'
	@echo '  make archive ARCHIVE=<dir>  start an archive of your own in <dir> (SITENAME=<name>); with ARCHIVE'
	@echo '                            exported, import, html and publish work on <dir>, not on content/'
	@echo '  make import SRC=<path>     import captures into $$INPUTDIR (default SRC=examples/captures)'
	@echo '  make regenerate            rebuild whenever content or theme changes'
	@echo '  make serve                 serve $$OUTPUTDIR at http://$(SERVER):$(PORT)'
	@echo '  make devserver             regenerate and serve together'
	@echo '  make publish               build for publishing with publishconf.py (SITEURL=https://...)'
	@echo '  make github                publish to the $(GITHUB_PAGES_BRANCH) branch with ghp-import'
	@echo '  make clean                 remove the built site'
	@echo '  make golden                rewrite golden files after a deliberate change (review the diff)'
	@echo '  make fuzz                  a longer fuzz run of the importer and the site build (SECONDS_BUDGET=300)'
	@echo '  make bench                 every benchmark below'
	@echo '  make bench-extract         extraction F1 and speed against trafilatura and readability-lxml (needs ../shared)'
	@echo '                            VARIANT=no-classes, no-paragraphs, no-html5 (or several, comma-joined): the pages rewritten as unseen layouts'
	@echo '  make bench-text            the text-capture path on w3m dumps of the same pages (needs ../shared, w3m)'
	@echo '  make bench-build           build time and memory against stock Pelican (needs ../shared)'
	@echo '  make bench-import          import speed with --jobs 1 and --jobs 2'
	@echo '  make bench-meta            title, authors and date against trafilatura and htmldate (needs ../shared)'
	@echo '  make bench-search          search index size and query time on a large archive (needs ../shared)'
	@echo '  make bench-pagetype        which wcxb-dev pages are kept as articles, per page type (needs ../shared)'
	@echo '  make bench-hostile         time and memory of importing and building each hostile capture (target: 10 s, 1 GB)'
	@echo '  make venv                  create .venv and install the project (every target does this first)'
	@echo '  make help                  this list'

venv: $(STAMP)

$(STAMP): $(VENV_INPUTS)
	@test -x "$(BIN)/python" || $(PY) -m venv "$(VENV)"
	"$(BIN)/python" -m pip install --quiet --upgrade pip
	"$(BIN)/python" -m pip install --quiet -e ".[test,publish]"
	@touch "$(STAMP)"

html: $(STAMP)
	"$(PELICAN)" "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

regenerate: $(STAMP)
	"$(PELICAN)" -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

serve: $(STAMP)
	"$(PELICAN)" -l "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -p $(PORT) -b $(SERVER)

devserver: $(STAMP)
	"$(PELICAN)" -lr "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -p $(PORT) -b $(SERVER)

publish: $(STAMP)
	"$(PELICAN)" "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(PUBLISHCONF)" $(PELICANOPTS)

github: publish
	"$(BIN)/ghp-import" -m "$(GITHUB_PAGES_COMMIT_MESSAGE)" -b $(GITHUB_PAGES_BRANCH) "$(OUTPUTDIR)" --no-jekyll
	git push origin $(GITHUB_PAGES_BRANCH)

clean:
	rm -rf "$(OUTPUTDIR)"

import: $(STAMP)
	"$(BIN)/quietpress" import "$(SRC)" --into "$(INPUTDIR)" --jobs $(JOBS) --sites "$(SITES)"

archive: $(STAMP)
	@test -n "$(ARCHIVE_DIR)" || { echo 'make archive: say where, e.g. make archive ARCHIVE="$$HOME/news-archive" SITENAME="Harbour news"'; exit 2; }
	"$(BIN)/python" scripts/new_archive.py "$(ARCHIVE_DIR)" --name "$(SITENAME)"

# The tests build their own sample: an archive named by ARCHIVE must not change what they build.
test: $(STAMP)
	env -u QUIETPRESS_ARCHIVE "$(BIN)/python" -m pytest -q

golden: $(STAMP)
	QUIETPRESS_UPDATE_GOLDEN=1 "$(BIN)/python" -m pytest -q tests -k golden

fuzz: $(STAMP)
	QUIETPRESS_FUZZ_SECONDS=$${SECONDS_BUDGET:-300} "$(BIN)/python" -m pytest -q tests/test_fuzz.py

bench: bench-extract bench-text bench-build bench-import bench-search bench-meta bench-pagetype

# The reference extractors of the extraction benchmark come from the `bench` extra.
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	"$(BIN)/python" -m pip install --quiet -e ".[bench]"
	@touch "$(BENCH_STAMP)"

bench-extract: $(BENCH_STAMP)
	"$(BIN)/python" scripts/bench_extract.py --shared "$(SHARED)" $(if $(VARIANT),--variant $(VARIANT))

bench-pagetype: $(STAMP)
	"$(BIN)/python" scripts/bench_pagetype.py --shared "$(SHARED)"

bench-text: $(STAMP)
	"$(BIN)/python" scripts/bench_text.py --shared "$(SHARED)"

bench-build: $(STAMP)
	"$(BIN)/python" scripts/bench_build.py --shared "$(SHARED)"

bench-import: $(STAMP)
	"$(BIN)/python" scripts/bench_import.py --shared "$(SHARED)"

bench-search: $(STAMP)
	"$(BIN)/python" scripts/bench_search.py --shared "$(SHARED)"

bench-meta: $(STAMP)
	nice "$(BIN)/python" scripts/bench_metadata.py --shared "$(SHARED)"

bench-hostile: $(STAMP)
	nice "$(BIN)/python" scripts/bench_hostile.py $(if $(CASES),--cases $(CASES))
