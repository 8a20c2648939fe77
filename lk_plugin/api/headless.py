"""allauth headless with the same rules as the HTML forms.

allauth's headless ``SignupInput``/``LoginInput`` are built on ``BaseSignupForm`` and an email-only
login: they would skip our legal-form fields, validators, consent and captcha, and the resolution of
a СНИЛС/ОГРН/ОГРНИП to its account before the rate limits. So the login and signup endpoints are
served by the subclasses below (``headless_urls.py`` routes them first), whose inputs *are* the
HTML forms from ``ACCOUNT_FORMS`` fed with JSON. Everything else is allauth's own.
"""

import contextlib
import dataclasses
from http import HTTPStatus

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.internal import flows
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.headless.account import views as headless_views
from allauth.headless.adapter import DefaultHeadlessAdapter
from allauth.headless.base.response import AuthenticationResponse, ConflictResponse, ForbiddenResponse
from allauth.headless.internal.restkit.inputs import Input
from allauth.headless.internal.restkit.response import ErrorResponse
from allauth.utils import get_form_class
from django.urls import NoReverseMatch, reverse

from lk_plugin.accounts.forms import LoginForm, SignupForm
from lk_plugin.adapter import get_adapter as get_lk_adapter

TOO_MANY_ATTEMPTS = "too_many_login_attempts"


class LKHeadlessAdapter(DefaultHeadlessAdapter):
    """HEADLESS_ADAPTER: the user payload of headless responses carries what the widget shows."""

    def get_user_dataclass(self):
        base = super().get_user_dataclass()

        def field(name, typ, description, example):
            return (
                name,
                typ,
                dataclasses.field(default=None, metadata={"description": description, "example": example}),
            )

        extra = [
            field(
                "legal_form",
                str | None,
                "individual | entrepreneur | legal_entity (applicants only).",
                "individual",
            ),
            field("unread_notifications", int | None, "Unread notifications in the cabinet.", 2),
            field("cabinet_url", str | None, "The cabinet's overview page.", "/lk/"),
        ]
        fields = [(f.name, f.type, dataclasses.field(metadata=f.metadata)) for f in dataclasses.fields(base)]
        return dataclasses.make_dataclass("User", fields + extra)

    def user_as_dataclass(self, user):
        from lk_plugin.notifications.selectors import unread_count

        data = dataclasses.asdict(super().user_as_dataclass(user))
        profile = get_lk_adapter().get_profile(user) if user.pk else None
        try:
            cabinet_url = reverse("lk_cabinet:overview")
        except NoReverseMatch:
            cabinet_url = None
        data.update(
            legal_form=profile.legal_form if profile is not None else None,
            unread_notifications=unread_count(user) if user.pk and user.is_authenticated else None,
            cabinet_url=cabinet_url,
        )
        return self.get_user_dataclass()(**data)


def _is_rate_limited(input) -> bool:
    return any(
        error.code == TOO_MANY_ATTEMPTS for errors in input.errors.as_data().values() for error in errors
    )


def _json_to_form_data(data: dict, aliases: dict) -> dict:
    """JSON names allauth's clients send, mapped onto the HTML form's field names."""
    data = dict(data or {})
    for alias, targets in aliases.items():
        if alias in data:
            for target in targets:
                data.setdefault(target, data[alias])
    captcha = data.get("captcha")
    if isinstance(captcha, dict):  # {"captcha": {"key": ..., "value": ...}} → the form's captcha_0/_1
        data.setdefault("captcha_0", captcha.get("key", ""))
        data.setdefault("captcha_1", captcha.get("value", ""))
    return data


class LoginInputMixin:
    """The HTML login form (ACCOUNT_FORMS["login"]) as a headless input: `login` + `password`.

    ``email`` is accepted for allauth's stock clients; ``remember`` keeps the session after the
    browser closes, like the checkbox on the page.
    """

    def __init__(self, *args, data=None, **kwargs):
        super().__init__(*args, data=_json_to_form_data(data, {"email": ("login",)}), **kwargs)


class SignupInputMixin:
    """The HTML signup form (ACCOUNT_FORMS["signup"]) as a headless input.

    Field names as on the page (DESIGN §6). ``password`` (allauth's name) fills ``password1`` and
    ``password2``; the captcha is ``captcha_0`` (key) + ``captcha_1`` (answer) or
    ``captcha: {"key", "value"}``; booleans may be JSON true/false.
    """

    def __init__(self, *args, data=None, **kwargs):
        aliases = {"password": ("password1", "password2")}
        super().__init__(*args, data=_json_to_form_data(data, aliases), **kwargs)

    def try_save(self, request):
        user, response = super().try_save(request)
        if user is None and self.errors:
            # The HTML form answers a lost race on a unique identifier with its page; here: JSON.
            return None, ErrorResponse(request, input=self)
        return user, response


def login_input_class():
    form_class = get_form_class(account_settings.FORMS, "login", LoginForm)
    return type("LKLoginInput", (LoginInputMixin, form_class, Input), {})


def signup_input_class():
    form_class = get_form_class(account_settings.FORMS, "signup", SignupForm)
    return type("LKSignupInput", (SignupInputMixin, form_class, Input), {})


def rate_limited_response(request, input):
    response = ErrorResponse(request, input=input, status=HTTPStatus.TOO_MANY_REQUESTS)
    response["Retry-After"] = "60"
    return response


class LoginView(headless_views.LoginView):
    """POST …/auth/login {"login", "password"}: the HTML form's checks, then allauth's login stages."""

    def get_input_class(self):
        return login_input_class()

    def get_input_kwargs(self):
        return {"request": self.request}

    def handle_invalid_input(self, input):
        if _is_rate_limited(input):
            return rate_limited_response(self.request, input)
        return super().handle_invalid_input(input)

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return ConflictResponse(request)
        response = self.input.login(request)  # same path as the page: stages, session expiry
        return AuthenticationResponse.from_response(request, response)


class SignupView(headless_views.SignupView):
    """POST …/auth/signup with the HTML form's fields; creates user + profile + consent records."""

    def get_input_class(self):
        return signup_input_class() if self.request.method == "POST" else None

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return ConflictResponse(request)
        if not get_account_adapter().is_open_for_signup(request):
            return ForbiddenResponse(request)
        user, response = self.input.try_save(request)
        if isinstance(response, ErrorResponse):
            return response
        if not response:
            with contextlib.suppress(ImmediateHttpResponse):  # as allauth's own SignupView
                response = flows.signup.complete_signup(request, user=user, by_passkey=False)
        return AuthenticationResponse.from_response(request, response)
