from django.urls import path

from samverka.platform.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("token/", views.TokenView.as_view(), name="token"),
]
