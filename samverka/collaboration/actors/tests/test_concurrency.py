"""Two people publishing the same map at the same moment get consecutive revision numbers."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from samverka.collaboration.actors import services
from samverka.collaboration.actors.models import LandscapeRevision
from samverka.testing.factories import make_organisation, make_space, make_user


@pytest.mark.django_db(transaction=True)
def test_concurrent_publishing_gets_consecutive_numbers(geography):
    space = make_space(slug="sormland", county_id="04")
    make_organisation(name="Region Sörmland")
    publishers = [make_user(role_in=space, role="secretariat") for _ in range(4)]
    barrier = threading.Barrier(len(publishers))
    errors: list[BaseException] = []

    def publish(user):
        try:
            barrier.wait(timeout=10)
            for _attempt in range(200):
                try:
                    services.landscape_publish(space=space, actor=user, summary=f"by {user.email}")
                    return
                except OperationalError as error:
                    # The in-memory SQLite test database (shared cache) reports "table is locked" at
                    # once instead of waiting like a file database does; wait here instead.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
            raise AssertionError("could not publish")
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(user,)) for user in publishers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(LandscapeRevision.objects.filter(space=space).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]
