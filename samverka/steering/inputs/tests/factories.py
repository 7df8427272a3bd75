"""Rows for the inputs tests: inputs through the services, goals and decisions through the models."""

import itertools
from datetime import date
from typing import Any

from django.utils import timezone

from samverka.collaboration.actors.models import GeographicLevel, Organisation, OrganisationType
from samverka.collaboration.meetings.models import Decision
from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal, GoalKind
from samverka.steering.inputs import services
from samverka.steering.inputs.models import Channel, Input
from samverka.testing.factories import make_body, make_contact, make_organisation

YEAR = 2026
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_n = itertools.count(1)


def make_region(name: str | None = None, *, email: str | None = "kontakt@region.example.se") -> Organisation:
    """A region with one contact (with an e-mail address unless ``email`` is None)."""
    region = make_organisation(
        name=name or f"Region {next(_n)}",
        type=OrganisationType.REGION,
        level=GeographicLevel.REGIONAL,
        municipality_id=None,
        employs=False,
    )
    if email is not None:
        make_contact(organisation=region, name=f"Kontakt {region.name}", email=email)
    return region


def make_goal(space: Space, *, year: int = YEAR, parent: Goal | None = None, **extra: Any) -> Goal:
    n = next(_n)
    fields: dict[str, Any] = {
        "kind": GoalKind.RESULT if parent is not None else GoalKind.EFFECT,
        "code": f"{'R' if parent is not None else 'E'}{n}",
        "title": f"Mål {n}",
    }
    fields.update(extra)
    return Goal.objects.create(space=space, year=year, parent=parent, **fields)


def make_decision(space: Space, *, year: int = YEAR, text: str = "Styrgruppen fastställer målen.") -> Decision:
    body = make_body(space=space, name=f"Styrgruppen {next(_n)}", kind="steering_group")
    return Decision.objects.create(
        body=body, year=year, number=1, text=text, decided_on=date(year, 3, 15), opened_at=timezone.now()
    )


def make_input(space: Space, organisation: Organisation | None = None, **extra: Any) -> Input:
    data: dict[str, Any] = {
        "source_organisation": organisation or make_region(),
        "channel": Channel.FOCUS_GROUP,
        "received_on": date(YEAR - 1, 12, 5),
        "goal_year": YEAR,
        "topic": f"Inspel {next(_n)}",
        "text": "<p>Fler vägar till yrkesutbildning.</p>",
    }
    data.update(extra)
    return services.input_register(actor=None, space=space, data=services.InputData(**data))
