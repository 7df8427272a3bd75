from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "samverka.education.cohorts"
    label = "cohorts"
    verbose_name = _("Cohort follow-up")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("cohorts.cohort", history=True)
        audit.register("cohorts.cohortbreakdown")
        audit.register("cohorts.cohortoutcome")
        audit.register("cohorts.cohortoutcomefigure")
