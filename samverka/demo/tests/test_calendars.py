"""The demo's scheduling poll loads and shows a conflict from the uploaded calendar."""

from typing import Any

import pytest

from samverka.collaboration.calendars import selectors
from samverka.collaboration.calendars.tests.conftest import member
from samverka.demo.accounts import NATIONAL_SLUG
from samverka.demo.calendars import load_calendars
from samverka.testing.factories import make_body, make_membership, make_space, make_user

pytestmark = pytest.mark.django_db


def test_demo_poll(make_role_user: Any) -> None:
    space = make_space(slug=NATIONAL_SLUG, kind="national", county_id=None)
    body = make_body(space=space, name="Processledarnätverket")
    make_user(email="sekretariat@msv.example", role_in=space, role="secretariat")
    member(body, name="Maria Lindahl", email="processledare@msv.example")
    for _ in range(3):
        make_membership(body=body)
    poll = load_calendars()
    assert poll is not None and poll.options.count() == 3
    grid = selectors.poll_grid(poll)
    maria = next(row for row in grid.rows if row.invitee.name == "Maria Lindahl")
    assert [cell.conflict for cell in maria.cells] == [False, True, False]
    assert [cell.answer for cell in maria.cells] == ["yes", "no", "maybe"]
    assert sum(1 for row in grid.rows if any(cell.answer for cell in row.cells)) == 4
