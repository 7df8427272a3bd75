"""The body and plan of the URL, resolved once and visible to the user (else 404)."""

from functools import cached_property
from typing import Any

from django.shortcuts import get_object_or_404

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.bodies.selectors import visible_bodies
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.steering.workplans import selectors
from samverka.steering.workplans.models import WorkPlan


class BodyMixin(SpaceMixin, PermissionMixin):
    """A body of the URL's space that the user may see; it is the permission object."""

    kwargs: dict[str, Any]

    @cached_property
    def body(self) -> Body:
        return get_object_or_404(visible_bodies(self.space, self.request.user), pk=self.kwargs["body"])

    def get_permission_object(self) -> Any:
        return self.body

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        context["can_edit"] = self.request.user.has_perm("workplans.change_workplan", self.body)
        return context


class PlanMixin(BodyMixin):
    """A work plan of the URL's body; it is the permission object."""

    @cached_property
    def plan(self) -> WorkPlan:
        plan = get_object_or_404(selectors.plan_queryset(self.body, self.request.user), pk=self.kwargs["pk"])
        plan.body = self.body
        return plan

    def get_permission_object(self) -> Any:
        return self.plan

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        context["can_edit"] = context["can_edit"] and not self.plan.is_closed
        return context
