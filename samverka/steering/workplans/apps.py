from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplansConfig(AppConfig):
    name = "samverka.steering.workplans"
    label = "workplans"
    verbose_name = _("Work plans")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("workplans.workplan")
        audit.register("workplans.activity")
        audit.register("workplans.perspectiveassessment")
