"""Enforce two-factor authentication for the roles that require it."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from samverka.accounts.selectors import has_totp, must_use_mfa

# Pages a person must still reach while setting up two-factor.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/accessibility/", "/favicon")


class RequireMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not request.path.startswith("/api/")
            and must_use_mfa(user)
            and not has_totp(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
