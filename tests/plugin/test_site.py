import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_home_page_renders_with_menu_and_widget(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Электроснабжение города" in html
    # The menu lists the live child pages marked for menus.
    for title in ("Технологическое присоединение", "Потребителям", "О компании", "Контакты"):
        assert title in html
    assert 'class="lk-widget"' in html
    assert 'lang="ru"' in html


def test_content_page_renders(client, demo_site):
    response = client.get("/o-kompanii/")
    assert response.status_code == 200
    assert "надёжное электроснабжение" in response.content.decode()


def test_admin_redirects_anonymous_to_allauth_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wagtail_login_form_is_not_a_second_door(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_demo_command_is_idempotent(demo_site):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.models import Page

    pages = Page.objects.count()
    call_command("lk_demo", "--quiet", "--force")
    assert Page.objects.count() == pages
    assert get_user_model().objects.filter(email="demo@example.ru").count() == 1


def test_cabinet_requires_login(client, db):
    response = client.get("/lk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lk_site.settings.production",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-1234567890",
        "ALLOWED_HOSTS": "lk.example.ru",
        "CSRF_TRUSTED_ORIGINS": "https://lk.example.ru",
        "DATABASE_URL": "postgres://lk:lk@127.0.0.1:5432/lk",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; never in deployment
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output


def test_production_settings_require_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lk_site.settings.production", "DATABASE_URL": "sqlite://"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_celery_task_round_trip_in_eager_mode():
    from lk_site.celery import health

    result = health.delay()
    assert result.get(timeout=5) == "ok"
