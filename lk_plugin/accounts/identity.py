"""One login field: an email or a СНИЛС / ОГРН / ОГРНИП in any spelling, resolved to one account."""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from lk_plugin import validators as v


@dataclass(frozen=True)
class LoginIdentifier:
    kind: str  # "email" | "snils" | "ogrn" | "ogrnip" | "unknown"
    value: str  # normalized: lower-case email, digits for numbers

    @property
    def key(self) -> str:
        return self.value if self.kind == "email" else f"{self.kind}:{self.value}"


def parse_login(raw: str) -> LoginIdentifier:
    text = (raw or "").strip()
    if "@" in text:
        email = text.lower()
        try:
            validate_email(email)
        except ValidationError:
            return LoginIdentifier("unknown", email)
        return LoginIdentifier("email", email)
    digits = v.digits_only(text)
    if re.fullmatch(r"\d{11}", digits):
        return LoginIdentifier("snils", digits)
    if re.fullmatch(r"\d{13}", digits):
        return LoginIdentifier("ogrn", digits)
    if re.fullmatch(r"\d{15}", digits):
        return LoginIdentifier("ogrnip", digits)
    return LoginIdentifier("unknown", digits.lower() or text.lower())


def resolve_user(identifier: LoginIdentifier):
    """The account the identifier names, or None (never raises for unknown input)."""
    from allauth.account.models import EmailAddress

    from .models import ApplicantProfile

    User = get_user_model()
    if identifier.kind == "email":
        address = (
            EmailAddress.objects.filter(email__iexact=identifier.value)
            .select_related("user")
            .order_by("-verified", "-primary")
            .first()
        )
        if address is not None:
            return address.user
        return User.objects.filter(email__iexact=identifier.value).order_by("pk").first()
    if identifier.kind in ("snils", "ogrn", "ogrnip"):
        profile = (
            ApplicantProfile.objects.filter(**{identifier.kind: identifier.value})
            .select_related("user")
            .first()
        )
        return profile.user if profile else None
    return None


def rate_limit_key(identifier: LoginIdentifier, user) -> str:
    """Per account when the identifier names one (any spelling, any identifier), else per input."""
    if user is not None:
        return (user.email or f"user:{user.pk}").lower()
    return identifier.key
