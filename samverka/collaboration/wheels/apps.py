from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_shipped_templates(sender: AppConfig, **kwargs: Any) -> None:
    """After every migrate (and test-database flush) the shipped templates are in the database."""
    from samverka.collaboration.wheels.services import sync_wheel_templates

    sync_wheel_templates()


class WheelsConfig(AppConfig):
    name = "samverka.collaboration.wheels"
    label = "wheels"
    verbose_name = _("Annual wheels")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("wheels.adoption")
        post_migrate.connect(_sync_shipped_templates, sender=self, dispatch_uid="wheels-sync-templates")
