from django.urls import path

from samverka.platform.notifications import views

app_name = "notifications"
urlpatterns = [
    path("s/<slug:space>/outbox/", views.SpaceOutboxListView.as_view(), name="outbox"),
    path("s/<slug:space>/outbox/<int:pk>/", views.SpaceOutboxMessageDetailView.as_view(), name="outbox-message"),
    path("s/<slug:space>/outbox/<int:pk>/retry/", views.SpaceOutboxMessageRetryView.as_view(), name="outbox-retry"),
    path("outbox/", views.OutboxListView.as_view(), name="outbox"),
    path("outbox/<int:pk>/", views.OutboxMessageDetailView.as_view(), name="outbox-message"),
    path("outbox/<int:pk>/retry/", views.OutboxMessageRetryView.as_view(), name="outbox-retry"),
]
