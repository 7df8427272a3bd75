"""The landscape-map card on a space's start page (registered with ``spaces.dashboard`` in ``ActorsConfig.ready()``)."""

from typing import Any

from samverka.collaboration.actors.models import LandscapeRevision
from samverka.platform.spaces.models import Space


def space_panel(space: Space, user: Any) -> dict[str, Any]:
    """The space's latest published revision of its landscape map (public: the map is published)."""
    return {
        "latest_revision": LandscapeRevision.objects.filter(space=space).defer("snapshot").order_by("-number").first()
    }
