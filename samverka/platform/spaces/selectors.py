"""Reads about spaces and a user's roles in them."""

from typing import Any

from django.db.models import QuerySet

from samverka.platform.spaces.models import Space, SpaceMembership

_CACHE_ATTR = "_samverka_space_roles"


def roles_by_space(user: Any) -> dict[int, str]:
    """Map of space id → the user's role there; one query per request, then cached on the user."""
    if user is None or not user.is_authenticated:
        return {}
    cached: dict[int, str] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = dict(SpaceMembership.objects.filter(user=user).values_list("space_id", "role"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles after a membership change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def space_list() -> QuerySet[Space]:
    return Space.objects.select_related("county").order_by("kind", "name")


def spaces_of_user(user: Any) -> QuerySet[Space]:
    """The spaces a user belongs to (platform admins: all)."""
    from samverka.platform.core.querysets import sees_everything

    if sees_everything(user):
        return space_list()
    if not user.is_authenticated:
        return Space.objects.none()
    return space_list().filter(pk__in=list(roles_by_space(user)))


def space_memberships(space: Space) -> QuerySet[SpaceMembership]:
    return SpaceMembership.objects.filter(space=space).select_related("user").order_by("role", "user__full_name")


def space_audit_entries(space: Space) -> QuerySet[Any]:
    """Every audit row recorded for objects of the space (newest first)."""
    from auditlog.models import LogEntry

    return (
        LogEntry.objects.filter(additional_data__space_id=space.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )
