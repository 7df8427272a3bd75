from django.urls import path

from samverka.insight.indicators import views

app_name = "indicators"
urlpatterns = [
    path("s/<slug:space>/statistics/indicators/", views.IndicatorPageView.as_view(), name="indicator-page"),
    path("s/<slug:space>/statistics/outlook/", views.ScenarioListView.as_view(), name="scenario-list"),
    path("s/<slug:space>/statistics/outlook/new/", views.ScenarioCreateView.as_view(), name="scenario-create"),
    path("s/<slug:space>/statistics/outlook/<int:pk>/", views.ScenarioDetailView.as_view(), name="scenario-detail"),
]
