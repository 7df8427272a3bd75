"""E-mail intake: messages from the functional mailbox become items in the triage queue."""

from email.message import EmailMessage

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samverka.platform.notifications.models import OutboxMessage
from samverka.records.intake import mailbox
from samverka.records.intake.models import IncomingItem
from samverka.records.registry.testing import PDF_BYTES

pytestmark = pytest.mark.django_db


def mail(*, message_id="<1@example.se>", attachments=(), html=False, **headers) -> bytes:
    message = EmailMessage()
    message["From"] = headers.pop("sender", "Karin Karlsson <karin@example.se>")
    message["To"] = "diariet@msv.example"
    message["Subject"] = headers.pop("subject", "Remissvar om yrkesvux")
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    if html:
        message.set_content("<p>Hej &amp; tack!</p><script>alert(1)</script>", subtype="html")
    else:
        message.set_content("Hej! Här kommer vårt remissvar.")
    for name, content, kind in attachments:
        maintype, subtype = kind.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def test_a_mail_becomes_an_item_with_its_attachment_and_a_receipt(space):
    item = mailbox.item_from_email(space=space, raw=mail(attachments=[("Remissvar.pdf", PDF_BYTES, "application/pdf")]))
    assert item.channel == "email" and item.sender_email == "karin@example.se" and item.sender_name == "Karin Karlsson"
    assert item.subject == "Remissvar om yrkesvux" and "remissvar" in item.text
    assert item.attachments.get().name == "Remissvar.pdf"
    assert OutboxMessage.objects.filter(to="karin@example.se").count() == 1


def test_the_same_mail_twice_is_one_item(space):
    mailbox.item_from_email(space=space, raw=mail())
    assert mailbox.item_from_email(space=space, raw=mail()) is None
    assert IncomingItem.objects.count() == 1


def test_auto_replies_and_bounces_get_no_item_and_no_receipt(space):
    assert mailbox.item_from_email(space=space, raw=mail(Auto_Submitted="auto-replied")) is None
    assert mailbox.item_from_email(space=space, raw=mail(sender="MAILER-DAEMON@example.se", message_id="<2@x>")) is None
    assert not IncomingItem.objects.exists() and not OutboxMessage.objects.exists()


def test_a_refused_attachment_does_not_lose_the_message(space):
    raw = mail(attachments=[("faktura.pdf", b"MZ\x90\x00 program", "application/pdf")])
    item = mailbox.item_from_email(space=space, raw=raw)
    assert not item.attachments.exists()
    assert "faktura.pdf" in item.text


def test_html_mail_is_taken_in_as_plain_text(space):
    item = mailbox.item_from_email(space=space, raw=mail(html=True))
    assert "Hej & tack!" in item.text and "<script>" not in item.text and "alert" not in item.text


class FakeImap:
    """Just enough of imaplib.IMAP4 for read_mailbox: two unread messages."""

    instances: list["FakeImap"] = []

    def __init__(self, host, port):
        self.messages = {b"1": mail(message_id="<a@x>"), b"2": mail(message_id="<b@x>", sender="inte en adress")}
        self.seen: list[bytes] = []
        FakeImap.instances.append(self)

    def login(self, user, password):
        return "OK", [b""]

    def select(self, folder):
        return "OK", [b"2"]

    def uid(self, command, *args):
        if command == "search":
            return "OK", [b" ".join(self.messages)]
        if command == "fetch":
            return "OK", [(b"1 (BODY[] {100}", self.messages[args[0]]), b")"]
        if command == "store":
            self.seen.append(args[0])
            return "OK", [b""]
        raise AssertionError(command)

    def logout(self):
        return "BYE", [b""]


def test_the_command_reads_the_mailbox_and_marks_messages_read(space, settings, monkeypatch, capsys):
    settings.INTAKE_MAILBOXES = {space.slug: {"host": "imap.example.se", "user": "u", "password": "p"}}
    monkeypatch.setattr(mailbox.imaplib, "IMAP4_SSL", FakeImap)
    call_command("read_intake_mailbox")
    assert IncomingItem.objects.get().message_id == "<a@x>"
    assert FakeImap.instances[-1].seen == [b"1", b"2"]
    assert "1 taken in, 0 skipped, 1 left for a person" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("read_intake_mailbox", space="okand")
