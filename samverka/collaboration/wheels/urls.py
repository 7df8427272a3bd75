from django.urls import path

from samverka.collaboration.wheels import views

app_name = "wheels"
urlpatterns = [
    path("s/<slug:space>/wheel/", views.SpaceWheelView.as_view(), name="space-wheel"),
    path("s/<slug:space>/bodies/<int:pk>/wheel/", views.BodyWheelView.as_view(), name="body-wheel"),
    path("s/<slug:space>/bodies/<int:pk>/wheel/adopt/", views.WheelAdoptView.as_view(), name="wheel-adopt"),
]
