from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "samverka.records.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("registry.registrationseries")
        audit.register("registry.case")
        audit.register("registry.caseevent")
        audit.register("registry.registereddocument")
        audit.register("registry.documentfile")
        audit.register("registry.secrecymarking")
        audit.register("registry.secrecygrant")
        audit.register("registry.dispatch")
