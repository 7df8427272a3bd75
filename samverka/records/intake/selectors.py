"""Reads of the triage queue and the helpers the public diary pages use."""

from typing import Any

from django.db.models import Count

from samverka.platform.spaces.models import Space
from samverka.records.intake.models import IncomingItem, ItemStatus
from samverka.records.registry import secrecy
from samverka.records.registry.models import Case


def triage_queue(*, user: Any, space: Space, status: str = ItemStatus.TRIAGE) -> Any:
    """The space's incoming items with one status, oldest waiting first, ready for the list."""
    queryset = (
        IncomingItem.objects.restrict(user)
        .filter(space=space, status=status)
        .select_related("case__series", "document__secrecy", "body", "triaged_by")
        .annotate(attachment_count=Count("attachments"))
    )
    return queryset.order_by("received_at", "pk") if status == ItemStatus.TRIAGE else queryset.order_by("-triaged_at")


def status_counts(*, user: Any, space: Space) -> dict[str, int]:
    rows = IncomingItem.objects.restrict(user).filter(space=space).values("status").annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(ItemStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def item_detail(*, user: Any, space: Space, pk: int) -> IncomingItem | None:
    return (
        IncomingItem.objects.restrict(user)
        .filter(space=space, pk=pk)
        .select_related("space", "case__series", "document__case__series", "document__secrecy", "body", "triaged_by")
        .prefetch_related("attachments")
        .first()
    )


def hidden_from(item: IncomingItem, user: Any) -> frozenset[str]:
    """What of a triaged item ``user`` may not see. Once it is registered, the item is its document: the
    document's secrecy marking hides (``registry.secrecy``) the sender (``COUNTERPART``), the subject
    (``SUBJECT``) and the message with its attachments (``FILES``) from everyone without the grant — in the
    triage queue as everywhere else. Nothing is hidden before triage: the triaging staff must read it."""
    if item.document is None:
        return frozenset()
    return secrecy.hidden_for(item.document, granted=secrecy.may_see_marked_in(user, item.space_id))


def case_by_reference(*, space: Space, code: str, year: int, number: int) -> Case | None:
    """The space's case with the reference "CODE YEAR/NUMBER" (series codes compare case-insensitively)."""
    return (
        Case.objects.filter(space=space, series__code__iexact=code, year=year, number=number)
        .select_related("series")
        .first()
    )


def waiting_for_triage(user: Any, *, limit: int = 50) -> list[IncomingItem]:
    """For "my page": items waiting for triage in every space the user triages for, oldest first."""
    return list(
        IncomingItem.objects.restrict(user)
        .filter(status=ItemStatus.TRIAGE)
        .select_related("space")
        .order_by("received_at", "pk")[:limit]
    )
