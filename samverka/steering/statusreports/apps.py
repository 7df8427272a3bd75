from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusreportsConfig(AppConfig):
    name = "samverka.steering.statusreports"
    label = "statusreports"
    verbose_name = _("Status reports")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("statusreports.statusround")
        audit.register("statusreports.statusreport")
        audit.register("statusreports.activitystatus")
        audit.register("statusreports.feedback")
        audit.register("statusreports.reportevent")
