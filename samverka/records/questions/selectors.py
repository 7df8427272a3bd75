"""Every read about questions between bodies; hidden questions are simply not in the querysets."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.bodies.models import Body
from samverka.platform.spaces.models import Space
from samverka.records.questions.models import Question, QuestionEvent

#: Age buckets of the space overview: (key, label, upper bound in days or None).
AGE_BUCKETS: tuple[tuple[str, Any, int | None], ...] = (
    ("recent", _("Less than 2 weeks"), 14),
    ("weeks", _("2–6 weeks"), 42),
    ("old", _("More than 6 weeks"), None),
)


def visible_questions(space: Space, user: Any) -> QuerySet[Question]:
    return Question.objects.restrict(user).filter(space=space).select_related("space", "from_body", "to_body")


def body_questions(body: Body, user: Any) -> dict[str, list[Question]]:
    """A body's received and sent questions that ``user`` may see, pending first (one query)."""
    rows = list(
        Question.objects.filter(Q(to_body=body) | Q(from_body=body))
        .restrict(user)
        .select_related("space", "from_body", "to_body")
        .order_by("closed_at", "due_on", "pk")
    )
    return {
        "received": [q for q in rows if q.to_body_id == body.pk],
        "sent": [q for q in rows if q.from_body_id == body.pk],
    }


def overdue_for_body(body: Body, today: date | None = None) -> list[Question]:
    """Pending items past their due date that the body has received or sent (one query)."""
    return list(
        Question.objects.overdue(today)
        .filter(Q(to_body=body) | Q(from_body=body))
        .select_related("space", "from_body", "to_body")
    )


def question_events(question: Question) -> list[QuestionEvent]:
    return list(question.events.select_related("by"))


def question_chain(question: Question, user: Any) -> list[Question]:
    """The questions linked to ``question`` by escalation, lowest first, that ``user`` may see."""
    chain_ids = {question.pk}
    lower = question
    while lower.escalated_from_id is not None:
        chain_ids.add(lower.escalated_from_id)
        lower = Question.objects.only("pk", "escalated_from").get(pk=lower.escalated_from_id)
    upper_id = Question.objects.filter(escalated_from_id=question.pk).values_list("pk", flat=True).first()
    while upper_id is not None:
        chain_ids.add(upper_id)
        upper_id = Question.objects.filter(escalated_from_id=upper_id).values_list("pk", flat=True).first()
    if len(chain_ids) == 1:
        return []
    return list(
        Question.objects.filter(pk__in=chain_ids)
        .restrict(user)
        .select_related("space", "from_body", "to_body")
        .order_by("created_at", "pk")
    )


def space_overview(space: Space, user: Any, today: date | None = None) -> dict[str, Any]:
    """Pending items of the space grouped by age since raised, and the overdue ones (one query)."""
    today = today or timezone.localdate()
    rows = list(
        Question.objects.pending()
        .filter(space=space)
        .restrict(user)
        .select_related("space", "from_body", "to_body")
        .order_by("created_at", "pk")
    )
    buckets: list[dict[str, Any]] = [{"key": key, "label": label, "items": []} for key, label, _limit in AGE_BUCKETS]
    for question in rows:
        age = (today - timezone.localdate(question.created_at)).days
        for bucket, (_key, _label, limit) in zip(buckets, AGE_BUCKETS, strict=True):
            if limit is None or age < limit:
                bucket["items"].append(question)
                break
    overdue = sorted((q for q in rows if q.due_on < today), key=lambda q: (q.due_on, q.pk))
    return {"buckets": buckets, "overdue": overdue, "total": len(rows), "today": today}


def to_answer(user: Any, *, limit: int = 50) -> list[Question]:
    """For "my page": pending questions and orders received by the bodies the user leads, earliest due first."""
    from samverka.collaboration.bodies.permissions import body_seats

    leader = body_seats(user)["leader"]
    if not leader:
        return []
    return list(
        Question.objects.pending()
        .filter(to_body_id__in=leader)
        .select_related("space", "from_body", "to_body")
        .order_by("due_on", "pk")[:limit]
    )


def overdue_in_spaces(space_ids: list[int], today: date | None = None, *, limit: int = 200) -> list[Question]:
    """For the secretariat's "my page": pending items past their due date in these spaces."""
    if not space_ids:
        return []
    return list(
        Question.objects.overdue(today)
        .filter(space_id__in=space_ids)
        .select_related("space", "from_body", "to_body")
        .order_by("due_on", "pk")[:limit]
    )
