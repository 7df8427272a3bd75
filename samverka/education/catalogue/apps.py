from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "samverka.education.catalogue"
    label = "catalogue"
    verbose_name = _("Education catalogue")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("catalogue.provider", history=True)
        audit.register("catalogue.education", history=True)
        audit.register("catalogue.offering", history=True, exclude=["county_code", "hidden_after", "search_text"])
        audit.register("catalogue.educationoccupation")
        audit.register("catalogue.offeringoccupation")
        audit.register("catalogue.municipaleditor")
