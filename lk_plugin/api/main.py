"""The cabinet API at /api/lk/v1/ (OpenAPI at /api/lk/v1/openapi.json)."""

from ninja import NinjaAPI

from . import auth

api = NinjaAPI(title="Личный кабинет API", version="1", urls_namespace="lk_api", docs_url=None)
api.add_router("/auth/", auth.router)
