"""Invite 200 members to a meeting: time to queue the invitations, then time for the worker to send them.

Runs on the database ``make bench`` generated (DATABASE_URL). The body gets
200 current members with e-mail addresses, the secretariat creates a meeting
and sends the invitation through ``meetings.services.invitations_send`` (the
same call as the "Send invitation" button); then the outbox worker
(``notifications.services.send_pending``) delivers every message over SMTP to
a real local server (aiosmtpd on loopback) and the messages are counted there.
"""

import argparse
import json
import socket
import sys
import time
from datetime import timedelta

import environment  # benchmarks/environment.py

# Queue only: the worker below sends (in production a separate process does).
environment.setup(TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend")

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from samverka.collaboration.actors.models import Contact, Organisation  # noqa: E402
from samverka.collaboration.bodies.models import Body, Membership  # noqa: E402
from samverka.collaboration.meetings import services as meetings  # noqa: E402
from samverka.platform.accounts.models import User  # noqa: E402
from samverka.platform.notifications.models import OutboxMessage  # noqa: E402
from samverka.platform.notifications.services import send_pending  # noqa: E402
from samverka.platform.spaces.models import SpaceMembership  # noqa: E402

MEMBERS = 200


class Inbox:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.count += 1
        return "250 OK"


def prepare_body() -> Body:
    """A new body in the measured space with exactly MEMBERS current members, each with an address."""
    template = Body.objects.filter(closed_at__isnull=True, kind="industry_forum").order_by("pk").first()
    assert template is not None, "run generate_national_data first"
    run = time.strftime("%Y%m%d%H%M%S")
    body = Body.objects.create(
        space=template.space, name=f"Bänkforum {run}", kind=template.kind, area=template.area, status="active"
    )
    organisation = Organisation.objects.filter(county_id=body.space.county_id).order_by("pk").first() or (
        Organisation.objects.order_by("pk").first()
    )
    contacts = Contact.objects.bulk_create(
        [
            Contact(organisation=organisation, name=f"Bänkmedlem {i:03d}", email=f"bench.{run}.{i:03d}@example.se")
            for i in range(MEMBERS)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(body=body, contact=contact, organisation=organisation, role="member") for contact in contacts]
    )
    return body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--json", help="Append the result to this JSON-lines file.")
    args = parser.parse_args()

    body = prepare_body()
    admin = SpaceMembership.objects.filter(space=body.space, role="admin").select_related("user").first()
    actor = admin.user if admin else User.objects.filter(is_superuser=True).order_by("pk").first()
    assert actor is not None, "no administrator of the body's space"
    start = timezone.now().replace(microsecond=0, second=0, minute=0) + timedelta(days=14)
    meeting = meetings.meeting_create(
        actor=actor, body=body, title="Bänkmöte", start=start, end=start + timedelta(hours=2)
    )
    invitees = Membership.objects.filter(body=body).count()

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        with transaction.atomic():
            queued = meetings.invitations_send(actor=actor, meeting=meeting)
        queue_seconds = time.perf_counter() - started

    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    started = time.perf_counter()
    sent = 0
    while True:
        batch = send_pending(limit=100)
        sent += batch
        if not batch:
            break
    send_seconds = time.perf_counter() - started
    controller.stop()
    pending = OutboxMessage.objects.filter(key__startswith="meeting-invitation:").exclude(status="sent").count()

    queued_ok = queue_seconds < 2
    delivered = queued == invitees == inbox.count
    print(
        f"invitation to {invitees} members on {args.backend}: {queued} queued in {queue_seconds:.2f} s "
        f"({len(queries)} queries; target < 2 s: {'✔' if queued_ok else '✖'}); worker sent {sent} in "
        f"{send_seconds:.2f} s, the SMTP server received {inbox.count}; {pending} not sent "
        f"(target: all received: {'✔' if delivered else '✖'})"
    )
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            row = {
                "invitation": invitees,
                "backend": args.backend,
                "queued": queued,
                "queue_s": queue_seconds,
                "queries": len(queries),
                "sent": sent,
                "send_s": send_seconds,
                "received": inbox.count,
            }
            fh.write(json.dumps(row) + "\n")
    return 0  # a missed target is a ✖ above and in the summary, not a failed step


if __name__ == "__main__":
    sys.exit(main())
