from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "samverka.collaboration.bodies"
    label = "bodies"
    verbose_name = _("Bodies")

    def ready(self) -> None:
        from samverka.collaboration.actors import memberships
        from samverka.collaboration.bodies import landscape
        from samverka.collaboration.bodies.dashboard import space_panel
        from samverka.platform.core import audit
        from samverka.platform.spaces import dashboard

        audit.register("bodies.body", history=True)
        audit.register("bodies.membership", history=True)
        dashboard.space_page.register(
            dashboard.Panel(key="bodies", template="bodies/space_panel.html", context=space_panel, order=10)
        )
        memberships.provide(landscape)  # the landscape map and the organisation page read memberships
