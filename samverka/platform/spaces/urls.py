from django.urls import path

from samverka.platform.spaces import views

app_name = "spaces"
urlpatterns = [
    path("switch/", views.SpaceSwitchView.as_view(), name="switch"),
    path("<slug:space>/", views.SpaceDetailView.as_view(), name="detail"),
    path("<slug:space>/members/", views.SpaceMembersView.as_view(), name="members"),
    path("<slug:space>/members/<int:pk>/", views.SpaceMemberEditView.as_view(), name="member-edit"),
    path("<slug:space>/audit/", views.SpaceAuditView.as_view(), name="audit"),
]
