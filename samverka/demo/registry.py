"""Demo: a year of registered cases in MSV KLL and in Kompetensplattform Sörmland.

Each space gets its registration series (MSV; RS-KV for Sörmland) and about a dozen cases spread over
the past year: government assignments, inquiries, consultation responses and external requests with
incoming and outgoing documents (a few with a small file), two documents marked secret under OSL
with their provision, one case voided, several closed. In MSV KLL the government assignment's report
is decided (linked to a steering group decision when the meetings demo has one) and dispatched to
Regeringskansliet.

Everything goes through the registry services as the registrar would do it. Deterministic: dates are
fixed offsets back from today; the loader skips a space that already has cases, and skips a space
(or the whole demo) when the space or its registrar account is missing.
"""

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.demo.retention import ensure_schedule
from samverka.platform.spaces.models import Space
from samverka.records.registry import services, workflow
from samverka.records.registry.models import Case, CaseStatus, CaseType, Direction, DispatchMethod, RegistrationSeries

IN, OUT, INT = Direction.INCOMING, Direction.OUTGOING, Direction.INTERNAL

# A document: (days after the case opened, direction, subject, counterpart, document type, file name or "",
#              secrecy provision or "")
Doc = tuple[int, str, str, str, str, str, str]
# A case: (days ago opened, title, public title, case type, final status, documents)
CaseSpec = tuple[int, str, str, str, str, list[Doc]]

NATIONAL_CASES: list[CaseSpec] = [
    (
        350,
        "Regeringsuppdrag att samordna myndigheternas arbete med kompetensförsörjning",
        "",
        CaseType.GOVERNMENT_ASSIGNMENT,
        CaseStatus.DISPATCHED,
        [
            (
                0,
                IN,
                "Regeringsbeslut om uppdrag (U2025/01234)",
                "Regeringskansliet",
                "inkommande-skrivelse",
                "regeringsbeslut.pdf",
                "",
            ),
            (60, INT, "Projektplan för uppdraget", "", "rapport", "", ""),
            (300, OUT, "Redovisning av regeringsuppdraget", "Regeringskansliet", "beslut", "redovisning.pdf", ""),
        ],
    ),
    (
        320,
        "Remiss: Betänkandet En gemensam kompetensförsörjning (SOU 2025:40)",
        "",
        CaseType.CONSULTATION_RESPONSE,
        CaseStatus.CLOSED,
        [
            (0, IN, "Remiss av SOU 2025:40", "Utbildningsdepartementet", "inkommande-skrivelse", "", ""),
            (40, OUT, "Remissvar SOU 2025:40", "Utbildningsdepartementet", "remissvar", "remissvar.pdf", ""),
        ],
    ),
    (
        280,
        "Förfrågan om statistik över validering inom yrkesvux",
        "",
        CaseType.INQUIRY,
        CaseStatus.CLOSED,
        [
            (0, IN, "Förfrågan om valideringsstatistik", "Skolverket", "inkommande-skrivelse", "", ""),
            (12, OUT, "Svar med statistik", "Skolverket", "inkommande-skrivelse", "", ""),
        ],
    ),
    (
        240,
        "Ansökan om deltagande i nätverket för regionala analytiker",
        "Ansökan om deltagande i nätverk",
        CaseType.EXTERNAL_REQUEST,
        CaseStatus.CLOSED,
        [
            (
                0,
                IN,
                "Ansökan med uppgifter om sökandes hälsa och arbetsförmåga",
                "Karin Lund",
                "anmalan",
                "",
                "OSL 21 kap. 1 §",
            ),
            (9, OUT, "Besked om deltagande", "Karin Lund", "kallelse", "", ""),
        ],
    ),
    (
        200,
        "Inbjudan till nätverksträff om regional kompetensförsörjning",
        "",
        CaseType.OTHER,
        CaseStatus.CLOSED,
        [(0, IN, "Inbjudan till nätverksträff", "Tillväxtverket", "kallelse", "", "")],
    ),
    (
        170,
        "Dialog med branschrådet vård och omsorg",
        "",
        CaseType.INQUIRY,
        CaseStatus.PREPARATION,
        [
            (
                0,
                IN,
                "Underlag om undersköterskebristen",
                "Branschorganisation vård och omsorg",
                "inkommande-skrivelse",
                "",
                "",
            ),
            (
                20,
                IN,
                "Kalkyl med affärsuppgifter från medlemsföretag",
                "Branschorganisation vård och omsorg",
                "inkommande-skrivelse",
                "kalkyl.txt",
                "OSL 31 kap. 16 §",
            ),
        ],
    ),
    (
        130,
        "Begäran om allmänna handlingar: protokoll från styrgruppen",
        "",
        CaseType.DOCUMENT_REQUEST,
        CaseStatus.CLOSED,
        [
            (0, IN, "Begäran om kopia av protokoll", "Journalist", "inkommande-skrivelse", "", ""),
            (2, OUT, "Utlämnade kopior", "Journalist", "inkommande-skrivelse", "", ""),
        ],
    ),
    (
        90,
        "Gemensam lägesbild av utbud och efterfrågan 2026",
        "",
        CaseType.DECISION_MATTER,
        CaseStatus.READY,
        [(0, INT, "Utkast till lägesbild", "", "rapport", "lagesbild.txt", "")],
    ),
    (
        60,
        "Registrerad av misstag (dubblett av remissärendet)",
        "",
        CaseType.CONSULTATION_RESPONSE,
        "voided",
        [],
    ),
    (
        30,
        "Förfrågan från riksdagsledamot om regionernas kompetensplattformar",
        "",
        CaseType.INQUIRY,
        CaseStatus.INITIATED,
        [(0, IN, "Fråga om kompetensplattformarnas finansiering", "Riksdagen", "inkommande-skrivelse", "", "")],
    ),
    (
        8,
        "Regeringsuppdrag om omställningsstödet – delredovisning",
        "",
        CaseType.GOVERNMENT_ASSIGNMENT,
        CaseStatus.PREPARATION,
        [(0, IN, "Ändringsbeslut i regleringsbrev", "Regeringskansliet", "inkommande-skrivelse", "", "")],
    ),
]

SORMLAND_CASES: list[CaseSpec] = [
    (
        340,
        "Handlingsplan för kompetensförsörjning i Sörmland 2026–2028",
        "",
        CaseType.DECISION_MATTER,
        CaseStatus.CLOSED,
        [
            (0, INT, "Förslag till handlingsplan", "", "rapport", "handlingsplan.txt", ""),
            (50, OUT, "Beslutad handlingsplan till kommunerna", "Kommunerna i Sörmlands län", "beslut", "", ""),
        ],
    ),
    (
        300,
        "Programråd vård och omsorg: behov av utbildningsplatser",
        "",
        CaseType.INQUIRY,
        CaseStatus.CLOSED,
        [
            (0, IN, "Behovsinventering från Eskilstuna kommun", "Eskilstuna kommun", "inkommande-skrivelse", "", ""),
            (30, OUT, "Sammanställning till programrådet", "Programråd vård och omsorg", "rapport", "", ""),
        ],
    ),
    (
        230,
        "Samverkan med Arbetsförmedlingen om yrkesutbildning",
        "",
        CaseType.EXTERNAL_REQUEST,
        CaseStatus.DECIDED,
        [(0, IN, "Förslag om samverkansavtal", "Arbetsförmedlingen", "inkommande-skrivelse", "", "")],
    ),
    (
        180,
        "Ansökan om stöd för validering av enskild",
        "Ansökan om stöd",
        CaseType.EXTERNAL_REQUEST,
        CaseStatus.CLOSED,
        [
            (
                0,
                IN,
                "Ansökan med uppgifter om sökandes personliga förhållanden",
                "Mikael Öst",
                "anmalan",
                "",
                "OSL 21 kap. 7 §",
            ),
            (14, OUT, "Besked om stöd", "Mikael Öst", "beslut", "", ""),
        ],
    ),
    (
        120,
        "Remiss: Regional utvecklingsstrategi för Sörmland",
        "",
        CaseType.CONSULTATION_RESPONSE,
        CaseStatus.PREPARATION,
        [(0, IN, "Remiss av regional utvecklingsstrategi", "Region Sörmland", "inkommande-skrivelse", "", "")],
    ),
    (
        45,
        "Inbjudan till Kompetensförsörjningsdagarna",
        "",
        CaseType.OTHER,
        CaseStatus.CLOSED,
        [(0, IN, "Inbjudan", "MSV KLL", "kallelse", "", "")],
    ),
    (
        10,
        "Lokal kompetensverkstad Katrineholm: lägesrapport",
        "",
        CaseType.INQUIRY,
        CaseStatus.INITIATED,
        [(0, IN, "Lägesrapport", "Katrineholms kommun", "rapport", "", "")],
    ),
]

STEPS: dict[str, list[str]] = {
    CaseStatus.INITIATED: [],
    CaseStatus.PREPARATION: [CaseStatus.PREPARATION],
    CaseStatus.READY: [CaseStatus.PREPARATION, CaseStatus.READY],
    CaseStatus.DECIDED: [CaseStatus.PREPARATION, CaseStatus.READY, CaseStatus.DECIDED],
    CaseStatus.DISPATCHED: [CaseStatus.PREPARATION, CaseStatus.READY],  # decided and dispatched below
    CaseStatus.CLOSED: [CaseStatus.PREPARATION, CaseStatus.CLOSED],
}


def _file(name: str, subject: str) -> SimpleUploadedFile:
    """A small real document whose text is searchable: a one-page PDF, or plain text."""
    body = (
        f"{subject}. Handlingen gäller samverkan om kompetensförsörjning, validering och "
        "utbildningsplanering mellan myndigheter, regioner och branscher. Demo-handling."
    )
    if name.endswith(".pdf"):
        from django.utils.html import escape
        from weasyprint import HTML

        content = HTML(string=f"<h1>{escape(subject)}</h1><p>{escape(body)}</p>").write_pdf()
        return SimpleUploadedFile(name, content, content_type="application/pdf")
    return SimpleUploadedFile(name, f"{subject}\n\n{body}\n".encode(), content_type="text/plain")


def _decision(space: Space) -> Any:
    from samverka.collaboration.meetings.models import Decision

    return Decision.objects.filter(body__space=space).order_by("-decided_on", "-pk").first()


def _load_space(space: Space, registrar: Any, code: str, name: str, specs: list[CaseSpec]) -> int:
    if Case.objects.filter(space=space).exists():
        return 0
    ensure_schedule(space)  # a document's type is one of the retention schedule's
    series, _created = RegistrationSeries.objects.get_or_create(space=space, code=code, defaults={"name": name})
    today = timezone.localdate()
    made = 0
    for days_ago, title, public_title, case_type, final, documents in specs:
        opened = today - timedelta(days=days_ago)
        case = services.case_register(
            actor=registrar,
            series=series,
            title=title,
            public_title=public_title,
            case_type=case_type,
            responsible=registrar,
            opened_on=opened,
            deadline=opened + timedelta(days=90) if case_type == CaseType.GOVERNMENT_ASSIGNMENT else None,
        )
        made += 1
        last_outgoing = None
        for offset, direction, subject, counterpart, document_type, file_name, provision in documents:
            day = min(opened + timedelta(days=offset), today)
            document = services.document_register(
                actor=registrar,
                case=case,
                direction=direction,
                subject=subject,
                counterpart=counterpart,
                received_on=day if direction == IN else None,
                created_on=day if direction != IN else None,
                document_type=document_type,
                files=[_file(file_name, subject)] if file_name else [],
            )
            if provision:
                services.secrecy_mark(
                    actor=registrar, document=document, provision=provision, authority=space.name, marked_on=day
                )
            if direction == OUT:
                last_outgoing = (document, day)
        if final == "voided":
            workflow.case_void(actor=registrar, case=case, reason="Registrerad två gånger; se remissärendet.")
            continue
        for step in STEPS[final]:
            workflow.case_set_status(actor=registrar, case=case, status=step)
        if final == CaseStatus.DISPATCHED:
            _decide_and_dispatch(space, registrar, case, last_outgoing)
    return made


def _decide_and_dispatch(space: Space, registrar: Any, case: Case, outgoing: tuple[Any, date] | None) -> None:
    decision = _decision(space)
    if decision is not None:
        workflow.case_decide(actor=registrar, case=case, decision=decision, note="Beslut i styrgruppen.")
    else:
        workflow.case_set_status(actor=registrar, case=case, status=CaseStatus.DECIDED, note="Beslut av GD-gruppen.")
    document, day = outgoing if outgoing is not None else (None, timezone.localdate())
    workflow.dispatch_record(
        actor=registrar,
        case=case,
        recipient="Regeringskansliet (Utbildningsdepartementet)",
        method=DispatchMethod.E_SERVICE,
        sent_on=day,
        document=document,
    )


def load_registry() -> int:
    """Load the registry demo of MSV KLL and Sörmland; returns the number of cases made."""
    users = get_user_model().objects
    made = 0
    for slug, email, code, name, specs in (
        (NATIONAL_SLUG, "registrator@msv.example", "MSV", "Diarium MSV KLL", NATIONAL_CASES),
        (SORMLAND_SLUG, "samordnare@sormland.example", "RS-KV", "Diarium Kompetensplattform Sörmland", SORMLAND_CASES),
    ):
        space = Space.objects.filter(slug=slug).first()
        registrar = users.filter(email=email).first()
        if space is None or registrar is None:
            continue
        made += _load_space(space, registrar, code, name, specs)
    return made
