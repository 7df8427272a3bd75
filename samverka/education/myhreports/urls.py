"""Routes of the yearly reports to MYH."""

from samverka.education.myhreports import views

app_name = "myhreports"

urlpatterns = views.urlpatterns
