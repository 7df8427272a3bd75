from django.urls import path

from samverka.collaboration.calendars import views

app_name = "calendars"
urlpatterns = [
    path("calendar/", views.FeedsView.as_view(), name="feeds"),
    path("calendar/public.ics", views.PublicFeedView.as_view(), name="public-events-feed"),
    path("calendar/sources/", views.SourceListView.as_view(), name="source-list"),
    path("calendar/sources/<int:pk>/refresh/", views.SourceRefreshView.as_view(), name="source-refresh"),
    path("calendar/sources/<int:pk>/delete/", views.SourceDeleteView.as_view(), name="source-delete"),
    path("cal/<str:token>.ics", views.PersonalFeedView.as_view(), name="personal-feed"),
    path("s/<slug:space>/calendar.ics", views.SpaceFeedView.as_view(), name="space-feed"),
    path("s/<slug:space>/bodies/<int:pk>/calendar.ics", views.BodyFeedView.as_view(), name="body-feed"),
    path("s/<slug:space>/bodies/<int:pk>/polls/new/", views.PollCreateView.as_view(), name="poll-create"),
    path("s/<slug:space>/polls/<int:pk>/", views.PollDetailView.as_view(), name="poll-detail"),
    path("s/<slug:space>/polls/<int:pk>/answer/", views.PollAnswerView.as_view(), name="poll-answer"),
    path("s/<slug:space>/polls/<int:pk>/choose/", views.PollChooseView.as_view(), name="poll-choose"),
    path("poll/answer/<str:token>/", views.PollAnswerLinkView.as_view(), name="poll-answer-link"),
]
