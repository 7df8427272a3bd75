"""How API clients sign in: a personal token, or the browser's session.

A token is created on the profile page, which a person whose role requires two-factor reaches only
from a session that used it (``accounts.middleware``). A token created before the person set up
their authenticator app (say, while they were a member, before they became a space admin) was not
created that way and is refused for such roles until they create a new one. Whether a *session*
used the second factor is checked by ``api.permissions`` (it answers 403 with the reason).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        from samverka.platform.accounts.selectors import must_use_mfa, totp_set_up_at

        user, token = super().authenticate_credentials(key)
        if must_use_mfa(user):
            set_up_at = totp_set_up_at(user)
            if set_up_at is not None and token.created < set_up_at:
                raise exceptions.AuthenticationFailed(
                    _(
                        "This token was created before you set up two-factor authentication. "
                        "Create a new token on your profile page."
                    )
                )
        return user, token
