"""Case numbers under concurrency: 200 registrations, 200 distinct numbers.

On PostgreSQL the registrations run in parallel threads, each with its own connection and
transaction, so the counter lock is really contended. SQLite serialises writers on the whole
database (and the in-memory test database is not shared safely between threads), so there the
same 200 registrations run one after another and only the numbering is checked.
"""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import close_old_connections, connection, connections

from samverka.platform.spaces.models import SpaceRole
from samverka.records.registry import services
from samverka.records.registry.models import Case, CaseCounter, CaseType
from samverka.records.registry.testing import make_series

REGISTRATIONS = 200
THREADS = 12


@pytest.mark.django_db(transaction=True)
def test_200_registrations_get_200_distinct_numbers(space: Any, make_role_user: Any) -> None:
    series = make_series(space=space, code="MSV")
    registrar = make_role_user(space, SpaceRole.REGISTRAR)

    def register(n: int) -> int:
        try:
            case = services.case_register(
                actor=registrar, series=series, title=f"Ärende {n}", case_type=CaseType.EXTERNAL_REQUEST
            )
            return case.number
        finally:
            if connection.vendor == "postgresql":
                connections.close_all()

    if connection.vendor == "postgresql":
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            numbers = list(pool.map(register, range(REGISTRATIONS)))
        close_old_connections()
    else:
        numbers = [register(n) for n in range(REGISTRATIONS)]

    assert len(numbers) == REGISTRATIONS
    assert sorted(numbers) == list(range(1, REGISTRATIONS + 1))
    assert Case.objects.filter(series=series).values("number").distinct().count() == REGISTRATIONS
    assert CaseCounter.objects.get(series=series).last == REGISTRATIONS


@pytest.mark.django_db(transaction=True)
def test_parallel_documents_in_one_case_get_distinct_numbers(space: Any, make_role_user: Any) -> None:
    from samverka.records.registry.models import Direction
    from samverka.records.registry.testing import make_case

    case = make_case(space=space)
    registrar = make_role_user(space, SpaceRole.REGISTRAR)

    def register(n: int) -> int:
        try:
            document = services.document_register(
                actor=registrar, case=case, direction=Direction.INTERNAL, subject=f"Promemoria {n}"
            )
            return document.number
        finally:
            if connection.vendor == "postgresql":
                connections.close_all()

    if connection.vendor == "postgresql":
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            numbers = list(pool.map(register, range(40)))
        close_old_connections()
    else:
        numbers = [register(n) for n in range(40)]
    assert sorted(numbers) == list(range(1, 41))
