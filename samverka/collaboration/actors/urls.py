from django.urls import path

from samverka.collaboration.actors import views

app_name = "actors"
urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/export.csv", views.OrganisationExportView.as_view(), name="organisation-export"),
    path("organisations/lookup/", views.OrganisationLookupView.as_view(), name="organisation-lookup"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("organisations/<int:pk>/edit/", views.OrganisationUpdateView.as_view(), name="organisation-update"),
    path("organisations/<int:pk>/contacts/new/", views.ContactCreateView.as_view(), name="contact-create"),
    path(
        "organisations/<int:pk>/contacts/<int:contact>/edit/",
        views.ContactUpdateView.as_view(),
        name="contact-update",
    ),
    path("geo/<str:level>.geojson", views.GeoJsonView.as_view(), name="geojson"),
    path("s/<slug:space>/landscape/", views.LandscapeView.as_view(), name="landscape"),
    path(
        "s/<slug:space>/landscape/memberships.csv",
        views.LandscapeMembershipExportView.as_view(),
        name="landscape-memberships-export",
    ),
    path("s/<slug:space>/landscape/publish/", views.LandscapePublishView.as_view(), name="landscape-publish"),
    path("s/<slug:space>/landscape/revisions/", views.RevisionListView.as_view(), name="revision-list"),
    path(
        "s/<slug:space>/landscape/revisions/<int:number>/",
        views.RevisionDetailView.as_view(),
        name="revision-detail",
    ),
    path("s/<slug:space>/landscape/compare/", views.RevisionCompareView.as_view(), name="revision-compare"),
    path("s/<slug:space>/landscape/suggest/", views.SuggestionCreateView.as_view(), name="suggestion-create"),
    path("s/<slug:space>/landscape/suggestions/", views.SuggestionListView.as_view(), name="suggestion-list"),
    path(
        "s/<slug:space>/landscape/suggestions/<int:pk>/accept/",
        views.SuggestionAcceptView.as_view(),
        name="suggestion-accept",
    ),
    path(
        "s/<slug:space>/landscape/suggestions/<int:pk>/decide/",
        views.SuggestionDecideView.as_view(),
        name="suggestion-decide",
    ),
]
