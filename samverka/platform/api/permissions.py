"""The API uses the same django-rules permissions as the HTML views.

Every API view declares ``permission_required``: a dict action → rule (or
``"public"``), or one rule / ``"public"`` for the whole view. An action the
dict does not name is refused, so a new action cannot leak by omission; the
route-walking test in ``samverka/platform/api/tests/test_routes.py`` names it first.

- Collection actions (list, create, …) call the rule with
  ``view.get_permission_object()``: ``None``, or for a create the object the
  new row will belong to (the space of a new body, the body of a new
  membership), looked up from the request body. When that object is missing or
  unknown, an anonymous client gets 401 and a signed-in one 400 with the reason.
- Object actions (retrieve, update, close, …) call the rule with the object in
  ``has_object_permission``. Objects come from ``restrict(user)``
  querysets, so an object the user may not see answers 404 before any rule
  is asked, and one they may see but not change answers 403. An object action
  must therefore fetch its object with ``self.get_object()``, which runs the check.
- People whose role requires two-factor authentication are refused until
  they have set it up, as on the HTML pages (the MFA middleware lets
  ``/api/`` through so that token clients get JSON, not a redirect). A
  browser session must itself have used the second factor; a token was
  created from such a session (``api.authentication``).
"""

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from samverka.platform.accounts.selectors import has_totp, must_use_mfa, session_used_two_factor
from samverka.platform.core.permissions import PUBLIC

if TYPE_CHECKING:
    from rest_framework.views import APIView

#: The spelling of "no rule needed" in ``permission_required``.
PUBLIC_RULE = "public"

#: OPTIONS describes an endpoint's fields; the OpenAPI schema is public anyway.
_ALWAYS_PUBLIC_ACTIONS = frozenset({"metadata"})


def is_public(rule: Any) -> bool:
    return rule is PUBLIC or rule == PUBLIC_RULE


def rule_for(view: "APIView") -> Any:
    """The rule the view declares for the current action (``None`` when it declares none)."""
    required: Any = getattr(view, "permission_required", None)
    action = getattr(view, "action", None) or (view.request.method or "").lower()
    if action in _ALWAYS_PUBLIC_ACTIONS:
        return PUBLIC_RULE
    if isinstance(required, dict):
        return required.get(action)
    return required


class RulesPermission(BasePermission):
    """Checks the view's ``permission_required`` rule for the request (see the module docstring)."""

    def has_permission(self, request: Request, view: "APIView") -> bool:
        if getattr(view, "action_map", None) is not None and getattr(view, "action", None) is None:
            return True  # a method the route does not offer: DRF answers 405 and runs nothing
        rule = rule_for(view)
        if rule is None:
            return False  # misconfigured view: deny; the route test names it
        if self._needs_two_factor(request):
            if has_totp(request.user):
                self.message = _(
                    "Your role requires two-factor authentication, and this session was signed in without the "
                    "code. Sign in again with your authenticator's code."
                )
            else:
                self.message = _(
                    "Your role requires two-factor authentication. Set it up on your profile page before using the API."
                )
            return False
        if is_public(rule):
            return True
        if getattr(view, "detail", False):
            return True  # decided per object in has_object_permission
        try:
            permission_object = getattr(view, "get_permission_object", lambda: None)()
        except ValidationError:
            if not request.user.is_authenticated:
                return False  # authenticate first (401), then hear what is wrong with the request
            raise
        return bool(request.user.has_perm(rule, permission_object))

    def has_object_permission(self, request: Request, view: "APIView", obj: Any) -> bool:
        rule = rule_for(view)
        if rule is None:
            return False
        return is_public(rule) or bool(request.user.has_perm(rule, obj))

    @staticmethod
    def _needs_two_factor(request: Request) -> bool:
        user = request.user
        if not (user.is_authenticated and must_use_mfa(user)):
            return False
        if isinstance(request.successful_authenticator, SessionAuthentication):
            return not session_used_two_factor(request._request, user)
        return not has_totp(user)
