# Development tasks. `make run` starts the whole backend on this machine; `make test` runs every test.
# Needs python3.11 and, for run/test/migrate, PostgreSQL and RabbitMQ on localhost (README.md).

SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# Every installable package of the repository, installed editable into one virtual environment.
# Only third-party packages are pinned (constraints.txt); the local ones are these directories.
SERVICE_DIRS := $(patsubst %/pyproject.toml,%,$(sort $(wildcard services/*/pyproject.toml)))
PACKAGES := shared $(SERVICE_DIRS) tools/devstack
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: help install run test bench lint migrate drop clean

help:
	@echo "make install  create $(VENV) (with $(PYTHON)) and install every package editable, pinned by constraints.txt"
	@echo "make run      start every service locally (python -m devstack run); Ctrl-C stops them"
	@echo "make test     run every test (PYTEST_ARGS='-m e2e' ... to choose)"
	@echo "make bench    run every benchmark script in bench/"
	@echo "make lint     ruff, and a check that deploy/base matches deploy/generate.py"
	@echo "make migrate  create the local databases and keys if missing and apply the migrations"
	@echo "make drop     drop the local stack's databases and AMQP queues (DEVSTACK_DB_PREFIX, DEVSTACK_AMQP_NAMESPACE)"
	@echo "make clean    remove $(VENV), caches, build files and the local stack's keys and logs (.run/devstack)"

install: $(STAMP)

# Re-runs only when a requirement or a package's metadata changed; code changes need no reinstall.
$(STAMP): constraints.txt requirements-dev.txt $(addsuffix /pyproject.toml,$(PACKAGES))
	@test -x $(BIN)/python || { echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements-dev.txt \
		$(addprefix -e ,$(PACKAGES))
	@touch $@

run: install
	$(BIN)/python -m devstack run

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install
	@shopt -s nullglob; scripts=(bench/[!_]*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "no benchmark in bench/ yet"; fi; \
	for script in "$${scripts[@]}"; do echo "== $$script"; $(BIN)/python "$$script" || exit 1; done

lint: install
	$(BIN)/ruff check .
	$(BIN)/python deploy/generate.py --check

migrate: install
	$(BIN)/python -m devstack migrate

drop: install
	$(BIN)/python -m devstack drop --prefix "$${DEVSTACK_DB_PREFIX:-lessons}" --namespace "$${DEVSTACK_AMQP_NAMESPACE:-lessons}"

clean:
	rm -rf $(VENV) .run/devstack .pytest_cache .ruff_cache build dist
	find . -path ./.git -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -type d -prune -exec rm -rf {} +
