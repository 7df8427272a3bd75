"""The demo's meetings, loaded once per test module that walks them.

``load_meeting_demo`` runs the same steps as ``manage.py load_demo`` up to and
including the meeting-related parts (people and bodies, annual wheels, the
rolling year of meetings with documents, minutes, invitations, the scheduling
poll and the events), in the command's order. The later parts of the demo
(goals, registry, statistics…) do not touch meetings' privacy, minutes or
status, and leaving them out keeps a walk over every meeting affordable.

Use the ``meeting_demo`` fixture in a module: it loads once for the module
(committed to the test database) and empties the database afterwards, so the
next module starts clean.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command


def load_meeting_demo() -> None:
    from samverka.demo.calendars import load_calendars
    from samverka.demo.events import load_events
    from samverka.demo.loader import DemoLoader
    from samverka.demo.meetings import load_meetings
    from samverka.demo.minutes import load_invitations, load_minutes
    from samverka.demo.wheels import load_wheels

    DemoLoader().load()
    load_wheels()
    load_meetings()
    load_minutes()
    load_invitations()
    load_calendars()
    load_events()


@pytest.fixture(scope="module")
def meeting_demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[None]:
    from django.conf import settings

    from conftest import restore_reference_data

    media = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("meeting-demo-media"))
    with django_db_blocker.unblock():
        # A transactional test earlier in this worker may have flushed the reference data (counties…).
        restore_reference_data()
        load_meeting_demo()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            restore_reference_data()
        settings.MEDIA_ROOT = media
