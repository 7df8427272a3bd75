from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "samverka.collaboration.calendars"
    label = "calendars"
    verbose_name = _("Calendars")

    def ready(self) -> None:
        from samverka.platform.core import audit

        # The calendar address is itself a secret, the file is large, and the read times change on every refresh.
        audit.register(
            "calendars.freebusysource", exclude=("url", "content", "last_fetched_at", "busy_count", "last_error")
        )
        audit.register("calendars.schedulingpoll")
        audit.register("calendars.polloption")
        audit.register("calendars.pollinvitee", exclude=("token_nonce",))
