"""The public diary's own columns on ``RegisteredDocument``, kept in step, and its word search.

The diary lists a space's registrations newest first and pages through them by a cursor. So that one
index serves that (``registry_doc_diary``: space, voided, key, id) without joining the case, each
document carries copies of what the diary sorts, filters and searches by: its space, its place
(``diary_key``: case year, case number, document number), whether it or its case is voided, and the
stemmed words the public may find it by (``diary_words``, full-text indexed: a GIN index over a stored
``tsvector`` on PostgreSQL, an FTS5 table on SQLite; migration 0010).

A new row gets them from its case as it is saved (``RegisteredDocument.fill_diary_fields``); every later
change of a case or its documents (voiding, corrections, markings, lifting) goes through
``services.base.log_event``, which calls ``sync_case`` in the same transaction. Numbers never change, so
the key is written once.

The words follow the masking rule: never a field a secrecy marking hides, nor the internal title of a
case that has a public title. They are stemmed in Python like ``registry.search`` does, so both
databases match the same words.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from samverka.records.registry import secrecy
from samverka.records.registry.models import Case, RegisteredDocument
from samverka.records.registry.search import MAX_QUERY_WORDS, fts5_query, full_text_condition, stems

#: Up to how many hits a diary search on SQLite is read from the hits and sorted (see ``matching``).
FEW_HITS = 1000


def public_words(*, case_title: str, subject: str, counterpart: str) -> str:
    """The stemmed words of what the public diary shows of a registration (pass "" for a hidden field)."""
    return " ".join(stem for part in (case_title, subject, counterpart) if part for stem in stems(part))


def words_of(document: RegisteredDocument) -> str:
    """``public_words`` of ``document`` as its case and its active marking are now."""
    case = document.case
    hidden = secrecy.hidden_fields(document) if document.pk else frozenset()
    counterpart = document.counterpart
    if document.counterpart_organisation_id:
        organisation = document.counterpart_organisation
        counterpart = f"{counterpart} {organisation.name}" if organisation is not None else counterpart
    return public_words(
        case_title=case.shown_title,
        subject="" if secrecy.SUBJECT in hidden else document.subject,
        counterpart="" if secrecy.COUNTERPART in hidden else counterpart,
    )


def sync_case(case: Case) -> int:
    """Bring the diary columns of ``case``'s documents in step with the case and their markings; returns
    how many rows changed (call inside the changing transaction)."""
    case = Case.objects.only("pk", "space_id", "year", "number", "title", "public_title", "is_voided").get(pk=case.pk)
    documents = (
        RegisteredDocument.objects.filter(case=case)
        .select_related("secrecy", "counterpart_organisation")
        .order_by("number")
    )
    changed = []
    for document in documents:
        document.case = case
        before = (document.space_id, document.diary_key, document.diary_voided, document.diary_words)
        document.fill_diary_fields()
        if (document.space_id, document.diary_key, document.diary_voided, document.diary_words) != before:
            changed.append(document)
    RegisteredDocument.objects.bulk_update(changed, ["space", "diary_key", "diary_voided", "diary_words"])
    return len(changed)


def sync_cases(cases: Iterable[Case]) -> int:
    return sum(sync_case(case) for case in cases)


def matching(documents: QuerySet[RegisteredDocument], query: str) -> QuerySet[RegisteredDocument]:
    """The documents whose diary words include every word of ``query`` (the last one also as a prefix),
    through the full-text index. The words are runs of word characters, so they carry no query syntax."""
    words = stems(query)[:MAX_QUERY_WORDS]
    if not words:
        return documents
    if connection.vendor == "postgresql":
        return documents.filter(full_text_condition("registry_registereddocument.diary_vector", words))
    expression = fts5_query(words)
    found = "SELECT rowid FROM registry_diary_fts WHERE registry_diary_fts MATCH %s"
    # SQLite drives the query from the hits whenever it may, and then sorts them all: fine for a few
    # hundred, not for a word in every sixth registration. So the hits are counted first (bounded), and
    # with many the unary plus keeps SQLite walking the diary's index newest first, testing each row
    # against the hits and stopping after a page.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({found} LIMIT %s)", (expression, FEW_HITS + 1))  # noqa: S608
        (hits,) = cursor.fetchone()
    if hits <= FEW_HITS:
        return documents.filter(pk__in=RawSQL(found, (expression,)))  # noqa: S611 (a constant; the words are a parameter)
    table = RegisteredDocument._meta.db_table
    in_hits = RawSQL(f'+"{table}"."id" IN ({found})', (expression,), output_field=BooleanField())  # noqa: S611
    return documents.filter(in_hits)
