from django.urls import path

from samverka.platform.spaces import views

app_name = "spaces"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("s/switch/", views.SpaceSwitchView.as_view(), name="switch"),
    path("s/<slug:space>/", views.SpaceDetailView.as_view(), name="detail"),
    path("s/<slug:space>/members/", views.SpaceMembersView.as_view(), name="members"),
    path("s/<slug:space>/members/<int:pk>/", views.SpaceMemberEditView.as_view(), name="member-edit"),
    path("s/<slug:space>/audit/", views.SpaceAuditView.as_view(), name="audit"),
]
