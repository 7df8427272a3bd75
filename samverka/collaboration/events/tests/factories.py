"""Events for tests, made through the services (so they pass the same checks as real ones)."""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from samverka.collaboration.events import services
from samverka.collaboration.events.models import Event, EventKind, Registration
from samverka.platform.spaces.models import Space

_n = iter(range(1, 10**9))


def future(days: int = 30, hour: int = 9) -> datetime:
    """A naive Stockholm wall-clock time ``days`` from today (what a form hands the service)."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0)  # noqa: DTZ001


def make_event(*, space: Space, publish: bool = True, **extra: Any) -> Event:
    data: dict[str, Any] = {
        "kind": EventKind.KICKOFF,
        "title": f"Kickoff {next(_n)}",
        "description": "Välkomna till årets kickoff.",
        "place": "Stadshuset, Eskilstuna",
        "start": future(),
        "end": future(hour=16),
        "capacity": None,
        "is_public": True,
    }
    data.update(extra)
    event = services.event_create(actor=None, space=space, data=services.EventData(**data))
    if publish:
        services.event_publish(actor=None, event=event)
    return event


def register(event: Event, email: str | None = None, **extra: Any) -> Registration:
    n = next(_n)
    data: dict[str, Any] = {
        "name": f"Deltagare {n}",
        "email": email or f"deltagare{n}@example.se",
        "organisation_name": "Region Sörmland",
        "consent": True,
    }
    language = extra.pop("language", "en")  # the tests read the e-mails in English unless they say otherwise
    data.update(extra)
    return services.registration_create(
        event=event, data=services.RegistrationData(**data), actor=None, language=language
    )
