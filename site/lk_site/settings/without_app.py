"""The test settings with optional lk_plugin apps left out (``LK_WITHOUT_APP=lk_plugin.appeals``, several
comma-separated: ``lk_plugin.applications,lk_plugin.connection``) and a throwaway SQLite database
(``LK_SMOKE_DB``): tests/architecture/test_optional_apps.py."""

import os

from .test import *  # noqa: F403

_WITHOUT = set(filter(None, os.environ.get("LK_WITHOUT_APP", "").split(",")))
INSTALLED_APPS = [a for a in INSTALLED_APPS if a not in _WITHOUT]  # noqa: F405
if os.environ.get("LK_SMOKE_DB"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["LK_SMOKE_DB"]}}
if "lk_plugin.applications" in _WITHOUT and os.environ.get("LK_SMOKE_DB"):
    # The demo host's own history once held an application form page (cms_pages 0002–0004, moved to
    # the contrib pages since): a host without applications has no such history. Its migrations are
    # made afresh next to the throwaway database (smoke_without_app.py runs makemigrations first).
    import sys
    from pathlib import Path

    _migrations = Path(os.environ["LK_SMOKE_DB"]).parent / "smoke_cms_pages_migrations"
    _migrations.mkdir(exist_ok=True)
    (_migrations / "__init__.py").touch()
    sys.path.insert(0, str(_migrations.parent))
    MIGRATION_MODULES = {"cms_pages": "smoke_cms_pages_migrations"}
