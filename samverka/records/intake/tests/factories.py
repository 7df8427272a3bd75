"""Helpers for the intake tests: registrations with and without a secrecy marking, incoming items."""

from typing import Any

from samverka.platform.spaces.models import Space
from samverka.records.intake.models import IncomingItem
from samverka.records.registry import services as registry
from samverka.records.registry.models import RegisteredDocument
from samverka.records.registry.testing import make_case, make_document
from samverka.testing.factories import make_user

SECRET_COUNTERPART = "Hemliga Hilda Hansson"
SECRET_SUBJECT = "Uppgifter om enskilds hälsa"


def make_marked_document(space: Space, **extra: Any) -> RegisteredDocument:
    """A registered document whose sender and subject are masked by a secrecy marking."""
    case = extra.pop("case", None) or make_case(space=space, title="Ärende med sekretess")
    document = make_document(case=case, counterpart=SECRET_COUNTERPART, subject=SECRET_SUBJECT, **extra)
    registrar = make_user(role_in=space, role="registrar")
    registry.secrecy_mark(
        actor=registrar,
        document=document,
        provision="OSL 21 kap. 7 §",
        authority="Region Sörmland",
        masks_counterpart=True,
        masks_subject=True,
    )
    return document


def make_item(space: Space, **extra: Any) -> IncomingItem:
    extra.setdefault("channel", "contact_form")
    extra.setdefault("sender_name", "Karin Karlsson")
    extra.setdefault("sender_email", "karin@example.se")
    extra.setdefault("subject", "Fråga om validering")
    extra.setdefault("text", "Hur ansöker vi om medel för validering?")
    return IncomingItem.objects.create(space=space, **extra)
