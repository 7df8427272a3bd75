from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from samverka.platform.spaces.selectors import spaces_of_user


def spaces(request: HttpRequest) -> dict[str, Any]:
    """The signed-in person's spaces for the switcher (evaluated only if a template uses it)."""
    return {"user_spaces": SimpleLazyObject(lambda: list(spaces_of_user(request.user)))}
