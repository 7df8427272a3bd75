"""Who may see and run bodies and their memberships.

Objects: ``view_body``, ``change_body``, ``close_body``, ``manage_memberships``
and ``view_membership_people`` take a Body; ``add_body`` and
``view_system_overview`` take the Space; ``change_membership`` takes a
Membership and asks ``manage_memberships`` of its body.

Besides the space roles, a person's own seat counts: a user linked to a
Contact (``Contact.user``) who chairs, leads or is secretary of a body
(BODY_LEADING_ROLES, current membership) runs that body, and every member
(a membership not yet ended) sees the body and its members.
"""

from typing import Any

import rules
from django.utils import timezone

from samverka.collaboration.bodies.models import BODY_LEADING_ROLES, Body, Membership
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider, is_space_manager

_CACHE_ATTR = "_samverka_body_seats"


def body_seats(user: Any) -> dict[str, frozenset[int]]:
    """The bodies where ``user`` (through their Contact) sits: ``member`` (membership not ended)
    and ``leader`` (a current leading role). One query per request, cached on the user."""
    if user is None or not user.is_authenticated:
        return {"member": frozenset(), "leader": frozenset()}
    cached: dict[str, frozenset[int]] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        today = timezone.localdate()
        rows = (
            Membership.objects.filter(contact__user=user).not_ended(today).values_list("body_id", "role", "start_date")
        )
        member, leader = set(), set()
        for body_id, role, start in rows:
            member.add(body_id)
            if role in BODY_LEADING_ROLES and (start is None or start <= today):
                leader.add(body_id)
        cached = {"member": frozenset(member), "leader": frozenset(leader)}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_body_seats(user: Any) -> None:
    """Drop the cached seats after a membership change."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _body_of(obj: Any) -> Body | None:
    if isinstance(obj, Membership):
        return obj.body
    return obj if isinstance(obj, Body) else None


@rules.predicate
def is_public_body(user: Any, body: Any) -> bool:
    return isinstance(body, Body) and body.is_public


@rules.predicate
def is_body_member(user: Any, body: Any) -> bool:
    return isinstance(body, Body) and body.pk in body_seats(user)["member"]


@rules.predicate
def is_body_leader(user: Any, body: Any) -> bool:
    return isinstance(body, Body) and body.pk in body_seats(user)["leader"]


runs_space = is_platform_admin | is_space_manager
runs_body = runs_space | is_body_leader


@rules.predicate
def may_manage_body_of_membership(user: Any, membership: Any) -> bool:
    body = _body_of(membership)
    return body is not None and runs_body.test(user, body)


rules.add_perm("bodies.view_body", is_public_body | is_platform_admin | is_space_insider | is_body_member)
rules.add_perm("bodies.add_body", runs_space)
rules.add_perm("bodies.change_body", runs_body)
rules.add_perm("bodies.close_body", runs_body)
rules.add_perm("bodies.manage_memberships", runs_body)
rules.add_perm("bodies.view_membership_people", is_platform_admin | is_space_insider | is_body_member)
rules.add_perm("bodies.change_membership", may_manage_body_of_membership)
rules.add_perm("bodies.view_system_overview", rules.always_allow)
