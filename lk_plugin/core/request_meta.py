from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, PermissionDenied


def client_ip(request) -> str | None:
    """The client's address as allauth sees it for its rate limits: behind trusted proxies
    (``ALLAUTH_TRUSTED_PROXY_COUNT`` / ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``, production's
    ``TRUST_PROXY_HEADERS``) the forwarded address, otherwise ``REMOTE_ADDR`` — a forged
    X-Forwarded-For is never believed. A header that does not match the configuration falls back to
    ``REMOTE_ADDR``: a consent or audit row is still written."""
    from allauth.account.adapter import get_adapter as get_account_adapter

    try:
        return get_account_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):
        return request.META.get("REMOTE_ADDR") or None


@dataclass(frozen=True)
class RequestMeta:
    """What flows record about the request that caused a change (consent, audit, history)."""

    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def from_request(cls, request) -> "RequestMeta":
        if request is None:
            return cls()
        return cls(ip=client_ip(request), user_agent=(request.META.get("HTTP_USER_AGENT") or "")[:500])
