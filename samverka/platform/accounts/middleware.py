"""Enforce two-factor authentication per session for the roles that require it.

Having an authenticator app is not enough: the session itself must have used the second factor
(allauth records every authentication step of a session; see ``selectors.session_used_two_factor``).
A session signed in with the password alone — an old session, or one from any entry point that
skipped the code — reaches nothing but the pages that complete the second factor: the step-up with
the code when the person has an app, the set-up of one when they have none. That holds for every
page, the Django admin and allauth's own account pages (e-mail, password, recovery codes) alike.
The API answers for itself (``api.permissions``), in JSON rather than with a redirect.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from samverka.platform.accounts.selectors import has_totp, needs_second_factor

#: Pages without anything behind them, reachable in any state.
_ALWAYS_ALLOWED_PREFIXES = ("/static/", "/i18n/", "/favicon", "/healthz/", "/accessibility/")

#: allauth pages that lead to a completed second factor (or out): by whether the person has an app.
_STEP_UP_URL_NAMES = frozenset({"mfa_reauthenticate", "mfa_authenticate", "account_login", "account_logout"})
_SET_UP_URL_NAMES = frozenset({"mfa_activate_totp", "account_reauthenticate", "account_login", "account_logout"})


class RequireMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.path.startswith(_ALWAYS_ALLOWED_PREFIXES) or request.path.startswith("/api/"):
            return None
        if not needs_second_factor(request):
            return None
        url_name = request.resolver_match.url_name if request.resolver_match else None
        if has_totp(request.user):
            if url_name in _STEP_UP_URL_NAMES:
                return None
            # The step-up page asks for the code and then continues where the person was going.
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({REDIRECT_FIELD_NAME: _next(request)})}")
        if url_name in _SET_UP_URL_NAMES:
            return None
        return redirect("mfa_activate_totp")


def _next(request: HttpRequest) -> str:
    """Where to continue after the step-up: the page asked for (a form post continues on its page)."""
    return request.get_full_path() if request.method in ("GET", "HEAD") else request.path
