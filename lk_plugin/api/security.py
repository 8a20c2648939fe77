"""Who is calling: an allauth headless app token (``X-Session-Token``) or the browser session.

The token is tried first: an app sends no cookies, and the session check enforces CSRF on unsafe
methods (a browser sends ``X-CSRFToken`` from the ``csrftoken`` cookie).
"""

from allauth.headless.contrib.ninja.security import XSessionTokenAuth
from ninja.security import SessionAuth

from lk_plugin.accounts import mfa
from lk_plugin.accounts.middleware import FORCED_CHANGE_ERROR_CODE, password_change_required_message
from lk_plugin.accounts.receivers import FORCED_CHANGE_SESSION_KEY
from lk_plugin.accounts.tokens import user_and_session_for_token

from .errors import ApiError


class TokenAuth(XSessionTokenAuth):
    """X-Session-Token of allauth headless; the user becomes ``request.user`` as with a session."""

    # allauth's class leaves these out, and an apiKey scheme without a name is invalid OpenAPI.
    openapi_in = "header"
    openapi_name = "X-Session-Token"

    def __call__(self, request):
        user, session = user_and_session_for_token(self.get_session_token(request))
        if user is None or not user.is_active:
            return None
        if session.get(FORCED_CHANGE_SESSION_KEY):
            # Registered in the office with a temporary password: the cabinet asks for a new one
            # first (the cookie session is stopped by ForcePasswordChangeMiddleware the same way).
            raise ApiError(403, password_change_required_message(), FORCED_CHANGE_ERROR_CODE)
        if session.get(mfa.MFA_SESSION_KEY) == "required":
            # Staff without TOTP enrol first (LKAccountGateMiddleware stops the cookie session).
            raise ApiError(403, mfa.mfa_enrolment_message(), mfa.MFA_ERROR_CODE)
        request.user = user
        return user


session_auth = SessionAuth(csrf=True)
token_auth = TokenAuth()

#: ``auth=`` of every cabinet endpoint.
CABINET_AUTH = [token_auth, session_auth]
