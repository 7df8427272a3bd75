from django.urls import path

from samverka.steering.goals import views

app_name = "goals"
urlpatterns = [
    path("s/<slug:space>/goals/", views.GoalListView.as_view(), name="goal-list"),
    path("s/<slug:space>/goals/public/", views.PublicGoalDashboardView.as_view(), name="public-dashboard"),
    path("s/<slug:space>/goals/changes/", views.GoalChangesView.as_view(), name="goal-changes"),
    path("s/<slug:space>/goals/new/", views.GoalCreateView.as_view(), name="goal-create"),
    path("s/<slug:space>/goals/revise/", views.GoalReviseView.as_view(), name="goal-revise"),
    path("s/<slug:space>/goals/<int:pk>/", views.GoalDetailView.as_view(), name="goal-detail"),
    path("s/<slug:space>/goals/<int:pk>/edit/", views.GoalUpdateView.as_view(), name="goal-update"),
    path("s/<slug:space>/goals/<int:pk>/retire/", views.GoalRetireView.as_view(), name="goal-retire"),
    path("s/<slug:space>/goals/<int:pk>/delete/", views.GoalDeleteView.as_view(), name="goal-delete"),
    path("s/<slug:space>/goals/<int:pk>/metrics/new/", views.MetricCreateView.as_view(), name="metric-create"),
    path(
        "s/<slug:space>/goals/<int:pk>/metrics/<int:metric>/edit/",
        views.MetricUpdateView.as_view(),
        name="metric-update",
    ),
    path(
        "s/<slug:space>/goals/<int:pk>/metrics/<int:metric>/values/new/",
        views.MetricValueCreateView.as_view(),
        name="metric-value-create",
    ),
]
