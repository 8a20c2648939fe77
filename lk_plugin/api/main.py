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


def _mount():
    from . import (
        appeals,
        applications,
        auth,
        calculator,
        connection,
        drafts,
        forms,
        messages,
        meters,
        notifications,
        outages,
        profile,
    )

    api.add_router("/auth/", auth.router)
    api.add_router("/profile/", profile.router)
    api.add_router("/forms/", forms.router)
    api.add_router("/drafts/", drafts.router)
    api.add_router("/applications/", applications.router)
    api.add_router("/applications/", connection.router)
    api.add_router("/status/", connection.public_router)
    api.add_router("/threads/", messages.router)
    api.add_router("/appeals/", appeals.router)
    api.add_router("/notifications/", notifications.router)
    api.add_router("/meters/", meters.router)
    api.add_router("/outages/", outages.router)
    api.add_router("/calculator/", calculator.router)


_mount()
