"""The cards of a space's start page, contributed by the apps built on spaces.

``spaces`` sits below the domain apps (core → accounts → spaces → domain apps), so it cannot ask
them for their figures. An app with a card on the start page registers it in its
``AppConfig.ready()`` (see ``samverka.platform.core.panels``)::

    dashboard.space_page.register(
        Panel(key="bodies", template="bodies/space_panel.html", context=space_panel, order=10)
    )

``context(space, user)`` gives the card's ``data``; the template also sees ``space``.
"""

from typing import Any

from samverka.platform.core.panels import Panel, Panels
from samverka.platform.spaces.models import Space

__all__ = ["Panel", "panels", "space_page"]

#: The cards of ``/s/<space>/``.
space_page = Panels("the space's start page")


def panels(space: Space, user: Any) -> list[dict[str, Any]]:
    """The start page's cards for ``user``: the template to include and its data."""
    return space_page.render(space, user)
