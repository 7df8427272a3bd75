from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "samverka.steering.goals"
    label = "goals"
    verbose_name = _("Goals")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("goals.goal", history=True)
        audit.register("goals.metric")
        audit.register("goals.metricvalue")
