"""Every read of the retention app: the schedule, disposal candidates, runs, the log and exportable cases."""

import re
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samverka.platform.spaces.models import Space
from samverka.records.registry.models import Case, CaseStatus, DocumentFile, RegisteredDocument
from samverka.records.retention.models import (
    ArchiveDelivery,
    ArchiveDeliveryCase,
    DisposalLogEntry,
    DisposalRun,
    DisposalRunItem,
    RetentionAction,
    RetentionRule,
    RunStatus,
)

PENDING = (RunStatus.PROPOSED, RunStatus.APPROVED)


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def schedule(space: Space) -> QuerySet[RetentionRule]:
    return RetentionRule.objects.filter(space=space).order_by("code")


def document_types(space_id: int) -> dict[str, str]:
    """The document types of a space's retention schedule, code → name, in the order of their names: the
    registry's choice of type for a registered document."""
    rules = RetentionRule.objects.filter(space_id=space_id).order_by("name", "code")
    return dict(rules.values_list("code", "name"))


def _due(space: Space, today: date | None) -> tuple[QuerySet[RegisteredDocument], dict[str, RetentionRule]]:
    today = today or timezone.localdate()
    rules = {
        rule.code: rule
        for rule in RetentionRule.objects.filter(space=space, action=RetentionAction.DISPOSE, years__isnull=False)
    }
    if not rules:
        return RegisteredDocument.objects.none(), rules
    due = Q()
    for rule in rules.values():
        due |= Q(document_type=rule.code, case__closed_on__lte=years_before(today, rule.years or 0))
    documents = (
        RegisteredDocument.objects.filter(
            due,
            case__space=space,
            case__status=CaseStatus.CLOSED,
            case__legal_hold=False,
            personal_data_removed_at__isnull=True,
        )
        .exclude(pk__in=DisposalRunItem.objects.filter(run__status__in=PENDING).values("document"))
        .select_related("case__series")
        .order_by("case__year", "case__number", "number")
    )
    return documents, rules


def disposal_candidates(space: Space, *, today: date | None = None) -> list[tuple[RegisteredDocument, RetentionRule]]:
    """Documents due for disposal, each with its rule: in a CLOSED case of the space that is not under
    legal hold, not already disposed of, not in a pending run, whose type's rule says dispose and whose
    case was closed at least the rule's number of years ago. Two queries however many documents."""
    documents, rules = _due(space, today)
    return [(document, rules[document.document_type]) for document in documents]


def due_count(space: Space) -> int:
    documents, rules = _due(space, None)
    return documents.count() if rules else 0


def candidate_page(space: Space, page_number: Any, per_page: int = 100) -> tuple[Page, list[Any]]:
    """One page of the candidates (a proposal can be long) and its rows of (document, rule)."""
    documents, rules = _due(space, None)
    page = Paginator(documents, per_page).get_page(page_number)
    return page, [(document, rules[document.document_type]) for document in page.object_list]


def runs(space: Space) -> QuerySet[DisposalRun]:
    return (
        DisposalRun.objects.filter(space=space)
        .select_related("created_by", "approved_by", "executed_by", "cancelled_by")
        .annotate(item_count=Count("items"))
        .order_by("-created_at", "-pk")
    )


def run_detail_queryset(space: Space) -> QuerySet[DisposalRun]:
    return DisposalRun.objects.filter(space=space).select_related(
        "space", "created_by", "approved_by", "executed_by", "cancelled_by"
    )


def run_items(run: DisposalRun) -> QuerySet[Any]:
    return (
        run.items.select_related("document__case__series")
        .annotate(file_count=Count("document__files", filter=Q(document__files__disposed_at__isnull=True)))
        .order_by("document__case__year", "document__case__number", "document__number")
    )


def disposal_log(space: Space) -> QuerySet[DisposalLogEntry]:
    return DisposalLogEntry.objects.filter(space=space).select_related("run", "executed_by").order_by("-at", "-pk")


def exportable_cases(space: Space) -> QuerySet[Case]:
    """The space's closed cases (the only ones that may go to the archive), with when each was last
    delivered to the archive and in which delivery (None when never)."""
    last = ArchiveDeliveryCase.objects.filter(case=OuterRef("pk")).order_by("-delivery__delivered_at", "-pk")
    return (
        Case.objects.filter(space=space, status=CaseStatus.CLOSED)
        .select_related("series")
        .annotate(
            document_count=Count("documents"),
            delivered_at=Subquery(last.values("delivery__delivered_at")[:1]),
            delivery_id=Subquery(last.values("delivery_id")[:1]),
        )
        .order_by("-closed_on", "-year", "-number")
    )


def deliveries(space: Space) -> QuerySet[ArchiveDelivery]:
    """The space's deliveries to the archive, newest first."""
    return ArchiveDelivery.objects.filter(space=space).select_related("delivered_by").order_by("-delivered_at", "-pk")


def delivery_for(space: Space, pk: int) -> ArchiveDelivery:
    """A delivery of the space with its cases (404 otherwise)."""
    return get_object_or_404(
        deliveries(space).prefetch_related(
            Prefetch("cases", queryset=ArchiveDeliveryCase.objects.select_related("case").order_by("case_reference"))
        ),
        pk=pk,
    )


def export_queryset(space: Space, case_ids: list[int]) -> QuerySet[Case]:
    """The chosen cases of the space with everything the archive package describes, in a fixed number of queries."""
    return (
        Case.objects.filter(space=space, pk__in=case_ids)
        .select_related("series", "space", "responsible", "body", "decision", "meeting", "created_by")
        .prefetch_related(
            "events__by",
            "dispatches__document",
            Prefetch(
                "documents",
                queryset=RegisteredDocument.objects.select_related(
                    "secrecy", "counterpart_organisation", "registered_by"
                ).prefetch_related(Prefetch("files", queryset=DocumentFile.objects.order_by("version"))),
            ),
        )
        .order_by("year", "series__code", "number")
    )


REFERENCE = re.compile(r"^\s*(?P<code>\S+)\s+(?P<year>\d{4})\s*/\s*(?P<number>\d{1,7})\s*$")


def case_by_reference(space: Space, reference: str) -> Case | None:
    """The space's case named like "MSV 2027/0042" (None when there is none)."""
    match = REFERENCE.match(reference or "")
    if match is None:
        return None
    return (
        Case.objects.filter(
            space=space,
            series__code__iexact=match["code"],
            year=int(match["year"]),
            number=int(match["number"]),
        )
        .select_related("series")
        .first()
    )


def cases_under_hold(space: Space) -> QuerySet[Case]:
    return Case.objects.filter(space=space, legal_hold=True).select_related("series").order_by("-year", "-number")
