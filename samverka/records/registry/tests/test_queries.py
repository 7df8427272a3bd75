"""The case list and the case page make the same number of queries at N and 5N cases and documents."""

from datetime import date
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


def test_query_count_does_not_grow() -> None:
    results = []
    for n, slug in ((3, "small"), (15, "large")):
        space, big, officer = build(n, slug)
        client = Client()
        client.force_login(officer)
        results.append(
            (
                count(client, reverse("registry:case-list", kwargs={"space": space.slug})),
                count(client, reverse("registry:case-list", kwargs={"space": space.slug}) + "?q=Handling"),
                count(client, big.get_absolute_url()),
            )
        )
    assert results[0] == results[1]
    assert max(results[1]) <= 25
