import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ru-RU", "timezone_id": "Europe/Moscow"}


def restore_migration_data():
    """Put back the rows migrations create (Wagtail's root page, locale and collection; our seeds).

    Transactional tests (live_server) flush every table when they end, so the next test that needs
    the seeds would otherwise find them gone. Every seed function of ours is idempotent.
    """
    from django.apps import apps
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    for (app_label, _name), migration in sorted(loader.disk_migrations.items()):
        if not app_label.startswith("lk_"):
            continue
        for operation in migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)


@pytest.fixture(autouse=True)
def _reseed_transactional(request, django_db_blocker):
    """Transactional tests start with the migration seeds, whatever an earlier one flushed, and put
    them back after their own flush — so the next test, and the next run with ``--reuse-db``, find
    the database as the migrations left it."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):

        def restore_after_flush():
            with django_db_blocker.unblock():
                restore_migration_data()

        # Finalizers run last-in first-out: registered before transactional_db, this one runs after
        # its flush.
        request.addfinalizer(restore_after_flush)
        request.getfixturevalue("transactional_db")
        restore_migration_data()


@pytest.fixture
def seeded(db):
    """Migration seeds present even after an earlier transactional test flushed them."""
    restore_migration_data()


@pytest.fixture
def demo_site(seeded):
    """The demo content of `make run` (home page, content pages, demo users)."""
    from django.core.management import call_command

    call_command("lk_demo", "--quiet", "--force")
    from lk_site.demo.users import DEMO_PASSWORD

    return DEMO_PASSWORD


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads of each test go to its own temporary folders (the private storage reads the setting)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.LK_PRIVATE_STORAGE_ROOT = str(tmp_path / "private")


@pytest.fixture(autouse=True)
def _fresh_limit_counters():
    """Quotas and limits (lk_plugin.core.limits, login_guard) count per user id and IP: ids repeat
    after a rollback. Only those counters are dropped (other suites pin query counts with the rest
    of the cache as it is)."""
    from django.core.cache import cache

    store, expiry = getattr(cache, "_cache", None), getattr(cache, "_expire_info", None)
    if isinstance(store, dict) and isinstance(expiry, dict):  # LocMemCache (the test settings)
        for key in [k for k in store if ":lk:limit:" in k or ":lk:login-failures:" in k]:
            store.pop(key, None)
            expiry.pop(key, None)


@pytest.fixture(autouse=True)
def _fresh_staff_email_cache():
    """The cached staff notification addresses never outlive a test's rolled-back users."""
    from django.core.cache import cache

    from lk_plugin.staff.permissions import STAFF_EMAILS_CACHE_KEY

    cache.delete(STAFF_EMAILS_CACHE_KEY)
