from django.urls import path

from samverka.collaboration.bodies import views

app_name = "bodies"
urlpatterns = [
    path("s/<slug:space>/bodies/", views.BodyListView.as_view(), name="body-list"),
    path("s/<slug:space>/bodies/new/", views.BodyCreateView.as_view(), name="body-create"),
    path("s/<slug:space>/bodies/<int:pk>/", views.BodyDetailView.as_view(), name="body-detail"),
    path("s/<slug:space>/bodies/<int:pk>/edit/", views.BodyUpdateView.as_view(), name="body-update"),
    path("s/<slug:space>/bodies/<int:pk>/close/", views.BodyCloseView.as_view(), name="body-close"),
    path("s/<slug:space>/bodies/<int:pk>/members/new/", views.MembershipCreateView.as_view(), name="membership-create"),
    path(
        "s/<slug:space>/bodies/<int:pk>/members/<int:membership>/edit/",
        views.MembershipUpdateView.as_view(),
        name="membership-update",
    ),
    path(
        "s/<slug:space>/bodies/<int:pk>/members/<int:membership>/end/",
        views.MembershipEndView.as_view(),
        name="membership-end",
    ),
    path("s/<slug:space>/bodies/<int:pk>/people/lookup/", views.ContactLookupView.as_view(), name="contact-lookup"),
    path("bodies/lookup/organisations/", views.OrganisationLookupView.as_view(), name="organisation-lookup"),
    path("s/<slug:space>/overview/", views.SystemOverviewView.as_view(), name="system-overview"),
    path("s/<slug:space>/overview/bodies.csv", views.SystemOverviewExportView.as_view(), name="system-overview-export"),
]
