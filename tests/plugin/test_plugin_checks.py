"""lk_plugin's system checks: each setting the plugin relies on, broken one at a time."""

import pytest
from django.conf import settings
from django.test import override_settings

from lk_plugin import checks
from lk_plugin import settings as lk_settings
from lk_plugin.celery import BEAT_SCHEDULE


def ids(messages):
    return [m.id for m in messages]


def all_ids():
    return ids(
        checks.check_authentication(None)
        + checks.check_middleware(None)
        + checks.check_templates(None)
        + checks.check_private_storage(None)
        + checks.check_beat_schedule(None)
        + checks.check_admin_doors(None)
    )


def test_the_demo_host_configured_by_configure_passes_every_check():
    assert all_ids() == []


def test_configure_on_a_stock_settings_namespace_passes_every_check(tmp_path):
    stock = {
        "BASE_DIR": tmp_path,
        "INSTALLED_APPS": ["home", "wagtail.admin", "wagtail", "django.contrib.auth"],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        "TEMPLATES": [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {}}],
        "MEDIA_ROOT": tmp_path / "media",
        "STORAGES": {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}},
    }
    configured = lk_settings.configure(dict(stock))
    keys = [  # INSTALLED_APPS is checked below: overriding it would reload the app registry
        "MIDDLEWARE",
        "TEMPLATES",
        "AUTHENTICATION_BACKENDS",
        "STORAGES",
        "MEDIA_ROOT",
        "LK_PRIVATE_STORAGE_ROOT",
        *lk_settings.FORCED,
    ]
    with override_settings(**{k: configured[k] for k in keys}):
        assert all_ids() == []
    assert configured["INSTALLED_APPS"].index("lk_plugin") < configured["INSTALLED_APPS"].index(
        "wagtail.admin"
    )
    assert "lk_plugin.contrib.pages" in configured["INSTALLED_APPS"]
    assert "x-session-token" in configured["CORS_ALLOW_HEADERS"]
    # Idempotent: a second call adds nothing twice.
    again = lk_settings.configure(dict(configured))
    assert again["INSTALLED_APPS"] == configured["INSTALLED_APPS"]
    assert again["MIDDLEWARE"] == configured["MIDDLEWARE"]


def test_configure_keeps_the_hosts_choices_but_forces_the_security_ones(tmp_path):
    host = {"BASE_DIR": tmp_path, "LOGIN_REDIRECT_URL": "/moi/", "ACCOUNT_EMAIL_VERIFICATION": "none"}
    configured = lk_settings.configure(host)
    assert configured["LOGIN_REDIRECT_URL"] == "/moi/"
    assert configured["ACCOUNT_EMAIL_VERIFICATION"] == "mandatory"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"AUTHENTICATION_BACKENDS": ["django.contrib.auth.backends.ModelBackend"]}, "lk_plugin.E001"),
        ({"ACCOUNT_LOGIN_METHODS": {"username"}}, "lk_plugin.E002"),
        ({"ACCOUNT_SIGNUP_FIELDS": ["username*", "email*", "password1*"]}, "lk_plugin.E003"),
        ({"ACCOUNT_EMAIL_VERIFICATION": "optional"}, "lk_plugin.E004"),
        ({"ACCOUNT_ADAPTER": "allauth.account.adapter.DefaultAccountAdapter"}, "lk_plugin.E005"),
        ({"ACCOUNT_FORMS": {}}, "lk_plugin.E005"),
    ],
)
def test_authentication_settings(overrides, expected):
    with override_settings(**overrides):
        found = checks.check_authentication(None)
    assert expected in ids(found)
    assert all(m.hint for m in found)


def test_missing_middleware():
    middleware = [m for m in settings.MIDDLEWARE if m != lk_settings.PASSWORD_CHANGE_MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        assert ids(checks.check_middleware(None)) == ["lk_plugin.E006"]


def test_password_change_middleware_before_authentication():
    middleware = [m for m in settings.MIDDLEWARE if m != lk_settings.PASSWORD_CHANGE_MIDDLEWARE]
    middleware.insert(0, lk_settings.PASSWORD_CHANGE_MIDDLEWARE)
    with override_settings(MIDDLEWARE=middleware):
        assert ids(checks.check_middleware(None)) == ["lk_plugin.E007"]


def test_cors_middleware_after_common():
    middleware = [m for m in settings.MIDDLEWARE if m != lk_settings.CORS_MIDDLEWARE]
    middleware.append(lk_settings.CORS_MIDDLEWARE)
    with override_settings(MIDDLEWARE=middleware):
        assert ids(checks.check_middleware(None)) == ["lk_plugin.E008"]


def test_context_processor_missing():
    templates = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": ["django.template.context_processors.request"],
            },
        }
    ]
    with override_settings(TEMPLATES=templates):
        assert ids(checks.check_templates(None)) == ["lk_plugin.E009"]


def test_private_storage_missing_or_inside_media_root(tmp_path):
    storages = {k: v for k, v in settings.STORAGES.items() if k != "lk_private"}
    with override_settings(STORAGES=storages):
        assert ids(checks.check_private_storage(None)) == ["lk_plugin.E010"]
    with override_settings(MEDIA_ROOT=tmp_path, LK_PRIVATE_STORAGE_ROOT=tmp_path / "private"):
        found = checks.check_private_storage(None)
    assert ids(found) == ["lk_plugin.E011"] and "MEDIA_ROOT" in found[0].msg
    with override_settings(MEDIA_ROOT=tmp_path / "media", LK_PRIVATE_STORAGE_ROOT=tmp_path / "private"):
        assert checks.check_private_storage(None) == []


def test_demo_backends_with_debug_off_warn_on_deploy():
    demo = {
        "LK_SMS_BACKEND": "lk_plugin.notifications.sms.ConsoleSMSBackend",
        "LK_ASKUE_BACKEND": "lk_plugin.metering.askue.DemoAskueBackend",
    }
    with override_settings(DEBUG=False, **demo):
        assert ids(checks.check_demo_backends(None)) == ["lk_plugin.W001", "lk_plugin.W002"]
    with override_settings(DEBUG=True, **demo):
        assert checks.check_demo_backends(None) == []
    real = {
        "LK_SMS_BACKEND": "lk_plugin.notifications.sms.HTTPSMSBackend",
        "LK_ASKUE_BACKEND": "lk_plugin.metering.askue.HttpJsonAskueBackend",
    }
    with override_settings(DEBUG=False, **real):
        assert checks.check_demo_backends(None) == []


def test_broker_without_the_beat_schedule():
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:6379/0", CELERY_BEAT_SCHEDULE={}):
        found = checks.check_beat_schedule(None)
    assert ids(found) == ["lk_plugin.W003"] and "destroy_withdrawn_personal_data" in found[0].msg
    with override_settings(
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0", CELERY_BEAT_SCHEDULE=dict(BEAT_SCHEDULE)
    ):
        assert checks.check_beat_schedule(None) == []
    with override_settings(CELERY_BROKER_URL="", CELERY_BEAT_SCHEDULE={}):
        assert checks.check_beat_schedule(None) == []


def test_wagtail_login_door_left_open():
    with override_settings(ROOT_URLCONF="tests.plugin.open_door_urls"):
        assert ids(checks.check_admin_doors(None)) == ["lk_plugin.W004"]
    assert checks.check_admin_doors(None) == []
