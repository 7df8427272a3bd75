"""The API uses the same django-rules permissions as the HTML views."""

from typing import TYPE_CHECKING, Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView


class RulesPermission(BasePermission):
    """Checks ``view.permission_required`` (a dict action → rule, or one rule) for the request.

    Object-level: the rule is called with the object. Lists are filtered by the
    view's ``visible_to(user)`` queryset, so invisible objects answer 404.
    """

    def _rule(self, view: "APIView") -> str | None:
        required: Any = getattr(view, "permission_required", None)
        if isinstance(required, dict):
            action = getattr(view, "action", None) or view.request.method.lower()
            return required.get(action)
        return required

    def has_permission(self, request: Request, view: "APIView") -> bool:
        rule = self._rule(view)
        if rule is None:
            return False
        if rule == "public":
            return True
        # Object actions are decided in has_object_permission.
        if getattr(view, "action", None) in {"retrieve", "update", "partial_update", "destroy"}:
            return True
        return request.user.has_perm(rule, getattr(view, "permission_object", lambda: None)())

    def has_object_permission(self, request: Request, view: "APIView", obj: Any) -> bool:
        rule = self._rule(view)
        if rule is None:
            return False
        return rule == "public" or request.user.has_perm(rule, obj)
