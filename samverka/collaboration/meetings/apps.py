from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samverka.collaboration.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("meetings.meeting", history=True)
        audit.register("meetings.agendaitem")
        audit.register("meetings.agendadocument")
        audit.register("meetings.invitation", exclude=("token_nonce",))
        audit.register("meetings.attendance")
        audit.register("meetings.minutesversion")
        audit.register("meetings.minutes")
        audit.register("meetings.approval")
        audit.register("meetings.decision", history=True)
        audit.register("meetings.actionitem")
