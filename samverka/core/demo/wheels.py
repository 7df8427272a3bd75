"""Demo: the bodies' annual wheels for this year (seed 004 ch. 6.4.1, seed 000 ch. 2.3, seed 001).

Every active industry forum follows the industry-forum wheel (the first forum of
each space hosts the shared future seminar); MSV KLL's dialogue group runs the
strategic cycle with the regions; the process-leader network meets every six
weeks and holds the status-report rounds. The whole year is generated, also
the dates already past, so the wheels show a full year.
"""

from django.utils import timezone

from samverka.bodies.models import Body, BodyKind, BodyStatus
from samverka.core.demo.accounts import NATIONAL_SLUG
from samverka.wheels.services import wheel_adopt

#: (space slug, body name, template keys)
NATIONAL_WHEELS = [
    (NATIONAL_SLUG, "Dialoggruppen för Regional kontakt", ("national_cycle",)),
    (NATIONAL_SLUG, "Processledarnätverket", ("process_leaders", "status_reports")),
]


def load_wheels() -> int:
    """Adopt the demo's wheels for the current year; returns the number of meetings created."""
    year = timezone.localdate().year
    created = 0
    forums = Body.objects.filter(kind=BodyKind.INDUSTRY_FORUM, status=BodyStatus.ACTIVE).order_by("space", "pk")
    plan = [(body, ("industry_forum",)) for body in forums]
    for slug, name, keys in NATIONAL_WHEELS:
        body = Body.objects.filter(space__slug=slug, name=name).first()
        if body is not None:
            plan.append((body, keys))
    for body, keys in plan:
        for key in keys:
            result = wheel_adopt(actor=None, body=body, template_key=key, year=year, include_past=True)
            created += len(result.created)
    return created
