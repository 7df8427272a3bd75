from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusreportsConfig(AppConfig):
    name = "samverka.steering.statusreports"
    label = "statusreports"
    verbose_name = _("Status reports")

    def ready(self) -> None:
        from samverka.collaboration.meetings import selectors_my_page
        from samverka.platform.core import audit
        from samverka.steering.statusreports import my_page

        audit.register("statusreports.statusround")
        audit.register("statusreports.statusreport")
        audit.register("statusreports.activitystatus")
        audit.register("statusreports.feedback")
        audit.register("statusreports.reportevent")
        selectors_my_page.register_tasks(my_page.POSITION, my_page.report_tasks)
        selectors_my_page.register_overseen("reports", my_page.overdue_reports)
