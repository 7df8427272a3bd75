"""Bodies, leaders and questions for tests, made through the services."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from samverka.collaboration.bodies.models import Body, BodyKind
from samverka.collaboration.bodies.permissions import forget_body_seats
from samverka.platform.spaces.models import Space
from samverka.records.questions import services
from samverka.records.questions.models import Question, QuestionKind
from samverka.testing import factories


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def seat(user: Any, body: Body, role: str = "chair") -> Any:
    """Give ``user`` a seat in ``body`` through a Contact linked to the account (same e-mail)."""
    contact = getattr(user, "contact", None)
    if contact is None:
        contact = factories.make_contact(name=user.full_name, user=user, email=user.email)
    membership = factories.make_membership(body=body, contact=contact, role=role)
    forget_body_seats(user)
    return membership


def chain(space: Space) -> dict[str, Body]:
    """An industry forum with a programme council and a local competence workshop reporting to it."""
    forum = factories.make_body(space=space, name="Branschforum Industri", kind=BodyKind.INDUSTRY_FORUM)
    council = factories.make_body(
        space=space, name="Programråd Industritekniska", kind=BodyKind.PROGRAMME_COUNCIL, parent=forum
    )
    workshop = factories.make_body(
        space=space, name="Lokal kompetensverkstad", kind=BodyKind.LOCAL_COMPETENCE_WORKSHOP, parent=forum
    )
    return {"forum": forum, "council": council, "workshop": workshop}


def ask(from_body: Body, to_body: Body, *, kind: str = QuestionKind.QUESTION, due: int = 14, **extra: Any) -> Question:
    return services.question_raise(
        actor=extra.pop("actor", None),
        from_body=from_body,
        to_body=to_body,
        kind=kind,
        title=extra.pop("title", "Behov av fler platser i svetsteknik"),
        text=extra.pop("text", "Kan forumet stödja en utökning av platserna?"),
        due_on=in_days(due),
    )


def backdate(question: Question, *, due: int, created: int = 0) -> Question:
    """Move a question's due date (and creation) into the past, as if time had passed."""
    created_at = timezone.now() - timedelta(days=created)
    Question.objects.filter(pk=question.pk).update(due_on=in_days(due), created_at=created_at)
    question.refresh_from_db()
    return question
