"""Registry rows for retention tests, made through the real models (the registry's services are A's)."""

import hashlib
import itertools
from datetime import date
from typing import Any

from django.core.files.base import ContentFile

from samverka.platform.spaces.models import Space
from samverka.records.registry.models import (
    Case,
    CaseStatus,
    Direction,
    DocumentFile,
    RegisteredDocument,
    RegistrationSeries,
    SecrecyMarking,
)
from samverka.records.retention.models import RetentionAction, RetentionRule

_seq = itertools.count(1)


def make_series(space: Space, code: str = "MSV") -> RegistrationSeries:
    series, _ = RegistrationSeries.objects.get_or_create(space=space, code=code, defaults={"name": "Diarium"})
    return series


def make_case(
    space: Space,
    user: Any,
    *,
    closed_on: date | None = date(2020, 3, 31),
    status: str | None = None,
    legal_hold: bool = False,
    title: str = "Remissvar om yrkesutbildning",
    **extra: Any,
) -> Case:
    series = make_series(space)
    return Case.objects.create(
        series=series,
        space=space,
        year=2019,
        number=next(_seq),
        title=title,
        status=status or (CaseStatus.CLOSED if closed_on else CaseStatus.PREPARATION),
        opened_on=date(2019, 5, 2),
        closed_on=closed_on,
        legal_hold=legal_hold,
        created_by=user,
        **extra,
    )


def make_document(
    case: Case,
    user: Any,
    *,
    document_type: str = "kallelse",
    counterpart: str = "Anna Andersson",
    content: bytes | None = b"%PDF-1.4 kallelse",
    name: str = "kallelse.pdf",
    **extra: Any,
) -> RegisteredDocument:
    number = case.documents.count() + 1
    document = RegisteredDocument.objects.create(
        case=case,
        number=number,
        direction=extra.pop("direction", Direction.INCOMING),
        subject=extra.pop("subject", "Kallelse till möte"),
        counterpart=counterpart,
        received_on=extra.pop("received_on", date(2019, 6, 1)),
        document_type=document_type,
        registered_by=user,
        **extra,
    )
    if content is not None:
        stored = DocumentFile(
            document=document,
            version=1,
            name=name,
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=user,
        )
        stored.file.save(name, ContentFile(content), save=False)
        stored.save()
    return document


def mark_secret(document: RegisteredDocument, user: Any, provision: str = "OSL 21 kap. 7 §") -> SecrecyMarking:
    return SecrecyMarking.objects.create(
        document=document, provision=provision, marked_on=date(2019, 6, 2), authority="Region Sörmland", marked_by=user
    )


def make_rule(space: Space, code: str = "kallelse", *, years: int | None = 2, **extra: Any) -> RetentionRule:
    return RetentionRule.objects.create(
        space=space,
        code=code,
        name=extra.pop("name", code.capitalize()),
        action=RetentionAction.DISPOSE if years is not None else RetentionAction.PRESERVE,
        years=years,
        disposal_decision=extra.pop("disposal_decision", "RA-MS 2021:3" if years is not None else ""),
        **extra,
    )
