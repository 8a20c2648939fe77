from dataclasses import dataclass


@dataclass(frozen=True)
class RequestMeta:
    """What flows record about the request that caused a change (consent, audit, history)."""

    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def from_request(cls, request) -> "RequestMeta":
        if request is None:
            return cls()
        # REMOTE_ADDR is the proxy-safe value: SecurityMiddleware/real-ip setups rewrite it when trusted.
        return cls(
            ip=request.META.get("REMOTE_ADDR") or None,
            user_agent=(request.META.get("HTTP_USER_AGENT") or "")[:500],
        )
