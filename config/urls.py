from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("samverka.platform.core.urls")),
    path("", include("samverka.collaboration.actors.urls")),
    path("", include("samverka.collaboration.bodies.urls")),
    path("", include("samverka.platform.notifications.urls")),
    path("", include("samverka.collaboration.meetings.urls")),
    path("", include("samverka.collaboration.calendars.urls")),
    path("", include("samverka.collaboration.wheels.urls")),
    path("", include("samverka.collaboration.events.urls")),
    path("", include("samverka.steering.goals.urls")),
    path("", include("samverka.steering.workplans.urls")),
    path("", include("samverka.steering.statusreports.urls")),
    path("", include("samverka.steering.inputs.urls")),
    path("", include("samverka.records.registry.urls")),
    path("", include("samverka.records.intake.urls")),
    path("", include("samverka.records.questions.urls")),
    path("", include("samverka.records.retention.urls")),
    path("", include("samverka.insight.classifications.urls")),
    path(
        "", include("samverka.insight.indicators.urls")
    ),  # before statistics: /statistics/indicators/ is not a dataset
    path("", include("samverka.insight.statistics.urls")),
    path("", include("samverka.insight.analyses.urls")),
    path("", include("samverka.education.catalogue.urls")),
    path("", include("samverka.education.validation.urls")),
    path("", include("samverka.education.orders.urls")),
    path("", include("samverka.education.cohorts.urls")),
    path("", include("samverka.education.knowledgenodes.urls")),
    path("", include("samverka.education.myhreports.urls")),
    path("", include("samverka.education.glossary.urls")),
    path("", include("samverka.platform.search.urls")),
    path("", include("samverka.platform.spaces.urls")),  # the start page and /s/<space>/…
    path("profile/", include("samverka.platform.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/", include("samverka.platform.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "samverka.platform.core.views.bad_request"
handler403 = "samverka.platform.core.views.permission_denied"
handler404 = "samverka.platform.core.views.page_not_found"
handler500 = "samverka.platform.core.views.server_error"
