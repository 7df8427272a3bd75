from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "samverka.education.orders"
    label = "orders"
    verbose_name = _("Education orders")

    def ready(self) -> None:
        from samverka.platform.core import audit

        audit.register("orders.educationorder", history=True)
        audit.register("orders.orderoccupation")
        audit.register("orders.orderaddressee")
        audit.register("orders.orderconsultation")
        audit.register("orders.orderagendaitem")
