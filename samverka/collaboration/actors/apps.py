from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "samverka.collaboration.actors"
    label = "actors"
    verbose_name = _("Actors")

    def ready(self) -> None:
        from samverka.collaboration.actors.dashboard import space_panel
        from samverka.platform.core import audit
        from samverka.platform.spaces import dashboard

        audit.register("actors.organisation", exclude=("normalised_name",), history=True)
        audit.register("actors.contact", history=True)
        audit.register("actors.landscaperevision", exclude=("snapshot",))
        audit.register("actors.correctionsuggestion")
        dashboard.space_page.register(
            dashboard.Panel(key="actors", template="actors/space_panel.html", context=space_panel, order=20)
        )
