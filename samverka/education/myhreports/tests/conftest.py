"""A small world for the MYH report: the Sörmland space with a published table (population by municipality,
employed by occupation, education level and sex), its people by role, and the national space."""

from types import SimpleNamespace
from typing import Any

import pytest

from conftest import give_totp
from samverka.insight.indicators.tests.factories import make_dataset, make_table
from samverka.platform.spaces.models import SpaceKind
from samverka.testing import factories


def make_register(space: Any, *, factor: float = 1.0, regions: tuple[str, ...] = ("0480", "0484")) -> Any:
    """A published version: population by municipality and year, employed by SSYK × SUN level × sex."""
    dataset = make_dataset(space=space, slug="register", title="Sysselsatta i Sörmland")
    return make_table(
        dataset=dataset,
        dimensions={
            "region": regions,
            "ssyk": ("2211", "5321"),
            "sun_level": ("3", "5"),
            "sex": ("1", "2"),
            "period": ("2023", "2024"),
        },
        measures=("employed", "population"),
        measure_dimensions={
            "population": ("region", "period"),
            "employed": ("region", "ssyk", "sun_level", "sex", "period"),
        },
        value=lambda codes: 100.0 * factor + len(codes.get("ssyk", "")),
    )


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    """The report's PDF, registered in the registry, is stored in the test's own folder."""
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def world(space: Any, other_space: Any, make_role_user: Any, superuser: Any) -> SimpleNamespace:
    national = factories.make_space(
        slug="nationell", name="Nationell samverkan", kind=SpaceKind.NATIONAL, county_id=None
    )
    admin = make_role_user(space, "admin", full_name="Johan Samordnare")
    give_totp(admin)
    give_totp(superuser)
    version = make_register(space)
    return SimpleNamespace(
        space=space,
        other_space=other_space,
        national=national,
        admin=admin,
        analyst=make_role_user(space, "analyst", full_name="Leila Analytiker"),
        member=make_role_user(space, "member", full_name="Maja Medlem"),
        guest=make_role_user(space, "guest", full_name="Gustav Gäst"),
        outsider=make_role_user(other_space, "member", full_name="Olle Utomstående"),
        national_member=make_role_user(national, "member", full_name="Nina Nationell"),
        superuser=superuser,
        version=version,
    )
