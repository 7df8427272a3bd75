from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "samverka.records.intake"
    label = "intake"
    verbose_name = _("Public diary and one way in")

    def ready(self) -> None:
        from samverka.collaboration.meetings import selectors_my_page
        from samverka.platform.core import audit
        from samverka.records.intake import my_page

        audit.register("intake.incomingitem")
        audit.register("intake.incomingattachment")
        audit.register("intake.copyrequest")
        selectors_my_page.register_tasks(my_page.POSITION, my_page.triage_tasks)
