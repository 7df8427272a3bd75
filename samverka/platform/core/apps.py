from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samverka.platform.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Every app declares its rules in permissions.py; load them all at start-up
        # so a rule is never missing because nothing imported its module yet.
        for config in apps.get_app_configs():
            if config.name.startswith("samverka.") and find_spec(f"{config.name}.permissions"):
                import_module(f"{config.name}.permissions")
        # Each app registers its own audited models in its ready(); core only fills in who made a change.
        from samverka.platform.core.audit import connect_actor

        connect_actor()
        from config.formats import install_grouping_threshold  # Swedish digit grouping (config/formats)

        install_grouping_threshold()
