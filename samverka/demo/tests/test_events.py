"""The demo's events load through the services: a nearly full kickoff with a waiting list."""

import pytest

from samverka.collaboration.events.models import RegistrationStatus
from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.demo.events import load_events
from samverka.testing.factories import make_space

pytestmark = pytest.mark.django_db


def test_demo_events_have_a_programme_registrations_and_a_waiting_list():
    make_space(slug=SORMLAND_SLUG, name="Kompetensplattform Sörmland")
    make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)
    kickoff, webinar, network = load_events()
    assert kickoff.sessions.count() == 5
    assert kickoff.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert kickoff.registrations.filter(status=RegistrationStatus.WAITLISTED).count() == 2
    assert webinar.is_public and not network.is_public
