from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo installation: people, spaces and a year of collaboration built through each app's services."""

    name = "samverka.demo"
    label = "demo"
    verbose_name = _("Demo data")
