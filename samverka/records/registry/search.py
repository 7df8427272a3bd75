"""Full-text search over cases and registered documents, with Swedish stemming, filtered by permission.

Every case has one entry (its number, title and public title); every document has one entry with its
number, subject, sender or recipient, type and the text of its files. A document under an active
secrecy marking has two: a *masked* entry without what the marking hides (and without the text of its
files) for those without the secrecy grant, and a *granted* entry with everything. So a search by
someone without the grant can never match a masked word, and nobody gets the same document twice.

Words are stemmed in Python with the Snowball Swedish stemmer ("kompetensförsörjningen" and
"kompetensförsörjning" meet), identically on both databases; PostgreSQL's ``simple`` text search and
SQLite's FTS5 then match the stems. The last word of a query also matches as a prefix, for searches
typed while thinking. Entries are rebuilt for the whole case whenever anything of the case changes
(``reindex_case``), in the same transaction as the change.
"""

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

import snowballstemmer
from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from samverka.platform.spaces.models import Space
from samverka.records.registry import secrecy
from samverka.records.registry.models import (
    Case,
    DocumentFile,
    RegisteredDocument,
    SearchAudience,
    SearchEntry,
)
from samverka.records.registry.secrecy import may_see_marked_in

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("swedish")
#: Most words a query may have; longer queries are cut (a search box, not a document).
MAX_QUERY_WORDS = 12
#: Most hits a search lists (the newest); with more, the page asks for more words.
MAX_HITS = 1000


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def stems(text: str) -> list[str]:
    """The lowercased, stemmed words of ``text``."""
    return [_stem(word) for word in _WORD.findall(text.lower())]


def _stemmed(*parts: str) -> str:
    return " ".join(stem for part in parts if part for stem in stems(part))


# --- keeping the entries in step ------------------------------------------------------------


def _case_entry(case: Case) -> SearchEntry:
    reference = f"{case.series.code} {case.year} {case.number:04d} {case.number}"
    return SearchEntry(
        space_id=case.space_id,
        case=case,
        audience=SearchAudience.ALL,
        date=case.opened_on,
        stemmed=_stemmed(reference, case.title, case.public_title),
    )


def _document_entries(case: Case, document: RegisteredDocument, texts: list[str]) -> Iterator[SearchEntry]:
    counterpart = document.counterpart
    if document.counterpart_organisation is not None:
        counterpart = f"{counterpart} {document.counterpart_organisation.name}"
    number = f"{case.series.code} {case.year} {case.number:04d} {case.number} {document.number}"
    common = {"space_id": case.space_id, "case": case, "document": document, "date": document.date}
    full = _stemmed(number, document.subject, counterpart, document.document_type, *texts)
    hidden = secrecy.hidden_fields(document)
    if not hidden:
        yield SearchEntry(audience=SearchAudience.ALL, stemmed=full, **common)
        return
    yield SearchEntry(audience=SearchAudience.GRANTED, stemmed=full, **common)
    yield SearchEntry(
        audience=SearchAudience.MASKED,
        stemmed=_stemmed(
            number,
            "" if secrecy.SUBJECT in hidden else document.subject,
            "" if secrecy.COUNTERPART in hidden else counterpart,
            document.document_type,
            *(() if secrecy.FILES in hidden else texts),
        ),
        **common,
    )


def _entries(cases: Iterable[Case]) -> Iterator[SearchEntry]:
    cases = list(cases)
    documents = (
        RegisteredDocument.objects.filter(case__in=cases)
        .select_related("secrecy", "counterpart_organisation")
        .order_by("case_id", "number")
    )
    by_case: dict[int, list[RegisteredDocument]] = {}
    for document in documents:
        by_case.setdefault(document.case_id, []).append(document)
    texts: dict[int, list[str]] = {}
    files = DocumentFile.objects.filter(document__case__in=cases, disposed_at__isnull=True).exclude(text="")
    for document_id, text in files.values_list("document_id", "text"):
        texts.setdefault(document_id, []).append(text)
    for case in cases:
        yield _case_entry(case)
        for document in by_case.get(case.pk, []):
            yield from _document_entries(case, document, texts.get(document.pk, []))


def reindex_case(case: Case) -> None:
    """Rebuild the entries of one case and its documents (call inside the changing transaction)."""
    case = Case.objects.select_related("series").get(pk=case.pk)
    SearchEntry.objects.filter(case=case).delete()
    SearchEntry.objects.bulk_create(list(_entries([case])))


def rebuild(*, space: Space | None = None, batch: int = 500) -> int:
    """Rebuild every entry (of one space); returns how many entries were written."""
    entries = SearchEntry.objects.all() if space is None else SearchEntry.objects.filter(space=space)
    entries.delete()
    cases = Case.objects.select_related("series").order_by("pk")
    if space is not None:
        cases = cases.filter(space=space)
    written = 0
    last = 0
    while chunk := list(cases.filter(pk__gt=last)[:batch]):
        written += len(SearchEntry.objects.bulk_create(list(_entries(chunk)), batch_size=2000))
        last = chunk[-1].pk
    return written


# --- searching -------------------------------------------------------------------------------


def full_text_condition(column: str, words: list[str]) -> RawSQL:
    """PostgreSQL: ``column`` (a tsvector of stems) holds every word, the last one also as a prefix."""
    terms = [f"{word}:*" if i == len(words) - 1 else word for i, word in enumerate(words)]
    return RawSQL(f"{column} @@ to_tsquery('simple'::regconfig, %s)", (" & ".join(terms),), output_field=BooleanField())  # noqa: S611 - column is ours; words are parameters


def fts5_query(words: list[str]) -> str:
    """SQLite FTS5: the MATCH expression for every word, the last one also as a prefix."""
    return " ".join(f'"{word}"*' if i == len(words) - 1 else f'"{word}"' for i, word in enumerate(words))


def _match(entries: QuerySet[SearchEntry], words: list[str]) -> QuerySet[SearchEntry]:
    """Entries whose stems include every word (the last one also as a prefix). The words are runs of
    word characters, so they carry no query syntax of either database."""
    if connection.vendor == "postgresql":
        return entries.filter(full_text_condition("registry_searchentry.vector", words))
    matching = RawSQL("SELECT rowid FROM registry_search_fts WHERE registry_search_fts MATCH %s", (fts5_query(words),))
    return entries.filter(pk__in=matching)


class Hits(NamedTuple):
    """A search's entries (at most ``MAX_HITS``, newest first) and how many they are."""

    entries: QuerySet[SearchEntry]
    total: int


def search(space: Space, user: Any, query: str, *, documents_only: bool = False) -> Hits:
    """The entries of ``space`` that match every word of ``query`` and that ``user`` may see, newest first;
    at most ``MAX_HITS`` of them (a search with more hits needs more words, not more pages).

    The caller has checked that ``user`` may see the space's cases (``registry.view_case``).

    Few hits and many hits want opposite query plans, and a planner estimating how often words occur
    together guesses wrong: so the hits are counted first (up to ``MAX_HITS``, through the full-text
    index), and a search with few hits is fetched by their ids, while one with many walks the
    (space, date) index newest first and stops after a page."""
    words = stems(query)[:MAX_QUERY_WORDS]
    if not words:
        return Hits(SearchEntry.objects.none(), 0)
    granted = may_see_marked_in(user, space.pk)
    audiences = [SearchAudience.ALL, SearchAudience.GRANTED if granted else SearchAudience.MASKED]
    entries = SearchEntry.objects.filter(space=space, audience__in=audiences)
    if documents_only:
        entries = entries.filter(document__isnull=False)
    matches = _match(entries, words)
    count = matches[: MAX_HITS + 1].count()
    if count <= MAX_HITS:
        matches = SearchEntry.objects.filter(pk__in=list(matches.values_list("pk", flat=True)))
    hits = (
        matches.select_related("case__series", "document__secrecy", "document__counterpart_organisation")
        .defer("stemmed")  # the words are for matching only; sorting the hits need not carry them
        .order_by("-date", "-pk")
    )
    return Hits(hits[:MAX_HITS], min(count, MAX_HITS))
