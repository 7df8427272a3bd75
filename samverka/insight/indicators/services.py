"""Every write of the indicators app: saving and changing outlook scenarios.

Each function is one transaction and checks the actor's permission first; ``actor=None`` means the
system (demo loader) and skips the check. A scenario is only saved when its assumptions give a
projection (known occupation, region and year in a version the actor may read), so that a saved
scenario always opens.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.insight.indicators import outlook, selectors
from samverka.insight.indicators.models import Scenario
from samverka.insight.statistics.models import DatasetVersion
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.spaces.models import Space


@dataclass(frozen=True, kw_only=True)
class ScenarioData(ServiceData):
    """A scenario's assumptions: what its form and scenario_create/scenario_update accept."""

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    version: DatasetVersion | Unset = UNSET
    ssyk: str | Unset = UNSET
    region: str | Unset = UNSET
    base_year: str | Unset = UNSET
    retirement_age: int | Unset = UNSET
    older_exit_rate: float | Unset = UNSET
    exit_rates: dict[str, Any] | Unset = UNSET
    inflow_mode: str | Unset = UNSET
    inflow_number: float | Unset = UNSET
    inflow_rate: float | Unset = UNSET
    demand_mode: str | Unset = UNSET
    growth_rate: float | Unset = UNSET
    growth_uncertainty: float | Unset = UNSET
    inflow_uncertainty: float | Unset = UNSET


def _apply(scenario: Scenario, actor: User | None, data: ScenarioData) -> None:
    for name, value in data.given().items():
        setattr(scenario, name, value)
    if actor is not None and not selectors.visible_versions(actor).filter(pk=scenario.version_id).exists():
        raise ValidationError({"version": _("Choose a dataset version you may read.")})
    scenario.full_clean(exclude=["space", "created_by"])
    try:
        outlook.project(version=scenario.version, assumptions=outlook.Assumptions.of(scenario))
    except ValidationError as error:
        raise ValidationError({"__all__": error.messages}) from error


@transaction.atomic
def scenario_create(*, actor: User | None, space: Space, data: ScenarioData) -> Scenario:
    """Save a new outlook scenario in ``space`` with the assumptions in ``data``."""
    if actor is not None:
        ensure(actor.has_perm("indicators.add_scenario", space))
    scenario = Scenario(space=space, created_by=actor if actor is not None and actor.is_authenticated else None)
    _apply(scenario, actor, data)
    scenario.save()
    return scenario


@transaction.atomic
def scenario_update(*, actor: User | None, scenario: Scenario, data: ScenarioData) -> Scenario:
    """Change a scenario's assumptions (all of them are editable)."""
    if actor is not None:
        ensure(actor.has_perm("indicators.change_scenario", scenario))
    _apply(scenario, actor, data)
    scenario.save()
    return scenario


@transaction.atomic
def scenario_delete(*, actor: User | None, scenario: Scenario) -> None:
    if actor is not None:
        ensure(actor.has_perm("indicators.change_scenario", scenario))
    scenario.delete()
