"""Routes of knowledge nodes: the public page, and the space's list, node pages, forms and coverage."""

from samverka.education.knowledgenodes.views import public, space

app_name = "knowledgenodes"

urlpatterns = [*public.urlpatterns, *space.urlpatterns]
