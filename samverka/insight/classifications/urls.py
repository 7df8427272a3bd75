from django.urls import path

from samverka.insight.classifications import views

app_name = "classifications"
urlpatterns = [
    path("classifications/", views.ClassificationIndexView.as_view(), name="index"),
    path("classifications/regions/", views.RegionsView.as_view(), name="regions"),
    path("classifications/regions/<str:code>/", views.RegionView.as_view(), name="region"),
    path("classifications/<slug:scheme>/", views.SchemeView.as_view(), name="scheme"),
    path("classifications/<slug:scheme>/<str:code>/", views.ItemView.as_view(), name="item"),
]
