from samverka.steering.goals.views.edit import (
    GoalCreateView,
    GoalDeleteView,
    GoalRetireView,
    GoalReviseView,
    GoalUpdateView,
    MetricCreateView,
    MetricUpdateView,
    MetricValueCreateView,
)
from samverka.steering.goals.views.pages import GoalChangesView, GoalDetailView, GoalListView, PublicGoalDashboardView

__all__ = [
    "GoalChangesView",
    "GoalCreateView",
    "GoalDeleteView",
    "GoalDetailView",
    "GoalListView",
    "GoalRetireView",
    "GoalReviseView",
    "GoalUpdateView",
    "MetricCreateView",
    "MetricUpdateView",
    "MetricValueCreateView",
    "PublicGoalDashboardView",
]
