"""Demo: the one way in of MSV KLL — messages from the contact form in the triage queue (one
registered in a case, one handed to a body, two waiting) — and one request for a copy from the
public diary, registered as a request-for-documents case with its receipt in the outbox.

Runs after the registry demo: without registered cases in the national space the messages stay
waiting in the queue and no copy is requested. Deterministic: fixed senders and texts.
"""

from django.contrib.auth import get_user_model

from samverka.collaboration.bodies.models import Body
from samverka.demo.accounts import NATIONAL_SLUG
from samverka.platform.spaces.models import Space
from samverka.records.intake import services
from samverka.records.intake.models import IncomingItem
from samverka.records.registry.models import Case, CaseStatus, RegisteredDocument

REGISTRAR_EMAIL = "registrator@msv.example"

# (name, e-mail, organisation, subject, text)
MESSAGES = [
    (
        "Anders Nyberg",
        "anders.nyberg@eskilstuna.example",
        "Eskilstuna kommun",
        "Synpunkter på regeringsuppdraget om kompetensförsörjning",
        "Hej! Kommunen vill lämna synpunkter på hur uppdraget beskriver de lokala kompetensverkstäderna. "
        "Vi ser att vuxenutbildningen behöver vara med tidigare i arbetet. Vänliga hälsningar, Anders",
    ),
    (
        "Sofia Berg",
        "sofia.berg@vardforbundet.example",
        "Branschorganisation vård och omsorg",
        "Önskemål om dialog med branschrådet",
        "Vi vill gärna presentera vår nya kartläggning av undersköterskebristen för branschrådet vid ett "
        "kommande möte. Vem kan vi kontakta?",
    ),
    (
        "Mikael Öst",
        "mikael.ost@example.se",
        "",
        "Fråga om validering inom industrin",
        "Hej, jag är svetsare utan formell utbildning. Finns det något sätt att få mina kunskaper "
        "validerade i Sörmland?",
    ),
    (
        "Lina Jansson",
        "lina.jansson@tillvaxt.example",
        "Tillväxtverket",
        "Inbjudan till nätverksträff om regional kompetensförsörjning",
        "Välkomna till nätverksträffen den 14 maj i Stockholm. Anmälan senast två veckor innan.",
    ),
]


def load_intake() -> int:
    """Put the demo messages in the triage queue, triage two, request one copy; returns the items made."""
    space = Space.objects.filter(slug=NATIONAL_SLUG).first()
    if space is None or IncomingItem.objects.filter(space=space).exists():
        return 0
    items = [
        services.contact_receive(
            space=space,
            name=name,
            email=email,
            organisation=organisation,
            subject=subject,
            text=text,
        )
        for name, email, organisation, subject, text in MESSAGES
    ]
    registrar = get_user_model().objects.filter(email=REGISTRAR_EMAIL).first()
    if registrar is None:
        return len(items)
    case = (
        Case.objects.filter(space=space, is_voided=False)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("series")
        .order_by("-year", "-number")
        .first()
    )
    if case is not None:
        services.item_assign_case(actor=registrar, item=items[0], case=case)
    body = Body.objects.filter(space=space).order_by("name").first()
    if body is not None:
        services.item_assign_body(actor=registrar, item=items[1], body=body)
    document = (
        RegisteredDocument.objects.filter(case__space=space, is_voided=False, case__is_voided=False)
        .exclude(case__case_type="document_request")
        .select_related("case__series")
        .order_by("case__year", "case__number", "number")
        .first()
    )
    if document is not None:
        services.copy_request_register(
            space=space,
            document=document,
            name="Elin Strand",
            email="elin.strand@tidning.example",
            organisation="Sörmlands Nyheter",
            message="Jag vill gärna ha en kopia av handlingen som PDF via e-post.",
        )
    return len(items)
