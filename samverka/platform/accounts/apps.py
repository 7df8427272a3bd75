from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samverka.platform.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("accounts.user", exclude=("password", "last_login"))
        from samverka.platform.accounts import signals  # noqa: F401 (connects the receivers)
