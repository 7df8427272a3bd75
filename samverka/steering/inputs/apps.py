from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InputsConfig(AppConfig):
    name = "samverka.steering.inputs"
    label = "inputs"
    verbose_name = _("Inputs from the regions")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("inputs.input")
        audit.register("inputs.inputattachment")
        audit.register("inputs.consideration")
        audit.register("inputs.feedbackreport", exclude=("content",))
        audit.register("inputs.evaluation")
