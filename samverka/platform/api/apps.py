from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samverka.platform.api"
    label = "api"
    verbose_name = _("Api")

    def ready(self) -> None:
        from samverka.platform.api import schema  # noqa: F401  (registers the OpenAPI extensions)
