from django.urls import path

from samverka.core.views import HomeView

app_name = "bodies"
# Placeholder routes; the bodies views replace these.
urlpatterns = [
    path("s/<slug:space>/bodies/", HomeView.as_view(), name="body-list"),
    path("s/<slug:space>/overview/", HomeView.as_view(), name="system-overview"),
]
