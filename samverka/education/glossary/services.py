"""Every write to the glossary; platform admins only (``glossary.edit_glossary``).

Each function is one transaction and checks the rule first; ``actor=None`` is the system (data
migrations, the demo). The admin site calls these, never ``save()`` itself.
"""

from typing import Any

from django.db import transaction

from samverka.education.glossary.models import Definition, Term
from samverka.platform.core.permissions import ensure


def _ensure_editor(actor: Any) -> None:
    ensure(actor is None or actor.has_perm("glossary.edit_glossary"))


@transaction.atomic
def term_save(*, term: Term, actor: Any) -> Term:
    """Create or change a term (its words, abbreviation; topics are set with ``term_set_topics``)."""
    _ensure_editor(actor)
    term.full_clean()
    term.save()
    return term


@transaction.atomic
def term_set_topics(*, term: Term, actor: Any, topics: Any) -> Term:
    _ensure_editor(actor)
    term.topics.set(topics)
    return term


@transaction.atomic
def term_delete(*, term: Term, actor: Any) -> None:
    _ensure_editor(actor)
    term.delete()


@transaction.atomic
def definition_save(*, definition: Definition, actor: Any) -> Definition:
    """Add or change one actor's definition of a term (the text and whose definition it is)."""
    _ensure_editor(actor)
    definition.full_clean()
    definition.save()
    return definition


@transaction.atomic
def definition_delete(*, definition: Definition, actor: Any) -> None:
    _ensure_editor(actor)
    definition.delete()
