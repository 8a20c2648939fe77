"""The cabinet API: one NinjaAPI under /api/lk/v1/ (OpenAPI at /api/lk/v1/openapi.json).

Interactive docs (/api/lk/v1/docs) only for staff or with DEBUG; the OpenAPI document is public.
"""

from django.conf import settings
from django.http import Http404
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from . import errors
from .security import CABINET_AUTH


class StaffDocs(Swagger):
    def render_page(self, request, api, **kwargs):
        user = getattr(request, "user", None)
        if not (settings.DEBUG or (user is not None and user.is_authenticated and user.is_staff)):
            raise Http404
        return super().render_page(request, api, **kwargs)


DESCRIPTION = """API личного кабинета заявителя.

Вход: cookie сессии (браузер; небезопасные методы — с заголовком X-CSRFToken) или заголовок
X-Session-Token (приложения, allauth headless). Заявитель видит только свои объекты: чужой id — 404.

Любая ошибка — JSON `{"detail": "...", "code": "...", "errors": {"поле": ["сообщение", ...]}}`.
"""

api = NinjaAPI(
    title="Личный кабинет: API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="lk_api",
    docs=StaffDocs(),
    auth=CABINET_AUTH,
)
errors.install(api)


#: (prefix, API module, router attribute, app that must be installed or None).
ROUTERS = [
    ("/auth/", "auth", "router", None),
    ("/profile/", "profile", "router", None),
    ("/forms/", "forms", "router", "lk_plugin.applications"),
    ("/drafts/", "drafts", "router", "lk_plugin.applications"),
    ("/applications/", "applications", "router", "lk_plugin.applications"),
    ("/applications/", "connection", "router", "lk_plugin.connection"),
    ("/status/", "connection", "public_router", "lk_plugin.connection"),
    ("/threads/", "messages", "router", "lk_plugin.messaging"),
    ("/appeals/", "appeals", "router", "lk_plugin.appeals"),
    ("/notifications/", "notifications", "router", None),
    ("/meters/", "meters", "router", "lk_plugin.metering"),
    ("/outages/", "outages", "router", "lk_plugin.outages"),
    ("/calculator/", "calculator", "router", "lk_plugin.calculator"),
]


def _mount():
    """Routers of the installed apps only (an API module imports its app's models)."""
    from importlib import import_module

    from django.apps import apps

    for prefix, module, attr, app in ROUTERS:
        if app is None or apps.is_installed(app):
            api.add_router(prefix, getattr(import_module(f"lk_plugin.api.{module}"), attr))


_mount()
