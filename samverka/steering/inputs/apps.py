from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InputsConfig(AppConfig):
    name = "samverka.steering.inputs"
    label = "inputs"
    verbose_name = _("Inputs from the regions")
