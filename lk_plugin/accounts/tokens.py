"""The person and session behind an allauth headless ``X-Session-Token`` (the app client)."""

from allauth.headless.internal.sessionkit import authenticate_by_x_session_token


def user_and_session_for_token(token: str | None):
    """``(user, session)`` for *token*, or ``(None, None)``. allauth < 65.22 returns a tuple, later
    versions a result object: one place copes with both."""
    found = authenticate_by_x_session_token(token) if token else None
    if not found:
        return None, None
    return found if isinstance(found, tuple) else (found.user, found.session)
