"""allauth headless under /api/lk/v1/auth/, with our login and signup in front of allauth's.

Paths keep allauth's own layout (``<client>/v1/…``), so its documentation, its OpenAPI spec and its
JavaScript clients work with the base URL ``/api/lk/v1/auth/browser/v1`` (or ``…/app/v1``).
"""

from allauth.headless import urls as allauth_headless_urls
from allauth.headless.constants import Client
from django.urls import path

from .headless import LoginView, SignupView

app_name = "headless"  # allauth reverses "headless:…" (its spec)

urlpatterns = [
    path(f"{client.value}/v1/auth/{name}", view.as_api_view(client=client), name=f"lk_{client.value}_{name}")
    for client in (Client.BROWSER, Client.APP)
    for name, view in (("login", LoginView), ("signup", SignupView))
] + allauth_headless_urls.urlpatterns
