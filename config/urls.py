from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("samverka.core.urls")),
    path("", include("samverka.actors.urls")),
    path("", include("samverka.bodies.urls")),
    path("", include("samverka.notifications.urls")),
    path("", include("samverka.meetings.urls")),
    path("", include("samverka.calendars.urls")),
    path("", include("samverka.wheels.urls")),
    path("", include("samverka.events.urls")),
    path("", include("samverka.goals.urls")),
    path("", include("samverka.workplans.urls")),
    path("", include("samverka.statusreports.urls")),
    path("", include("samverka.inputs.urls")),
    path("", include("samverka.registry.urls")),
    path("", include("samverka.intake.urls")),
    path("", include("samverka.questions.urls")),
    path("", include("samverka.retention.urls")),
    path("", include("samverka.classifications.urls")),
    path("", include("samverka.indicators.urls")),  # before statistics: /statistics/indicators/ is not a dataset
    path("", include("samverka.statistics.urls")),
    path("", include("samverka.analyses.urls")),
    path("", include("samverka.search.urls")),
    path("s/", include("samverka.spaces.urls")),
    path("profile/", include("samverka.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/", include("samverka.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "samverka.core.views.permission_denied"
handler404 = "samverka.core.views.page_not_found"
handler500 = "samverka.core.views.server_error"
