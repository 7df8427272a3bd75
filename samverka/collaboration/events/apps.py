from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "samverka.collaboration.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("events.event", history=True)
        audit.register("events.session")
        audit.register("events.registration", exclude=("cancel_token",))
