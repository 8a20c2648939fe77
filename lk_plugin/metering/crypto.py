"""Encryption of stored АСКУЭ passwords: Fernet with a key derived from a settings secret."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from lk_plugin.app_settings import app_settings


def _fernet() -> Fernet:
    secret = app_settings.ASKUE_ENCRYPTION_KEY or settings.SECRET_KEY
    key = hashlib.sha256(("lk_plugin.metering.askue:" + secret).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str | None:
    """The plain text, or None when the key changed since it was stored."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None
