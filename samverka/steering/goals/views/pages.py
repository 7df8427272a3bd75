"""Goal pages: the year's goals, a goal with its metrics and history, changes since last year,
and the public goal dashboard."""

from typing import Any

from django.db.models import QuerySet
from django.views.generic import DetailView, TemplateView

from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.core.views import CachedObjectMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.steering.goals import selectors
from samverka.steering.goals.models import Goal
from samverka.steering.goals.services import goal_delete_blockers


def chosen_year(request: Any, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return selectors.default_year(years)
    return year if 2000 <= year <= 2100 else selectors.default_year(years)


class GoalObjectMixin(SpaceMixin, CachedObjectMixin, PermissionMixin):
    """A goal of the URL's space that the user may see (else 404); it is also the permission object."""

    model = Goal
    context_object_name: str | None = "goal"
    kwargs: dict[str, Any]

    def get_queryset(self) -> QuerySet[Goal]:
        return selectors.goal_detail_queryset(self.space, self.request.user)

    @property
    def goal(self) -> Goal:
        return self.get_object()  # type: ignore[no-any-return]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = self.goal
        context = super().get_context_data(**kwargs)
        context["goal"] = self.goal
        return context


class GoalListView(SpaceMixin, PermissionMixin, TemplateView):
    """The space's effect goals of a year with their result goals, and each metric's latest value."""

    permission_required = "goals.view_space_goals"
    template_name = "goals/goal_list.html"

    def get_permission_object(self) -> Any:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        years = selectors.goal_years(self.space, user)
        year = chosen_year(self.request, years)
        rows, orphans = selectors.goal_tree(self.space, user, year)
        context.update(
            years=years,
            year=year,
            rows=rows,
            orphans=orphans,
            can_add=user.has_perm("goals.add_goal", self.space),
            can_revise=user.has_perm("goals.revise_goals", self.space),
        )
        return context


class GoalDetailView(GoalObjectMixin, DetailView):  # type: ignore[type-arg]
    permission_required = "goals.view_goal"
    template_name = "goals/goal_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        goal, user = self.goal, self.request.user
        metrics = selectors.goal_metrics(goal)
        for metric in metrics:
            values = list(metric.values.all())
            metric.value_list = values  # type: ignore[attr-defined]
            metric.chart = selectors.metric_chart(metric, values)  # type: ignore[attr-defined]
        can_change = user.has_perm("goals.change_goal", goal)
        # Last year's version may not be public although this one is: then its content stays hidden.
        previous_visible = goal.previous is not None and user.has_perm("goals.view_goal", goal.previous)
        context.update(
            previous_visible=previous_visible,
            metrics=metrics,
            history=selectors.goal_history(goal, user),
            changes=selectors.goal_changes(goal) if previous_visible else [],
            result_goals=selectors.result_goals_of(goal, user) if goal.is_effect else [],
            parent_visible=goal.parent is not None and user.has_perm("goals.view_goal", goal.parent),
            decision_visible=goal.decision is not None
            and goal.decision.meeting_id is not None
            and user.has_perm("meetings.view_meeting", goal.decision.meeting),
            can_change=can_change,
            can_record=user.has_perm("goals.record_metric_value", goal),
            can_delete=can_change and not goal_delete_blockers(goal),
        )
        return context


class GoalChangesView(SpaceMixin, PermissionMixin, TemplateView):
    """What changed in the year's goals since last year: new, changed (with what), retired, dropped."""

    permission_required = "goals.view_space_goals"
    template_name = "goals/goal_changes.html"

    def get_permission_object(self) -> Any:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        years = selectors.goal_years(self.space, self.request.user)
        year = chosen_year(self.request, years)
        context.update(years=years, year=year, changes=selectors.year_changes(self.space, self.request.user, year))
        return context


class PublicGoalDashboardView(SpaceMixin, PermissionMixin, TemplateView):
    """The goals the space marks public: status, latest measured values and history across years."""

    permission_required = PUBLIC
    template_name = "goals/public_dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["entries"] = selectors.public_dashboard(self.space)
        return context
