from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusreportsConfig(AppConfig):
    name = "samverka.steering.statusreports"
    label = "statusreports"
    verbose_name = _("Status reports")
