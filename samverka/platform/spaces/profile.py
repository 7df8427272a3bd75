"""The person's spaces on the profile page (registered with ``accounts.profile`` in ``SpacesConfig.ready()``)."""

from typing import Any

from samverka.platform.spaces.selectors import roles_by_space, spaces_of_user


def profile_panel(user: Any) -> dict[str, Any]:
    """The spaces the person belongs to, each with the person's role there."""
    roles = roles_by_space(user)
    return {"space_roles": [(space, roles.get(space.pk)) for space in spaces_of_user(user)]}
