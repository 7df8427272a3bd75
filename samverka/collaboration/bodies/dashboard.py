"""The bodies card on a space's start page (registered with ``spaces.dashboard`` in ``BodiesConfig.ready()``)."""

from typing import Any

from django.db.models import Count

from samverka.collaboration.bodies.models import Body, BodyKind
from samverka.platform.spaces.models import Space


def space_panel(space: Space, user: Any) -> dict[str, Any]:
    """How many bodies of the space ``user`` may see, by kind (most first)."""
    bodies = Body.objects.restrict(user).filter(space=space)
    by_kind = list(bodies.values("kind").annotate(n=Count("id", distinct=True)).order_by("-n"))
    kinds = dict(BodyKind.choices)
    return {
        "body_count": sum(row["n"] for row in by_kind),
        "bodies_by_kind": [(kinds.get(row["kind"], row["kind"]), row["n"]) for row in by_kind],
    }
