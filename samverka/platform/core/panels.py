"""Places on a page where apps built higher up add a card, so the lower app need not import them.

The layering (core → accounts → spaces → domain apps) lets an app import only those below it. When
a page of a lower app shows something of a higher one — the bodies card on a space's start page, the
person's spaces on the profile — the lower app offers a ``Panels`` and the higher app registers its
card in its ``AppConfig.ready()``::

    space_page.register(Panel(key="bodies", template="bodies/space_panel.html", context=space_panel, order=10))

The page renders each card's template with ``data`` (what ``context(...)`` returned) by ``order``.
A card's context decides what the person may see, as any selector does.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    """One card: its template and the function that gives the template its ``data``."""

    key: str
    template: str
    context: Callable[..., dict[str, Any]]
    order: int = 100


class Panels:
    """The cards registered for one place on a page."""

    def __init__(self, place: str) -> None:
        self.place = place
        self._panels: dict[str, Panel] = {}

    def register(self, panel: Panel) -> None:
        """Show ``panel`` in this place (registering the same key again replaces it)."""
        self._panels[panel.key] = panel

    def registered(self) -> list[Panel]:
        """The registered panels in the order they are shown."""
        return sorted(self._panels.values(), key=lambda panel: (panel.order, panel.key))

    def render(self, *args: Any) -> list[dict[str, Any]]:
        """Each card's template and data for the page: ``context(*args)`` of every panel, in order."""
        return [{"key": p.key, "template": p.template, "data": p.context(*args)} for p in self.registered()]
