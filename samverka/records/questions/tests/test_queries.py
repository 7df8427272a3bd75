"""The question pages and the body page's overdue section make a bounded number of queries,
the same at n and 10n questions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.records.questions import services
from samverka.records.questions.tests.helpers import ask, backdate, chain, seat
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


def build(n: int, slug: str) -> dict:
    """A space whose council has n questions to its forum (a third overdue, some escalated from
    n working groups below the council) and n sent to it."""
    space = make_space(slug=slug, name=slug)
    bodies = chain(space)
    council, forum = bodies["council"], bodies["forum"]
    leader = make_user(role_in=space, role="member")
    seat(leader, council)
    for i in range(n):
        question = ask(council, forum, title=f"Fråga {i}")
        if i % 3 == 0:
            backdate(question, due=-i - 1, created=i * 7)
        group = make_body(space=space, name=f"Grupp {i}", parent=council)
        lower = ask(group, council, title=f"Underifrån {i}")
        if i % 2 == 0:
            services.question_escalate(actor=None, question=lower, reason="Rör hela länet.")
    first = council.questions_asked.order_by("pk").first()
    escalated = council.questions_asked.filter(escalated_from__isnull=False).first()
    return {
        "space": space,
        "council": council,
        "first": first,
        "escalated": escalated,
        "leader": leader,
        "secretariat": make_user(role_in=space, role="secretariat"),
    }


def pages(world: dict) -> dict[str, str]:
    space, council = world["space"], world["council"]
    return {
        "body": council.get_absolute_url(),
        "body-questions": reverse("questions:body-questions", kwargs={"space": space.slug, "body": council.pk}),
        "detail": world["first"].get_absolute_url(),
        "escalated": world["escalated"].get_absolute_url(),
        "overview": reverse("questions:overview", kwargs={"space": space.slug}),
        "answer": reverse(
            "questions:question-handle", kwargs={"space": space.slug, "pk": world["escalated"].pk, "action": "answer"}
        ),
    }


def count_queries(client, user, path: str) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize(
    "who,page",
    [
        ("leader", "body"),
        ("leader", "body-questions"),
        ("leader", "detail"),
        ("leader", "escalated"),
        ("secretariat", "overview"),
        ("secretariat", "answer"),
        ("secretariat", "body"),
    ],
)
def test_pages_are_bounded_and_do_not_grow(client, django_assert_max_num_queries, who, page):
    small, large = build(2, "small"), build(20, "large")
    n_small = count_queries(client, small[who], pages(small)[page])
    n_large = count_queries(client, large[who], pages(large)[page])
    assert n_small <= MAX_QUERIES, n_small
    assert n_large == n_small, (n_small, n_large)
    with django_assert_max_num_queries(n_small):
        client.get(pages(large)[page])
