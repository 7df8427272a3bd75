"""Routes of the cohort follow-up (the space's pages only: there is no public page)."""

from samverka.education.cohorts.views import official, space

app_name = "cohorts"

urlpatterns = [*space.urlpatterns, *official.urlpatterns]
