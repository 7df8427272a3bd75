"""Test helpers for the registry, also for the apps built on it (intake, retention)."""

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.platform.spaces.models import Space
from samverka.records.registry import services
from samverka.records.registry.models import Case, CaseType, Direction, RegisteredDocument, RegistrationSeries

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "skrivelse.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_series(*, space: Space, code: str = "MSV", name: str = "Diarium") -> RegistrationSeries:
    series, _created = RegistrationSeries.objects.get_or_create(space=space, code=code, defaults={"name": name})
    return series


def make_case(*, space: Space, title: str = "Regeringsuppdrag om kompetensförsörjning", **extra: Any) -> Case:
    series = extra.pop("series", None) or make_series(space=space)
    extra.setdefault("case_type", CaseType.GOVERNMENT_ASSIGNMENT)
    return services.case_register(actor=None, series=series, title=title, **extra)


def make_document(*, case: Case, **extra: Any) -> RegisteredDocument:
    extra.setdefault("direction", Direction.INCOMING)
    extra.setdefault("subject", "Skrivelse om samverkan")
    extra.setdefault("counterpart", "Anna Andersson")
    if extra["direction"] == Direction.INCOMING:
        extra.setdefault("received_on", date(2026, 3, 2))
    return services.document_register(actor=None, case=case, **extra)
