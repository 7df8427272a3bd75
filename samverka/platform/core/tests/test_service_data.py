"""The typed input of the services: what a caller gives is what the service sees."""

from dataclasses import FrozenInstanceError, dataclass

import pytest

from samverka.platform.core.service_data import UNSET, ServiceData, Unset


@dataclass(frozen=True, kw_only=True)
class ThingData(ServiceData):
    name: str | Unset = UNSET
    parent: int | None | Unset = UNSET
    is_public: bool | Unset = UNSET


def test_given_holds_only_the_fields_the_caller_gave_and_keeps_none():
    assert ThingData().given() == {}
    assert ThingData(name="Forum", parent=None).given() == {"name": "Forum", "parent": None}
    assert ThingData(is_public=False).given() == {"is_public": False}


def test_an_unknown_field_is_refused_before_any_service_runs():
    with pytest.raises(TypeError, match="colour"):
        ThingData(**{"name": "Forum", "colour": "red"})


def test_the_input_cannot_be_changed_on_the_way():
    data = ThingData(name="Forum")
    with pytest.raises(FrozenInstanceError):
        data.__setattr__("name", "Annat")
