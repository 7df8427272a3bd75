"""Reads of the glossary (public: no visibility rule)."""

from django.db.models import Prefetch, Q, QuerySet

from samverka.education.glossary.models import Definition, Term, Topic


def topics() -> QuerySet[Topic]:
    return Topic.objects.all()


def terms(*, topic: str = "", query: str = "", slugs: tuple[str, ...] = ()) -> QuerySet[Term]:
    """Terms (with their definitions and topics prefetched), narrowed to a topic's key, a text or keys."""
    rows = Term.objects.prefetch_related(
        Prefetch("definitions", queryset=Definition.objects.order_by("position", "pk")), "topics"
    )
    if topic:
        rows = rows.filter(topics__slug=topic)
    if slugs:
        rows = rows.filter(slug__in=slugs)
    query = query.strip()
    if query:
        rows = rows.filter(
            Q(term_sv__icontains=query)
            | Q(term_en__icontains=query)
            | Q(abbreviation__icontains=query)
            | Q(definitions__text_sv__icontains=query)
            | Q(definitions__text_en__icontains=query)
        )
    return rows.distinct()
