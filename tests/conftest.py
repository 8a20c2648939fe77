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
    from wagtail.models import Site

    if not Site.objects.filter(is_default_site=True).exists():
        # wagtailcore's migration made one (over its welcome page); a flush takes it away.
        root = Page.get_first_root_node()
        home = root.get_first_child() or root.add_child(instance=Page(title="Welcome", slug="home"))
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
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
def forms_site(db):
    """Home, content pages and the demo form pages (no demo applications)."""
    from lk_site.demo import forms, pages
    from lk_site.demo.context import DemoContext

    ctx = DemoContext()
    pages.load(ctx)
    return forms.load_forms(ctx)


@pytest.fixture
def tp_page(forms_site):
    """The demo «технологическое присоединение» form page."""
    return forms_site["technological_connection"]


@pytest.fixture
def applicant(db):
    """An applicant (tests.factories.make_applicant: Петров Иван, confirmed email, no СНИЛС)."""
    from tests.factories import make_applicant

    return make_applicant()


@pytest.fixture
def make_applicant(db):
    """Builds applicants who sign in: tests.factories.make_applicant with a СНИЛС (sign-in by СНИЛС)
    and no phone; keywords as there (``email``, ``password``, profile fields)."""
    import functools

    from tests.factories import make_applicant

    return functools.partial(make_applicant, snils="11223344595", phone="")


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
def _fresh_caches():
    """Every test starts and ends with empty caches: rate-limit counters, the staff address cache and
    Wagtail's site root paths (cached per test database state that the rollback undoes) must never
    leak from one test into the next, whatever the order (pytest-randomly shuffles it every run)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def warm_site_cache(db):
    """Query-count pins measure a page in steady state: Wagtail's site root paths already cached (the
    first request after a cache flush reads them once more)."""
    from wagtail.models import Site

    Site.get_site_root_paths()


def pytest_terminal_summary(terminalreporter, config):
    """The order seed, also under -q, so a failure that depends on order can be replayed."""
    seed = getattr(config.option, "randomly_seed", None)
    if seed is not None:
        terminalreporter.write_line(f"test order: replay with --randomly-seed={seed}")


@pytest.fixture
def celery_broker(settings):
    """A host that configured a Celery broker and runs a worker (not eager: eager tasks count as no
    broker, ``core.broker.broker_configured``); nothing listens there, so a test patches ``delay``:
    the outbox hands rows to the worker."""
    from celery import current_app

    from lk_plugin.notifications.tasks import send_outbox_messages

    url = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_URL = url
    # Celery reads Django settings once, when its configuration is first used (perhaps by an earlier
    # test): the apps' own configuration must say it too, whatever ran before.
    confs = {id(app.conf): app.conf for app in (current_app, send_outbox_messages.app)}.values()
    keys = ("broker_url", "task_always_eager")
    saved = [(conf, {k: conf.changes[k] for k in keys if k in conf.changes}) for conf in confs]
    for conf, _old in saved:
        conf.update(broker_url=url, task_always_eager=False)
    yield url
    # Restore the override layer itself: writing the old value back would pin it over settings.
    for conf, old in saved:
        for key in keys:
            conf.changes.pop(key, None)
        conf.update(**old)


@pytest.fixture(autouse=True)
def _no_response_left_open():
    """A test that reads only the headers of a streamed response (a file download) never closes it,
    so Django's ``request_finished`` never comes and ``after_response`` would keep holding what the
    next test defers outside any request. Each test starts and ends outside a request."""
    from lk_plugin.core import after_response

    after_response.reset()
    yield
    after_response.reset()


@pytest.fixture(autouse=True)
def _broker_not_marked_down():
    """The outbox remembers a broker that refused a publish for a while (per process): one test's
    dead broker must not keep the next test from publishing."""
    from lk_plugin.notifications import outbox

    outbox._broker_down_until = 0.0
    yield
    outbox._broker_down_until = 0.0


@pytest.fixture(autouse=True)
def _migration_seeds_present(request):
    """Every database test starts with the rows migrations create (root page, application kinds,
    appeal topics, the consent document…): if a transactional test that failed midway left them
    flushed, they are put back here, so one broken test cannot fail every later one in random order."""
    names = set(request.fixturenames)
    if not (
        {"db", "transactional_db", "live_server"} & names or request.node.get_closest_marker("django_db")
    ):
        return
    marker = request.node.get_closest_marker("django_db")
    if {"live_server", "transactional_db"} & names or (marker and marker.kwargs.get("transaction")):
        return  # _reseed_transactional restores them around these
    request.getfixturevalue("db")
    from wagtail.models import Page, Site

    from lk_plugin.applications.models import ApplicationKind

    if (
        Page.get_first_root_node() is None
        or not ApplicationKind.objects.exists()
        or not Site.objects.filter(is_default_site=True).exists()
    ):
        restore_migration_data()
