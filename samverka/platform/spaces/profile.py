"""The person's spaces on the profile page (registered with ``accounts.profile`` in ``SpacesConfig.ready()``)."""

from typing import Any

from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.selectors import roles_by_space, spaces_of_user


def profile_panel(user: Any) -> dict[str, Any]:
    """The spaces the person belongs to, each with the name of the person's role there (translated)."""
    roles = roles_by_space(user)
    return {
        "space_roles": [
            (space, SpaceRole(roles[space.pk]).label if space.pk in roles else None) for space in spaces_of_user(user)
        ]
    }
