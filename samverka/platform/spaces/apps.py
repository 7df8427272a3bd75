from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "samverka.platform.spaces"
    label = "spaces"
    verbose_name = _("Spaces")

    def ready(self) -> None:
        from samverka.platform.accounts.profile import Panel, profile_page
        from samverka.platform.core import audit
        from samverka.platform.spaces.profile import profile_panel

        audit.register("spaces.space", history=True)
        audit.register("spaces.spacemembership")
        profile_page.register(Panel(key="spaces", template="spaces/profile_panel.html", context=profile_panel))
