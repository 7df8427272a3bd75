from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyhReportsConfig(AppConfig):
    name = "samverka.education.myhreports"
    label = "myhreports"
    verbose_name = _("Yearly reports to MYH")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("myhreports.reporttemplate")
        audit.register("myhreports.myhreport", history=True, exclude=["submitted_snapshot"])
        audit.register("myhreports.needentry")
        audit.register("myhreports.reportcomment")
        audit.register("myhreports.reportcorrection")
