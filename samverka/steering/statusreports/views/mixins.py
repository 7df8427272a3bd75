"""Shared lookups: a round or a report of the URL's space the user may see (else 404)."""

from functools import cached_property
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.steering.statusreports.models import StatusReport, StatusRound
from samverka.steering.statusreports.selectors import reports_visible_to, rounds_for


class RoundMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]
    request: HttpRequest
    round_kwarg = "pk"

    @cached_property
    def status_round(self) -> StatusRound:
        rounds = rounds_for(self.space).restrict(self.request.user).select_related("space")
        return get_object_or_404(rounds, pk=self.kwargs[self.round_kwarg])

    def get_permission_object(self) -> Any:
        return self.status_round

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["status_round"] = self.status_round
        return context


class ReportMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def report(self) -> StatusReport:
        return get_object_or_404(
            reports_visible_to(self.request.user, self.space), round_id=self.kwargs["round"], pk=self.kwargs["pk"]
        )

    def get_permission_object(self) -> Any:
        return self.report

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["report"] = self.report
        context["status_round"] = self.report.round
        context["body"] = self.report.work_plan.body
        context["can_change"] = user.has_perm("statusreports.change_status_report", self.report)
        context["can_review"] = user.has_perm("statusreports.review_status_report", self.report)
        context["can_feedback"] = user.has_perm("statusreports.give_status_feedback", self.report)
        return context
