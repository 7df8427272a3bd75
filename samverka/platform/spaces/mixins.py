"""The view mixin of every page inside a space."""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from samverka.platform.spaces.models import Space


class SpaceMixin:
    """Resolves the space named by the ``space`` URL argument (404 when unknown) and adds its menu."""

    kwargs: dict[str, Any]

    @cached_property
    def space(self) -> Space:
        return get_object_or_404(Space.objects.select_related("county"), slug=self.kwargs["space"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from samverka.platform.spaces.navigation import menu_context

        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["space"] = self.space
        context.update(menu_context(self.request, self.space))  # type: ignore[attr-defined]
        return context
