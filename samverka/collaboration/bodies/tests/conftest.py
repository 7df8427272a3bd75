"""Fixtures for the bodies tests: people with each kind of access to a space's bodies."""

from typing import Any

import pytest


@pytest.fixture
def secretariat(space: Any, make_role_user: Any) -> Any:
    return make_role_user(space, "secretariat")


@pytest.fixture
def insider(space: Any, make_role_user: Any) -> Any:
    """An ordinary member of the space (an insider without managing rights)."""
    return make_role_user(space, "member")


@pytest.fixture
def guest(space: Any, make_role_user: Any) -> Any:
    return make_role_user(space, "guest")


@pytest.fixture
def other_admin(other_space: Any, make_role_user: Any) -> Any:
    """The administrator of another space."""
    from conftest import give_totp

    user = make_role_user(other_space, "admin")
    give_totp(user)
    return user
