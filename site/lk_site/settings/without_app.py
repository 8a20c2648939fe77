"""The test settings with one optional lk_plugin app left out (``LK_WITHOUT_APP=lk_plugin.appeals``) and
a throwaway SQLite database (``LK_SMOKE_DB``): tests/architecture/test_optional_apps.py."""

import os

from .test import *  # noqa: F403

_WITHOUT = os.environ.get("LK_WITHOUT_APP", "")
INSTALLED_APPS = [a for a in INSTALLED_APPS if a != _WITHOUT]  # noqa: F405
if os.environ.get("LK_SMOKE_DB"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["LK_SMOKE_DB"]}}
