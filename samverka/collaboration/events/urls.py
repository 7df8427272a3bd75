from django.urls import path

from samverka.collaboration.events import views

app_name = "events"
_EVENT = "s/<slug:space>/events/<int:pk>/"
urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/event.ics", views.EventIcsView.as_view(), name="event-ics"),
    path("events/cancel/<str:token>/", views.RegistrationCancelLinkView.as_view(), name="registration-cancel"),
    path("s/<slug:space>/events/", views.SpaceEventListView.as_view(), name="space-event-list"),
    path("s/<slug:space>/events/new/", views.EventCreateView.as_view(), name="event-create"),
    path(_EVENT + "edit/", views.EventUpdateView.as_view(), name="event-update"),
    path(_EVENT + "publish/", views.EventPublishView.as_view(), name="event-publish"),
    path(_EVENT + "cancel/", views.EventCancelView.as_view(), name="event-cancel"),
    path(_EVENT + "sessions/new/", views.SessionCreateView.as_view(), name="session-create"),
    path(_EVENT + "sessions/<int:session>/edit/", views.SessionUpdateView.as_view(), name="session-update"),
    path(_EVENT + "sessions/<int:session>/remove/", views.SessionRemoveView.as_view(), name="session-remove"),
    path(_EVENT + "registrations/", views.RegistrationListView.as_view(), name="registration-list"),
    path(_EVENT + "registrations/export.csv", views.RegistrationCsvView.as_view(), name="registration-export-csv"),
    path(_EVENT + "registrations/export.xlsx", views.RegistrationXlsxView.as_view(), name="registration-export-xlsx"),
    path(
        _EVENT + "registrations/<int:registration>/cancel/",
        views.RegistrationCancelView.as_view(),
        name="registration-cancel-by-organiser",
    ),
]
