"""The case list and the case page make the same number of queries at N and 5N cases and documents."""

import base64
import re
from datetime import date
from html import unescape
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.records.registry import services, workflow
from samverka.records.registry.models import DispatchMethod
from samverka.records.registry.testing import make_case, make_document, make_series, pdf_upload
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = pytest.mark.django_db


def build(n: int, slug: str) -> tuple[Any, Any, Any]:
    space = make_space(slug=slug, name=slug)
    series = make_series(space=space)
    body = make_body(space=space)
    officer = make_user(role_in=space, role="secretariat")
    big = None
    for i in range(n):
        case = make_case(space=space, series=series, title=f"Ärende {i}", body=body, responsible=officer)
        for j in range(2):
            make_document(case=case, subject=f"Handling {j}")
        big = case
    assert big is not None
    for j in range(n):
        document = make_document(case=big, subject=f"Fler {j}", files=[pdf_upload()])
        if j % 2:
            services.secrecy_mark(actor=officer, document=document, provision="OSL 21 kap. 1 §", authority="X")
    workflow.dispatch_record(
        actor=officer, case=big, recipient="Regeringskansliet", method=DispatchMethod.POST, sent_on=date.today()
    )
    return space, big, officer


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow(monkeypatch) -> None:
    from samverka.records.registry.views import cases

    monkeypatch.setattr(cases, "PAGE_SIZE", 2)  # so that both sizes have a second page
    results = []
    for n, slug in ((3, "small"), (15, "large")):
        space, big, officer = build(n, slug)
        client = Client()
        client.force_login(officer)
        case_list = reverse("registry:case-list", kwargs={"space": space.slug})
        first = client.get(case_list).content.decode()
        deep = unescape(re.search(r'<a href="([^"]+)" rel="next">', first)[1])
        results.append(
            (
                count(client, case_list),
                count(client, deep),
                count(client, case_list + "?q=Handling"),
                count(client, big.get_absolute_url()),
            )
        )
    assert results[0] == results[1]
    assert results[1][0] == results[1][1]  # a deep page costs what the first one does
    assert max(results[1]) <= 25


def test_the_case_list_pages_by_a_cursor_and_refuses_a_bad_one(monkeypatch) -> None:
    from samverka.records.registry.views import cases

    monkeypatch.setattr(cases, "PAGE_SIZE", 2)
    space, _big, officer = build(5, "paged")
    client = Client()
    client.force_login(officer)
    link: str | None = reverse("registry:case-list", kwargs={"space": space.slug})
    seen = []
    while link:
        html = client.get(link).content.decode()
        seen += re.findall(r'/registry/cases/(\d+)/">', html)
        found = re.search(r'<a href="([^"]+)" rel="next">', html)
        link = unescape(found[1]) if found else None
    assert len(seen) == len(set(seen)) == 5
    case_list = reverse("registry:case-list", kwargs={"space": space.slug})
    for cursor in ("nonsense!", "cD1hYmM=", "bz0teA=="):
        assert client.get(case_list, {"cursor": cursor}).status_code == 400
    past_end = base64.b64encode(b"p=%5B0%2C+0%5D").decode()  # p=[0, 0]: after the oldest case
    assert client.get(case_list, {"cursor": past_end}).status_code == 200  # past the end: the last page


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
def test_the_diary_is_read_through_its_index_after_analyze() -> None:
    """After ANALYZE (SQLite's statistics), the diary still walks its one index in order: no sort, no join
    to the cases to filter, whether listed, filtered by year or on a deep page."""
    from samverka.records.registry.selectors import DIARY_ORDERING, public_registrations

    space, _big, _officer = build(6, "planned")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    key = public_registrations(space).values_list("diary_key", flat=True)[3]
    for documents in (
        public_registrations(space),
        public_registrations(space, year=date.today().year),
        public_registrations(space).filter(diary_key__lt=key).order_by(*DIARY_ORDERING),
    ):
        sql, params = documents[:51].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
        assert "registry_doc_diary" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
