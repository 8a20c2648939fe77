# lk_plugin — the README names two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= lk_site.settings.dev

.PHONY: run test lint audit bench install install-test migrate demo browser clean install-check install-check-foreign matrix

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check uv

# Locked dependencies; the stamp files make repeated runs instant.
$(VENV)/.installed: requirements.lock | $(PY)
	$(UV) pip install -q --python $(PY) -r requirements.lock
	@touch $@

$(VENV)/.installed-test: requirements-test.lock | $(PY)
	$(UV) pip install -q --python $(PY) -r requirements-test.lock
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	@mkdir -p var/mail var/sms var/media var/private
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py lk_demo

run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

browser:
	@bash scripts/ensure-chromium.sh

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/bandit -q -c pyproject.toml -r lk_plugin site scripts -lll

# Known vulnerabilities in the locked dependencies (fails on any; warns loudly when the service is unreachable).
audit: install-test
	$(PY) scripts/dependency_audit.py requirements.lock

test: install-test browser lint audit
	DJANGO_SETTINGS_MODULE=lk_site.settings.test $(PY) manage.py makemigrations --check --dry-run -v 1
	DJANGO_SETTINGS_MODULE=lk_site.settings.test $(PY) -m pytest $(PYTEST_ARGS)

# The wheel on a stock `wagtail start` project configured only by the README's blocks (tests/install).
install-check: install-test
	LK_INSTALL_CHECK=1 DJANGO_SETTINGS_MODULE=lk_site.settings.test $(PY) -m pytest -q -p no:cacheprovider tests/install

# The wheel on a site of its own (Django 6.0 + Wagtail 7.4, own base template and StreamField blocks).
install-check-foreign: install-test browser
	LK_INSTALL_CHECK=1 LK_INSTALL_FOREIGN=1 DJANGO_SETTINGS_MODULE=lk_site.settings.test $(PY) -m pytest -q -p no:cacheprovider tests/install/test_foreign_host.py

# The suite on the oldest and newest corners of the supported matrix (noxfile.py; SQLite, no browser).
# `make matrix SESSIONS=oldest` runs one corner.
SESSIONS ?= oldest newest
matrix: install-test
	$(VENV)/bin/nox -f noxfile.py -s $(SESSIONS)

# Performance next to the stack's own floor (README «Производительность»); not part of `make test`.
# DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/lk_bench (created when missing).
bench: install-test
	DJANGO_SETTINGS_MODULE=lk_site.settings.bench $(PY) manage.py lk_bench

clean:
	rm -rf $(VENV) var
