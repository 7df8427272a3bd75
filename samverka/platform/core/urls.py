from django.urls import path

from samverka.platform.core import views

app_name = "core"
urlpatterns = [
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("healthz/", views.HealthView.as_view(), name="health"),
    path("history/<str:model>/<int:pk>/", views.ObjectHistoryView.as_view(), name="history"),
]
