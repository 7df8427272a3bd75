"""Routes of validation: the public search, offer and outcome table, and the space's pages."""

from samverka.education.validation.views import public, space

app_name = "validation"

urlpatterns = [*public.urlpatterns, *space.urlpatterns]
