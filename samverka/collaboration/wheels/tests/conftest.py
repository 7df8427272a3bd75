"""Fixtures for the annual-wheel tests."""

from datetime import UTC, datetime
from typing import Any

import pytest

from samverka.collaboration.bodies.models import BodyKind
from samverka.testing.factories import make_body

#: A moment before every 2026 meeting, so a whole year is generated ("now" is injectable).
START_OF_2026 = datetime(2025, 12, 1, tzinfo=UTC)


@pytest.fixture
def secretariat(space: Any, make_role_user: Any) -> Any:
    return make_role_user(space, "secretariat")


@pytest.fixture
def forum(space: Any) -> Any:
    return make_body(space=space, name="Branschforum Industri och teknik", kind=BodyKind.INDUSTRY_FORUM)
