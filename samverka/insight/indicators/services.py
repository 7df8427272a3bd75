"""Every write of the indicators app: saving and changing outlook scenarios.

Each function is one transaction and checks the actor's permission first; ``actor=None`` means the
system (demo loader) and skips the check. A scenario is only saved when its assumptions give a
projection (known occupation, region and year in a version the actor may read), so that a saved
scenario always opens.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.insight.indicators import outlook, selectors
from samverka.insight.indicators.models import Scenario
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space

#: The fields a scenario's form and the services accept.
SCENARIO_FIELDS = frozenset(
    {
        "title",
        "description",
        "version",
        "ssyk",
        "region",
        "base_year",
        "retirement_age",
        "older_exit_rate",
        "exit_rates",
        "inflow_mode",
        "inflow_number",
        "inflow_rate",
        "demand_mode",
        "growth_rate",
        "growth_uncertainty",
        "inflow_uncertainty",
    }
)


def _apply(scenario: Scenario, actor: Any, data: dict[str, Any]) -> None:
    unknown = set(data) - SCENARIO_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in data.items():
        setattr(scenario, name, value)
    if actor is not None and not selectors.visible_versions(actor).filter(pk=scenario.version_id).exists():
        raise ValidationError({"version": _("Choose a dataset version you may read.")})
    scenario.full_clean(exclude=["space", "created_by"])
    try:
        outlook.project(version=scenario.version, assumptions=outlook.Assumptions.of(scenario))
    except ValidationError as error:
        raise ValidationError({"__all__": error.messages}) from error


@transaction.atomic
def scenario_create(*, actor: Any, space: Space, data: dict[str, Any]) -> Scenario:
    """Save a new outlook scenario in ``space`` with the assumptions in ``data``."""
    if actor is not None:
        ensure(actor.has_perm("indicators.add_scenario", space))
    scenario = Scenario(space=space, created_by=actor if actor is not None and actor.is_authenticated else None)
    _apply(scenario, actor, data)
    scenario.save()
    return scenario


@transaction.atomic
def scenario_update(*, actor: Any, scenario: Scenario, data: dict[str, Any]) -> Scenario:
    """Change a scenario's assumptions (all of them are editable)."""
    if actor is not None:
        ensure(actor.has_perm("indicators.change_scenario", scenario))
    _apply(scenario, actor, data)
    scenario.save()
    return scenario


@transaction.atomic
def scenario_delete(*, actor: Any, scenario: Scenario) -> None:
    if actor is not None:
        ensure(actor.has_perm("indicators.change_scenario", scenario))
    scenario.delete()
