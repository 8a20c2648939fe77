"""Who is calling: an allauth headless app token (``X-Session-Token``) or the browser session.

The token is tried first: an app sends no cookies, and the session check enforces CSRF on unsafe
methods (a browser sends ``X-CSRFToken`` from the ``csrftoken`` cookie).
"""

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from ninja.security import SessionAuth


class TokenAuth(XSessionTokenAuth):
    """X-Session-Token of allauth headless; the user becomes ``request.user`` as with a session."""

    # allauth's class leaves these out, and an apiKey scheme without a name is invalid OpenAPI.
    openapi_in = "header"
    openapi_name = "X-Session-Token"

    def __call__(self, request):
        user = super().__call__(request)
        if user is not None and user.is_active:
            request.user = user
            return user
        return None


session_auth = SessionAuth(csrf=True)
token_auth = TokenAuth()

#: ``auth=`` of every cabinet endpoint.
CABINET_AUTH = [token_auth, session_auth]
