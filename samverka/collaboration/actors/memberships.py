"""Who sits in which body, as the actor register needs it — told by ``bodies``, which builds on actors.

``bodies.Membership`` points at ``Organisation`` and ``Contact``, so ``bodies`` imports ``actors``;
the landscape map (a space's map holds the organisations sitting in its bodies, and its matrix shows
where) and the organisation page (the bodies it sits in) need the memberships back. To keep the
import graph without cycles, ``BodiesConfig.ready()`` hands the reads over with
``provide(samverka.collaboration.bodies.landscape)`` and the actor register asks them here.
"""

from collections.abc import Iterator
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import QueryDict


class MembershipSource(Protocol):
    """The reads of current memberships the actor register uses (``bodies.landscape``)."""

    def member_organisation_ids(self, space: Any) -> QuerySet[Any]:
        """``values("organisation_id")`` of the current memberships in the space's bodies that are not closed."""
        ...

    def organisation_space_ids(self, organisation: Any) -> QuerySet[Any]:
        """``values("body__space_id")`` of the organisation's current memberships in bodies not closed."""
        ...

    def organisation_bodies(self, organisation: Any, user: Any) -> list[dict[str, Any]]:
        """The bodies (visible to ``user``) the organisation currently sits in, with its roles there."""
        ...

    def landscape_matrix(
        self, *, space: Any, user: Any, query: QueryDict | None = None, per_page: int = 50, live: bool = True
    ) -> dict[str, Any]:
        """One page of the organisations sitting in the space's bodies, each with its bodies and roles there."""
        ...

    def landscape_membership_rows(self, *, space: Any, user: Any, live: bool = True) -> Iterator[tuple[Any, ...]]:
        """(organisation id, organisation name, body id, body name, role) of every current membership in the
        space's bodies visible to ``user`` (the whole matrix, for a download)."""
        ...


_source: MembershipSource | None = None


def provide(source: MembershipSource) -> None:
    """Called once by the bodies app at start-up."""
    global _source
    _source = source


def source() -> MembershipSource:
    """The memberships' reads; an installation without the bodies app is misconfigured."""
    if _source is None:
        raise ImproperlyConfigured("No membership source: the bodies app provides it in BodiesConfig.ready().")
    return _source
