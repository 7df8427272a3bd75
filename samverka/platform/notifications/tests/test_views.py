"""The outbox pages: who sees what, the retry button, and a query count that does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import give_totp
from samverka.platform.notifications.models import OutboxMessage, OutboxStatus
from samverka.platform.notifications.services import EmailSpec, enqueue_emails
from samverka.testing.factories import make_space, make_user

pytestmark = pytest.mark.django_db


def queue(space, n: int, prefix: str = "m", **extra) -> None:
    enqueue_emails(
        [
            EmailSpec(
                to=f"p{i}@example.se",
                subject=f"{prefix} subject {i}",
                body=f"Hej {i}",
                key=f"{prefix}:{space.slug if space else 'none'}:{i}",
                attachments=(("kallelse.ics", b"BEGIN:VCALENDAR", "text/calendar"),),
                **extra,
            )
            for i in range(n)
        ],
        space=space,
    )


@pytest.fixture
def world(space, other_space, make_role_user, superuser):
    queue(space, 3, "own")
    queue(other_space, 2, "foreign")
    queue(None, 1, "account")
    give_totp(superuser)
    return {
        "secretariat": make_role_user(space, "secretariat"),
        "member": make_role_user(space, "member"),
        "guest": make_role_user(space, "guest"),
        "superuser": superuser,
    }


def url(name, space=None, **kwargs):
    if space is not None:
        kwargs["space"] = space.slug
    return reverse(f"notifications:{name}", kwargs=kwargs)


def test_secretariat_sees_only_its_own_space(client, space, other_space, world):
    client.force_login(world["secretariat"])
    response = client.get(url("outbox", space))
    assert response.status_code == 200
    text = response.content.decode()
    assert "own subject 0" in text and "own subject 2" in text
    assert "foreign subject" not in text and "account subject" not in text
    assert client.get(url("outbox", other_space)).status_code == 403
    assert client.get(url("outbox")).status_code == 403
    foreign = OutboxMessage.objects.get(key="foreign:orebro:0")
    # Not through its own space's URL, not through the other space's URL.
    assert client.get(url("outbox-message", space, pk=foreign.pk)).status_code == 404
    assert client.get(url("outbox-message", other_space, pk=foreign.pk)).status_code == 404
    assert client.post(url("outbox-retry", other_space, pk=foreign.pk)).status_code == 404


@pytest.mark.parametrize("who", ["member", "guest"])
def test_members_and_guests_do_not_see_the_outbox(client, space, world, who):
    client.force_login(world[who])
    own = OutboxMessage.objects.get(key="own:sormland:0")
    assert client.get(url("outbox", space)).status_code == 403
    assert client.get(url("outbox-message", space, pk=own.pk)).status_code == 404
    OutboxMessage.objects.filter(pk=own.pk).update(status=OutboxStatus.FAILED)
    assert client.post(url("outbox-retry", space, pk=own.pk)).status_code == 404
    assert OutboxMessage.objects.get(pk=own.pk).status == OutboxStatus.FAILED


def test_anonymous_is_sent_to_login(client, space, world):
    response = client.get(url("outbox", space))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_menu_shows_the_outbox_to_the_secretariat_only(client, space, world):
    link = url("outbox", space)
    client.force_login(world["secretariat"])
    assert link in client.get(reverse("bodies:body-list", kwargs={"space": space.slug})).content.decode()
    client.force_login(world["member"])
    assert link not in client.get(reverse("bodies:body-list", kwargs={"space": space.slug})).content.decode()


def test_platform_admin_sees_everything(client, world):
    client.force_login(world["superuser"])
    text = client.get(url("outbox")).content.decode()
    assert "own subject 0" in text and "foreign subject 1" in text and "account subject 0" in text


def test_status_filter(client, space, world):
    OutboxMessage.objects.filter(key="own:sormland:1").update(status=OutboxStatus.FAILED)
    client.force_login(world["secretariat"])
    text = client.get(url("outbox", space), {"status": "failed"}).content.decode()
    assert "own subject 1" in text and "own subject 0" not in text
    # A made-up status is ignored, not an error.
    assert client.get(url("outbox", space), {"status": "bogus"}).status_code == 200
    assert client.get(url("outbox", space), {"page": "999"}).status_code == 200


def test_detail_shows_text_and_attachment_names(client, space, world):
    client.force_login(world["secretariat"])
    message = OutboxMessage.objects.get(key="own:sormland:2")
    text = client.get(url("outbox-message", space, pk=message.pk)).content.decode()
    assert "Hej 2" in text and "kallelse.ics" in text and message.message_id.strip("<>") in text
    assert "BEGIN:VCALENDAR" not in text  # the attachment content is not dumped on the page


def test_retry_a_failed_message(client, space, world):
    message = OutboxMessage.objects.get(key="own:sormland:0")
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED, attempts=5, last_error="timed out")
    client.force_login(world["secretariat"])
    detail = client.get(url("outbox-message", space, pk=message.pk)).content.decode()
    assert "timed out" in detail and url("outbox-retry", space, pk=message.pk) in detail
    response = client.post(url("outbox-retry", space, pk=message.pk))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 0


def test_retry_of_a_sent_message_explains_and_changes_nothing(client, space, world):
    message = OutboxMessage.objects.get(key="own:sormland:0")
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.SENT, attempts=1)
    client.force_login(world["secretariat"])
    response = client.post(url("outbox-retry", space, pk=message.pk), follow=True)
    assert response.status_code == 200
    notices = list(response.context["messages"])
    assert [n.level_tag for n in notices] == ["error"]
    assert str(notices[0]) in response.content.decode()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 1


def test_retry_needs_post(client, space, world):
    message = OutboxMessage.objects.get(key="own:sormland:0")
    client.force_login(world["secretariat"])
    assert client.get(url("outbox-retry", space, pk=message.pk)).status_code == 405


def count_queries(client, user, path) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_outbox_page_queries_do_not_grow(client, superuser):
    give_totp(superuser)
    counts = {}
    for n in (5, 50):
        space = make_space(slug=f"size-{n}", name=f"Size {n}")
        secretariat = make_user(role_in=space, role="secretariat")
        queue(space, n, f"q{n}")
        OutboxMessage.objects.filter(space=space, pk__in=OutboxMessage.objects.filter(space=space)[:2]).update(
            status=OutboxStatus.FAILED
        )
        message = OutboxMessage.objects.filter(space=space).first()
        counts[n] = (
            count_queries(client, secretariat, url("outbox", space)),
            count_queries(client, secretariat, url("outbox-message", space, pk=message.pk)),
            count_queries(client, superuser, url("outbox")),
        )
    assert counts[5] == counts[50], counts
    assert max(counts[50]) <= 20, counts
