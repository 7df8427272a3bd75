"""Routes of minutes, decisions, action items and my page (included by urls.py)."""

from django.urls import path

from samverka.collaboration.meetings.views import follow_up, minutes, my_page

_MEETING = "s/<slug:space>/meetings/<int:pk>/"

urlpatterns: list = [
    path("my/", my_page.MyPageView.as_view(), name="my-page"),
    path("s/<slug:space>/minutes/", minutes.PublicMinutesListView.as_view(), name="minutes-public-list"),
    path(_MEETING + "minutes/", minutes.MinutesDetailView.as_view(), name="minutes-detail"),
    path(_MEETING + "minutes/protokoll.pdf", minutes.MinutesPdfView.as_view(), name="minutes-pdf"),
    path(_MEETING + "minutes/edit/", minutes.MinutesEditView.as_view(), name="minutes-edit"),
    path(_MEETING + "minutes/attendance/", minutes.AttendanceView.as_view(), name="minutes-attendance"),
    path(_MEETING + "minutes/signatories/", minutes.SignatoriesView.as_view(), name="minutes-signatories"),
    path(_MEETING + "minutes/adjuster/", minutes.SignatoriesView.as_view(), name="minutes-adjuster"),
    path(_MEETING + "minutes/approve/", minutes.MinutesApproveView.as_view(), name="minutes-approve"),
    path(_MEETING + "minutes/submit/", minutes.MinutesSubmitView.as_view(), name="minutes-submit"),
    path(_MEETING + "minutes/publish/", minutes.MinutesPublishView.as_view(), name="minutes-publish"),
    path(_MEETING + "minutes/correct/", minutes.MinutesCorrectView.as_view(), name="minutes-correct"),
    path(_MEETING + "decisions/new/", follow_up.DecisionCreateView.as_view(), name="decision-create"),
    path(_MEETING + "actions/new/", follow_up.ActionItemCreateView.as_view(), name="action-create"),
    path("s/<slug:space>/decisions/<int:pk>/close/", follow_up.DecisionCloseView.as_view(), name="decision-close"),
    path("s/<slug:space>/actions/<int:pk>/status/", follow_up.ActionItemStatusView.as_view(), name="action-status"),
]
