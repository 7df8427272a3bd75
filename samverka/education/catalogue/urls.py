"""Routes of the education catalogue: the public search, the space's catalogue and editing, the EMIL3 import
and the planner views. Each part keeps its routes beside its views."""

from samverka.education.catalogue.views import editing, imports, planner, public

app_name = "catalogue"

urlpatterns = [
    *public.urlpatterns,
    *editing.urlpatterns,
    *imports.urlpatterns,
    *planner.urlpatterns,
]
