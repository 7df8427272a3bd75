"""Every read of the registry.

What a secrecy marking hides and from whom is ``registry.secrecy``; ``public_row`` (the public diary,
insiders without the grant) and ``internal_row`` build a registration's row by asking it, and the
searches here never match a field it hides.
"""

import re
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from samverka.collaboration.meetings.models import Decision
from samverka.platform.spaces.models import Space
from samverka.records.registry import diary, secrecy
from samverka.records.registry.models import (
    Case,
    CaseEvent,
    CaseStatus,
    DocumentFile,
    RegisteredDocument,
    RegistrationSeries,
    SecrecyGrantChange,
    SecrecyMarking,
    diary_key,
)
from samverka.records.registry.secrecy import MASK, may_see_marked_in

__all__ = ["MASK"]  # re-exported: the mask is registry.secrecy's
_DECISION_NUMBER = re.compile(r"(?P<year>\d{4})\s*:\s*(?P<number>\d{1,6})")
_YEAR = re.compile(r"\d{4}")
#: Most decisions the case page's picker lists; more matches ask for a narrower search.
MAX_DECISION_CHOICES = 100
_REFERENCE = re.compile(
    r"(?:(?P<code>[A-Za-zÅÄÖåäö-]+)\s*)?(?P<year>\d{4})\s*/\s*(?P<number>\d{1,6})(?:-(?P<doc>\d+))?"
)


def secrecy_grant_changes(space: Space, *, limit: int = 50) -> list[SecrecyGrantChange]:
    """The latest changes of who may see the space's secrecy-marked documents, newest first."""
    return list(SecrecyGrantChange.objects.filter(space=space).select_related("changed_by")[:limit])


def document_types(space_id: int) -> dict[str, str]:
    """The document types a registered document of the space may have: the codes of its retention schedule
    (code → name), so every document falls under a rule of the schedule. ``retention`` (which builds on the
    registry) provides the read at start-up: ``registry.schedule``."""
    from samverka.records.registry import schedule

    return schedule.document_types(space_id)


def space_decisions(space: Space) -> QuerySet[Decision]:
    """The decisions of the space's bodies, newest first: those a case of the space may be linked to."""
    return (
        Decision.objects.filter(body__space=space)
        .select_related("body")
        .order_by("-decided_on", "-year", "-number", "-pk")
    )


def decision_search(space: Space, query: str) -> QuerySet[Decision]:
    """The space's decisions matching ``query``, newest first: a number ("2026:3"), a year ("2026") and any
    other words, each found in the body's name or the decision's text."""
    decisions = space_decisions(space)
    query = (query or "").strip()
    for match in _DECISION_NUMBER.finditer(query):
        decisions = decisions.filter(year=int(match["year"]), number=int(match["number"]))
    rest = _DECISION_NUMBER.sub(" ", query)
    for word in rest.split()[:8]:
        if _YEAR.fullmatch(word):
            decisions = decisions.filter(year=int(word))
        else:
            decisions = decisions.filter(Q(body__name__icontains=word) | Q(text__icontains=word))
    return decisions


def series_of(space: Space, *, active_only: bool = False) -> QuerySet[RegistrationSeries]:
    series = RegistrationSeries.objects.filter(space=space).order_by("code")
    return series.filter(is_active=True) if active_only else series


def _search_documents(query: str, *, can_see_marked: bool) -> Q:
    """Documents whose subject or sender/recipient match ``query``, never through a masked field."""
    subject = Q(subject__icontains=query)
    counterpart = Q(counterpart__icontains=query)
    if not can_see_marked:
        subject &= ~secrecy.hides_q(secrecy.SUBJECT)
        counterpart &= ~secrecy.hides_q(secrecy.COUNTERPART)
    return subject | counterpart


def _reference_filter(query: str, prefix: str = "") -> Q | None:
    """A case number ("MSV 2026/0042", "2026/42") as a filter; with ``prefix`` "case__" (documents)
    a document number ("MSV 2026/0042-3") narrows to that document."""
    match = _REFERENCE.fullmatch(query.strip())
    if not match:
        return None
    condition = Q(**{f"{prefix}year": int(match["year"]), f"{prefix}number": int(match["number"])})
    if match["code"]:
        condition &= Q(**{f"{prefix}series__code__iexact": match["code"]})
    if match["doc"] and prefix:
        condition &= Q(number=int(match["doc"]))
    return condition


def case_by_reference(space: Space, user: Any, reference: str) -> Case | None:
    """The case of ``space`` with the number ``reference`` ("MSV 2026/0042", "2026/42") that ``user`` may see,
    or None (no such case in the space, a document number, or not a case number at all)."""
    match = _REFERENCE.fullmatch((reference or "").strip())
    if not match or match["doc"]:
        return None
    condition = _reference_filter(reference)
    cases = Case.objects.restrict(user).filter(condition, space=space).select_related("series", "space")
    found = list(cases[:2])
    return found[0] if len(found) == 1 else None


def document_by_reference(space: Space, user: Any, reference: str) -> RegisteredDocument | None:
    """The registered document of ``space`` with the number ``reference`` ("MSV 2026/0042-3") in a case ``user``
    may see, or None."""
    match = _REFERENCE.fullmatch((reference or "").strip())
    if not match or not match["doc"]:
        return None
    condition = _reference_filter(reference, "case__")
    documents = (
        RegisteredDocument.objects.restrict(user)
        .filter(condition, case__space=space)
        .select_related("case__series", "case__space")
    )
    found = list(documents[:2])
    return found[0] if len(found) == 1 else None


# --- internal pages -------------------------------------------------------------


_document_count = (
    RegisteredDocument.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("pk")).values("n")
)
#: The case list's order: newest number first (``sort_key`` is year and number), served by
#: ``registry_case_space_sort`` and paged by a cursor on it.
CASE_ORDERING = ("-sort_key", "-id")


def case_list(
    space: Space,
    user: Any,
    *,
    query: str = "",
    status: str = "",
    case_type: str = "",
    year: int | None = None,
    mine: bool = False,
) -> QuerySet[Case]:
    """The space's cases ``user`` may see, filtered, newest first; the row data in a fixed number of queries.

    The list is paged by a cursor (``CASE_ORDERING``), so the correlated document count below runs for the
    rows of one page only, on any page."""
    cases = (
        Case.objects.restrict(user)
        .filter(space=space)
        # Outer joins only (series by a second query): an inner join lets SQLite's planner start from it and sort.
        .select_related("responsible", "body")
        .prefetch_related("series")
        # A correlated count per shown case: a GROUP BY over every document of the space would not scale.
        .annotate(document_count=Coalesce(Subquery(_document_count), 0))
        .order_by(*CASE_ORDERING)
    )
    if status:
        cases = cases.filter(status=status)
    if case_type:
        cases = cases.filter(case_type=case_type)
    if year:
        cases = cases.filter(year=year)
    if mine:
        cases = cases.filter(responsible=user)
    query = (query or "").strip()
    if query:
        by_reference = _reference_filter(query)
        if by_reference is not None:
            cases = cases.filter(by_reference)
        else:
            matching = RegisteredDocument.objects.filter(
                _search_documents(query, can_see_marked=may_see_marked_in(user, space.pk)), case=OuterRef("pk")
            )
            cases = cases.filter(Q(title__icontains=query) | Q(public_title__icontains=query) | Exists(matching))
    return cases


def case_for(space: Space, user: Any, pk: int) -> Case:
    """A case of ``space`` that ``user`` may see, or 404."""
    return get_object_or_404(
        Case.objects.restrict(user).select_related(
            "series", "space", "responsible", "body", "decision__body", "meeting"
        ),
        space=space,
        pk=pk,
    )


def case_documents(case: Case) -> list[RegisteredDocument]:
    """The case's documents with their marking and files (two queries)."""
    return list(
        RegisteredDocument.objects.filter(case=case)
        .select_related("secrecy", "counterpart_organisation")
        .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.order_by("version")))
        .order_by("number")
    )


def document_duplicates(case: Case, user: Any, *, subject: str, received_on: date | None) -> list[RegisteredDocument]:
    """The case's documents that look like the one about to be registered (same subject, and same date when
    given) — matched only through what ``user`` may see: a masked subject is never matched for the ungranted."""
    same = Q(subject__iexact=(subject or "").strip())
    if received_on:
        same &= Q(received_on=received_on)
    candidates = RegisteredDocument.objects.filter(same, case=case, is_voided=False)
    if not may_see_marked_in(user, case.space_id):
        candidates = candidates.exclude(secrecy.hides_q(secrecy.SUBJECT))
    return list(candidates.order_by("number"))


def case_events(case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).select_related("by").order_by("at", "pk")


def document_for(case: Case, number: int) -> RegisteredDocument:
    document = get_object_or_404(
        RegisteredDocument.objects.select_related("secrecy", "counterpart_organisation", "registered_by"),
        case=case,
        number=number,
    )
    document.case = case
    return document


def file_for(document: RegisteredDocument, pk: int) -> DocumentFile:
    stored = get_object_or_404(DocumentFile, document=document, pk=pk)
    stored.document = document
    return stored


# --- masking and the public diary ----------------------------------------------


def _counterpart(document: RegisteredDocument) -> str:
    organisation = document.counterpart_organisation
    return document.counterpart or (organisation.name if organisation is not None else "")


def public_row(document: RegisteredDocument) -> dict[str, Any]:
    """What may be shown of a registration to someone without the secrecy grant."""
    marking: SecrecyMarking | None = secrecy.active_marking(document)
    case = document.case
    counterpart = secrecy.shown(document, secrecy.COUNTERPART, _counterpart(document), granted=False)
    subject = secrecy.shown(document, secrecy.SUBJECT, document.subject, granted=False)
    return {
        "reference": document.reference,
        "case_reference": case.reference,
        "date": document.date,
        "direction": document.direction,
        "direction_label": document.get_direction_display(),
        "case_title": case.shown_title,
        "counterpart": counterpart,
        "subject": subject,
        "is_marked": marking is not None,
        "provision": marking.provision if marking is not None else "",
        "is_voided": document.is_voided or case.is_voided,
    }


def internal_row(document: RegisteredDocument, *, can_see_marked: bool) -> dict[str, Any]:
    """A registration as shown inside the space: everything for the granted, ``public_row`` for others."""
    row = public_row(document)
    if can_see_marked:
        row["counterpart"] = _counterpart(document)
        row["subject"] = document.subject
    row["case_title"] = document.case.title
    row["may_open"] = secrecy.FILES not in secrecy.hidden_for(document, granted=can_see_marked)
    return row


#: The public diary's order: newest registration first (the key is year, case number, document number).
DIARY_ORDERING = ("-diary_key", "-id")


def _diary_reference_filter(query: str) -> Q | None:
    """A case or document number ("MSV 2026/0042", "2026/42-3") as a range of the diary key."""
    match = _REFERENCE.fullmatch(query.strip())
    if not match:
        return None
    year, number = int(match["year"]), int(match["number"])
    if match["doc"]:
        condition = Q(diary_key=diary_key(year, number, int(match["doc"])))
    else:
        condition = Q(diary_key__gte=diary_key(year, number), diary_key__lt=diary_key(year, number + 1))
    if match["code"]:
        condition &= Q(case__series__code__iexact=match["code"])
    return condition


def public_registrations(space: Space, *, query: str = "", year: int | None = None) -> QuerySet[RegisteredDocument]:
    """The space's registrations for the public diary, newest first, ready for ``public_row``.

    Voided registrations are left out; a search never matches a masked field, nor the internal title of a
    case that has a public title (the words it matches are ``registry.diary``'s). The filters and the
    order are on the document's own diary columns, served by one index (``registry_doc_diary``)."""
    documents: QuerySet[RegisteredDocument] = (
        RegisteredDocument.objects.filter(space=space, diary_voided=False)
        # Only outer joins: an inner join to the cases lets SQLite's planner start from them and sort.
        .select_related("secrecy", "counterpart_organisation")
        # The page's cases with their series in one more query (not two).
        .prefetch_related(Prefetch("case", queryset=Case.objects.select_related("series")))
        .order_by(*DIARY_ORDERING)
    )
    if year:
        documents = documents.filter(diary_key__gte=diary_key(year), diary_key__lt=diary_key(year + 1))
    query = (query or "").strip()
    if query:
        by_reference = _diary_reference_filter(query)
        # A number narrows to its registrations; words go through the diary's full-text index.
        documents = documents.filter(by_reference) if by_reference is not None else diary.matching(documents, query)
    return documents


def closed_cases(space: Space) -> QuerySet[Case]:
    return (
        Case.objects.filter(space=space, status=CaseStatus.CLOSED, is_voided=False)
        .select_related("series")
        .order_by("year", "number")
    )
