"""The public diary and the triage list make a bounded number of queries, the same at N and 10N rows."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.records.intake.tests.factories import make_item, make_marked_document
from samverka.records.registry.testing import make_case, make_document, make_series
from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def build(n: int, space) -> None:
    """n cases with two documents each (one in five marked), n incoming items with an attachment count."""
    series = make_series(space=space)
    for i in range(n):
        case = make_case(space=space, series=series, title=f"Ärende {i}", public_title=f"Ärende {i} (publik)")
        make_document(case=case, counterpart=f"Avsändare {i}")
        if i % 5 == 0:
            make_marked_document(space, case=case)
        else:
            make_document(case=case, subject=f"Svar {i}")
        make_item(space, subject=f"Fråga {i}")


def count(client, path: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "Ärende"}, {"year": "2026"}])
def test_the_public_diary_does_not_grow_with_data(client, space, params):
    diary = reverse("intake:diary", kwargs={"space": space.slug})
    build(5, space)
    small = count(client, diary, params)
    build(45, space)
    large = count(client, diary, params)
    assert small == large
    assert large <= MAX_QUERIES


def test_the_triage_list_does_not_grow_with_data(client, space):
    client.force_login(make_user(role_in=space, role="secretariat"))
    queue = reverse("intake:triage-list", kwargs={"space": space.slug})
    build(5, space)
    small = count(client, queue)
    build(45, space)
    large = count(client, queue)
    assert small == large
    assert large <= MAX_QUERIES


def test_a_deep_page_of_the_diary_makes_as_many_queries_as_the_first(client, space, monkeypatch):
    """Following the cursor: the same queries on the second page at N and 10N rows, and as on the first."""
    from samverka.records.intake.views import public

    monkeypatch.setattr(public, "PAGE_SIZE", 3)
    diary = reverse("intake:diary", kwargs={"space": space.slug})
    counts = []
    for n in (5, 45):
        build(n, space)
        first = client.get(diary).content.decode()
        deep = unescape(re.search(r'<a href="([^"]+)" rel="next">', first)[1])
        counts.append((count(client, diary), count(client, deep)))
    assert counts[0] == counts[1]
    assert counts[0][0] == counts[0][1] <= MAX_QUERIES
