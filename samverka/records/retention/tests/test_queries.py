"""Retention pages and the archive export make the same number of queries with few and many cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import give_totp
from samverka.records.retention import services
from samverka.records.retention.tests.factories import make_case, make_document, make_rule, mark_secret
from samverka.testing.factories import make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def cases(space, user, n):
    made = []
    for i in range(n):
        case = make_case(space, user)
        make_document(case, user)
        marked = make_document(case, user, document_type="beslut", content=b"%PDF-1.4 beslut " + bytes([i]))
        mark_secret(marked, user)
        made.append(case)
    return made


def build(n, slug):
    space = make_space(slug=slug, name=slug)
    registrar = make_user(role_in=space, role="registrar")
    admin = make_user(role_in=space, role="admin")
    give_totp(registrar)
    make_rule(space, "kallelse", years=2)
    make_rule(space, "beslut", years=None)
    exported = cases(space, registrar, n)
    done = services.run_propose(actor=registrar, space=space)
    services.run_approve(actor=admin, run=done)
    services.run_execute(actor=admin, run=done)
    cases(space, registrar, n)
    pending = services.run_propose(actor=registrar, space=space)
    for case in cases(space, registrar, n):  # due, not yet in a run; every other under legal hold
        if case.pk % 2:
            services.legal_hold_set(actor=registrar, case=case, on=True, reason="Revision")
    return space, registrar, done, pending, [case.pk for case in exported]


def count(client, method, path, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data or {})
    assert response.status_code == 200, path
    if method == "post":
        b"".join(response.streaming_content)
    return len(queries)


def measure(client, n, slug):
    space, registrar, done, pending, exported = build(n, slug)
    client.force_login(registrar)
    kwargs = {"space": space.slug}
    return {
        "home": count(client, "get", reverse("retention:home", kwargs=kwargs)),
        "propose": count(client, "get", reverse("retention:run-propose", kwargs=kwargs)),
        "done": count(client, "get", reverse("retention:run-detail", kwargs={**kwargs, "pk": done.pk})),
        "pending": count(client, "get", reverse("retention:run-detail", kwargs={**kwargs, "pk": pending.pk})),
        "log": count(client, "get", reverse("retention:log", kwargs=kwargs)),
        "export-page": count(client, "get", reverse("retention:export", kwargs=kwargs)),
        "holds": count(client, "get", reverse("retention:legal-holds", kwargs=kwargs)),
        "export": count(client, "post", reverse("retention:export", kwargs=kwargs), {"cases": exported}),
    }


def test_query_counts_do_not_grow_with_data(client):
    small = measure(client, 2, "liten")
    large = measure(client, 8, "stor")
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large
