from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValidationConfig(AppConfig):
    name = "samverka.education.validation"
    label = "validation"
    verbose_name = _("Validation")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("validation.validationoffer", history=True, exclude=["search_text"])
        audit.register("validation.validationofferoccupation")
        audit.register("validation.validationoutcome", history=True)
        audit.register("validation.validationsettings")
        audit.register("validation.validationparticipant")
