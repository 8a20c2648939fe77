"""Auth helpers for API clients: captcha for signup, the CSRF token and links for the widget.

Login, logout, signup and password reset are allauth headless (``headless_urls.py``).
"""

from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.middleware.csrf import get_token
from django.urls import NoReverseMatch, reverse
from ninja import Router, Schema

from .errors import responses

router = Router(tags=["auth"], auth=None)  # public: the way in


class CaptchaOut(Schema):
    key: str
    image_url: str


class WidgetLinks(Schema):
    signup: str
    password_reset: str
    cabinet: str
    notifications: str


class CsrfOut(Schema):
    csrf_token: str
    links: WidgetLinks


def _absolute(request, name, default):
    try:
        path = reverse(name)
    except NoReverseMatch:
        path = default
    return request.build_absolute_uri(path)


@router.api_operation(
    ["GET", "POST"], "/captcha/", response=responses(200, CaptchaOut), summary="Новая капча для регистрации"
)
def captcha(request):
    """A fresh captcha: show ``image_url``, send ``key`` and the answer with the signup as
    ``captcha_0``/``captcha_1`` (or ``captcha: {"key", "value"}``). A key is good for one attempt."""
    key = CaptchaStore.pick()
    return {"key": key, "image_url": request.build_absolute_uri(captcha_image_url(key))}


@router.get("/csrf/", response=responses(200, CsrfOut), summary="CSRF-токен и ссылки для виджета входа")
def csrf(request):
    """Sets the ``csrftoken`` cookie and returns the token for the ``X-CSRFToken`` header of unsafe
    requests (the page of another subdomain cannot read the API host's cookie)."""
    return {
        "csrf_token": get_token(request),
        "links": {
            "signup": _absolute(request, "account_signup", "/accounts/signup/"),
            "password_reset": _absolute(request, "account_reset_password", "/accounts/password/reset/"),
            "cabinet": _absolute(request, "lk_cabinet:overview", "/lk/"),
            "notifications": _absolute(request, "lk_notifications:list", "/lk/notifications/"),
        },
    }
