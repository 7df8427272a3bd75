from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "samverka.records.intake"
    label = "intake"
    verbose_name = _("Public diary and one way in")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("intake.incomingitem")
        audit.register("intake.incomingattachment")
        audit.register("intake.copyrequest")
