from django.urls import path

from samverka.collaboration.meetings import urls_follow_up
from samverka.collaboration.meetings.views import agenda, invitations, meetings

app_name = "meetings"
M = "s/<slug:space>/meetings/<int:pk>/"
urlpatterns: list = [
    path("s/<slug:space>/meetings/", meetings.SpaceMeetingListView.as_view(), name="space-meetings"),
    path("s/<slug:space>/bodies/<int:body>/meetings/", meetings.BodyMeetingListView.as_view(), name="body-meetings"),
    path("s/<slug:space>/bodies/<int:body>/meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting-create"),
    path(M, meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path(M + "edit/", meetings.MeetingUpdateView.as_view(), name="meeting-update"),
    path(M + "cancel/", meetings.MeetingCancelView.as_view(), name="meeting-cancel"),
    path(M + "kallelse.pdf", meetings.InvitationPdfView.as_view(), name="invitation-pdf"),
    path(M + "foredragningslista.pdf", meetings.AgendaPdfView.as_view(), name="agenda-pdf"),
    path(M + "agenda/new/", agenda.AgendaItemCreateView.as_view(), name="agenda-item-create"),
    path(M + "agenda/<int:item>/edit/", agenda.AgendaItemUpdateView.as_view(), name="agenda-item-update"),
    path(M + "agenda/<int:item>/move/", agenda.AgendaItemMoveView.as_view(), name="agenda-item-move"),
    path(M + "agenda/<int:item>/remove/", agenda.AgendaItemRemoveView.as_view(), name="agenda-item-remove"),
    path(
        M + "agenda/<int:item>/documents/new/",
        agenda.AgendaDocumentCreateView.as_view(),
        name="agenda-document-create",
    ),
    path(M + "documents/<int:document>/", agenda.AgendaDocumentDownloadView.as_view(), name="agenda-document"),
    path(
        M + "documents/<int:document>/visibility/",
        agenda.AgendaDocumentVisibilityView.as_view(),
        name="agenda-document-visibility",
    ),
    path(
        M + "documents/<int:document>/remove/",
        agenda.AgendaDocumentRemoveView.as_view(),
        name="agenda-document-remove",
    ),
    path(M + "invite/", invitations.InvitationSendView.as_view(), name="invitation-send"),
    path(M + "answers/", invitations.InvitationListView.as_view(), name="invitation-list"),
    path(M + "my-answer/", invitations.MyAnswerView.as_view(), name="my-answer"),
    path("meetings/answer/<str:token>/", invitations.RsvpView.as_view(), name="rsvp"),
]
urlpatterns += urls_follow_up.urlpatterns
