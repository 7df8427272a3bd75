"""Demo: the retention schedule (gallringsplan) of each space with a registry, and one executed disposal run.

The schedule preserves what the archive needs (cases' incoming letters, decisions, minutes,
consultation responses, reports) and disposes of documents of temporary importance under
Riksarkivet's RA-FS 1991:6 and of registrations for network meetings under the space's own
disposal decision. After the registry demo, a network meeting's case (invitation and two
registrations from named people) is closed and disposed of in a run proposed by the registrar
and approved by the administrator, so the disposal log has rows. Skips quietly when the national
space, its registry series or the demo accounts are missing. Deterministic; everything goes
through the services.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samverka.demo.accounts import NATIONAL_SLUG
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space
from samverka.records.registry.models import CaseStatus, CaseType, Direction, RegistrationSeries
from samverka.records.retention import selectors, services
from samverka.records.retention.models import DisposalRun, RetentionAction, RetentionRule

OWN_DECISION = "Gallringsbeslut MSV KLL 2025:1"

SCHEDULE = [
    ("inkommande-skrivelse", "Inkommande skrivelser i ärenden", RetentionAction.PRESERVE, None, ""),
    ("beslut", "Beslut och beslutsunderlag", RetentionAction.PRESERVE, None, ""),
    ("protokoll", "Protokoll från styrgrupp och arbetsgrupper", RetentionAction.PRESERVE, None, ""),
    ("remissvar", "Remissvar", RetentionAction.PRESERVE, None, ""),
    ("rapport", "Rapporter och lägesbilder", RetentionAction.PRESERVE, None, ""),
    (
        "kallelse",
        "Kallelser och inbjudningar av tillfällig betydelse",
        RetentionAction.DISPOSE,
        0,
        "RA-FS 1991:6",
    ),
    (
        "arbetsmaterial",
        "Arbetsmaterial och minnesanteckningar som inte tillfört ärendet sakuppgifter",
        RetentionAction.DISPOSE,
        2,
        "RA-FS 1991:6",
    ),
    ("anmalan", "Anmälningar till nätverksträffar och konferenser", RetentionAction.DISPOSE, 0, OWN_DECISION),
]


def _txt(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def _network_meeting_case(space: Space, registrar: User) -> None:
    """A closed case of temporary importance whose documents are due for disposal."""
    from samverka.records.registry.services import case_register, document_register
    from samverka.records.registry.workflow import case_set_status

    series = RegistrationSeries.objects.filter(space=space, is_active=True).order_by("code").first()
    if series is None:
        return
    today = timezone.localdate()
    opened = today - timedelta(days=90)
    case = case_register(
        actor=registrar,
        series=series,
        title="Nationell nätverksträff för regionala kompetensplattformar i Örebro",
        case_type=CaseType.OTHER,
        opened_on=opened,
    )
    document_register(
        actor=registrar,
        case=case,
        direction=Direction.OUTGOING,
        subject="Inbjudan till nätverksträff för regionala kompetensplattformar",
        counterpart="Regionala kompetensplattformar",
        dispatched_on=opened,
        document_type="kallelse",
        files=[_txt("inbjudan.txt", "Välkommen till nätverksträff i Örebro. Anmälan senast en vecka före.")],
    )
    for days, person, organisation in (
        (10, "Eva Lindqvist", "Region Västmanland"),
        (12, "Ahmed Karimi", "Region Dalarna"),
    ):
        document_register(
            actor=registrar,
            case=case,
            direction=Direction.INCOMING,
            subject="Anmälan till nätverksträff",
            counterpart=f"{person}, {organisation}",
            received_on=opened + timedelta(days=days),
            document_type="anmalan",
            files=[_txt("anmalan.txt", f"{person}, {organisation}. Specialkost: vegetarisk.")],
        )
    case_set_status(actor=registrar, case=case, status=CaseStatus.CLOSED, note="Träffen genomförd.")


def ensure_schedule(space: Space) -> None:
    """Give ``space`` the demo retention schedule unless it has one: the registry demo calls this first, since
    a registered document's type is chosen from the schedule."""
    if RetentionRule.objects.filter(space=space).exists():
        return
    own = OWN_DECISION if space.slug == NATIONAL_SLUG else f"Gallringsbeslut {space.name} 2025:1"
    for code, name, action, years, decision in SCHEDULE:
        decision = own if decision == OWN_DECISION else decision
        services.rule_create(
            actor=None,
            space=space,
            code=code,
            name=name,
            action=action,
            years=years,
            disposal_decision=decision,
        )


def load_retention() -> None:
    space = Space.objects.filter(slug=NATIONAL_SLUG).first()
    registrar = User.objects.filter(email="registrator@msv.example").first()
    approver = User.objects.filter(email="admin@samverka.example").first()
    if space is None or registrar is None or approver is None:
        return
    ensure_schedule(space)
    if DisposalRun.objects.filter(space=space).exists():
        return
    if not selectors.disposal_candidates(space):
        _network_meeting_case(space, registrar)
    if not selectors.disposal_candidates(space):
        return
    run = services.run_propose(
        actor=registrar, space=space, note="Gallring av handlingar av tillfällig betydelse i avslutade ärenden."
    )
    services.run_approve(actor=approver, run=run)
    services.run_execute(actor=registrar, run=run)
