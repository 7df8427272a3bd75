from django.urls import path

from samverka.core.views import HomeView

app_name = "actors"
# Placeholder routes; the actor register views replace these.
urlpatterns = [
    path("organisations/", HomeView.as_view(), name="organisation-list"),
    path("s/<slug:space>/landscape/", HomeView.as_view(), name="landscape"),
    path("s/<slug:space>/landscape/suggestions/", HomeView.as_view(), name="suggestion-list"),
]
