"""The list pages make the same number of queries with few and with many analyses, charts and packs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.insight.analyses.models import DataPack
from samverka.insight.analyses.tests.factories import (
    chart_block,
    make_analysis,
    make_chart,
    make_employment,
    text_block,
)
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = pytest.mark.django_db


def build(n: int, slug: str) -> dict:
    space = make_space(slug=slug, name=slug)
    version = make_employment(space, is_public=True)
    body = make_body(space=space, name=f"Forum {slug}", kind="industry_forum")
    for i in range(n):
        chart = make_chart(space=space, version=version, title=f"Diagram {i}")
        make_analysis(
            space=space,
            title=f"Analys {i}",
            is_public=i % 2 == 0,
            publish=True,
            blocks=[text_block(), chart_block(chart)],
        )
        make_body(space=space, name=f"Grupp {slug} {i}")
        pack = DataPack.objects.create(space=space, body=body, theme="q1", pdf="x.pdf", csv_zip="x.zip")
        pack.versions.set([version])
    return {"space": space, "analyst": make_user(role_in=space, role="analyst")}


def count(client, user, url: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_list_pages_make_a_constant_number_of_queries(client):
    small, large = build(1, "liten"), build(6, "stor")
    for name in ("analysis-list", "chart-list", "pack-list"):
        for user_key in ("analyst", None):
            if name != "analysis-list" and user_key is None:
                continue
            counts = []
            for data in (small, large):
                user = data[user_key] if user_key else None
                counts.append(count(client, user, reverse(f"analyses:{name}", kwargs={"space": data["space"].slug})))
            assert counts[0] == counts[1], (name, user_key, counts)
            assert counts[0] <= 20, (name, counts)
