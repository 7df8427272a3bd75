"""Fixtures of the registry tests: each test keeps its files in its own folder, and a registrar."""

from typing import Any

import pytest

from samverka.platform.spaces.models import SpaceRole


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def registrar(space: Any, make_role_user: Any) -> Any:
    return make_role_user(space, SpaceRole.REGISTRAR)
