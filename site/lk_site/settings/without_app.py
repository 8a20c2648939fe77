"""The test settings with optional lk_plugin apps left out (``LK_WITHOUT_APP=lk_plugin.appeals``, several
comma-separated: ``lk_plugin.applications,lk_plugin.connection``) and a throwaway SQLite database
(``LK_SMOKE_DB``): tests/architecture/test_optional_apps.py."""

import os

from .test import *  # noqa: F403

_WITHOUT = set(filter(None, os.environ.get("LK_WITHOUT_APP", "").split(",")))
INSTALLED_APPS = [a for a in INSTALLED_APPS if a not in _WITHOUT]  # noqa: F405
if os.environ.get("LK_SMOKE_DB"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["LK_SMOKE_DB"]}}
