"""Encryption of stored secrets (integration passwords): Fernet with a key derived per purpose.

A settings secret (or SECRET_KEY) hashed together with the purpose, so one leaked token cannot be
replayed for another integration (АСКУЭ passwords: metering/askue.py; billing: connection/billing.py).
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet(purpose: str, secret: str = "") -> Fernet:
    key = hashlib.sha256(f"{purpose}:{secret or settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(value: str, *, purpose: str, secret: str = "") -> str:
    return _fernet(purpose, secret).encrypt(value.encode()).decode()


def decrypt(token: str, *, purpose: str, secret: str = "") -> str | None:
    """The plain text, or None when the key changed since it was stored."""
    try:
        return _fernet(purpose, secret).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None
