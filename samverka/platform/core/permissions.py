"""The one permission mechanism for views.

Every view names the rule (django-rules permission) it needs in
``permission_required``; a public view says so explicitly with ``PUBLIC``.
A test walks every URL pattern and fails when a view declares neither.
Object lists are filtered with ``restrict(user)`` querysets in selectors,
so an object a user may not see answers 404, not 403.
"""

from typing import Any, Final

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase


class _Public:
    def __repr__(self) -> str:
        return "PUBLIC"


PUBLIC: Final = _Public()


def ensure(allowed: bool) -> None:
    """Raise PermissionDenied unless ``allowed``; used at the top of services."""
    if not allowed:
        raise PermissionDenied


class PermissionMixin:
    """Checks ``permission_required`` against ``get_permission_object()`` before dispatch."""

    permission_required: str | _Public | None = None
    request: HttpRequest

    def get_permission_object(self) -> Any:
        return None

    def has_permission(self) -> bool:
        if self.permission_required is PUBLIC:
            return True
        if not isinstance(self.permission_required, str):
            raise PermissionDenied  # misconfigured view: deny, the URL-walk test will name it
        return self.request.user.has_perm(self.permission_required, self.get_permission_object())

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not self.has_permission():
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
