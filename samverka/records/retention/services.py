"""Every write of the retention app: the retention schedule and disposal runs.

Each function is one transaction: when it refuses (PermissionDenied or ValidationError) nothing
has been written. ``actor=None`` means the system (demo loader) and skips the permission checks of
this app (the registry's ``document_dispose`` still decides for itself).

Decisions recorded here:

* Nothing is disposed of without a rule that says dispose and cites a disposal decision.
* A run freezes its candidates when proposed; it is approved by another person than the one who
  proposed it; execution checks every item again (still closed, not under legal hold, not already
  disposed of) and disposes of all of them or, on any failure, of none.
* The disposal log says what, when, by whom and under which decision; it is never changed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space
from samverka.records.registry.models import Case, CaseStatus, RegisteredDocument
from samverka.records.retention import selectors
from samverka.records.retention.models import (
    DisposalLogEntry,
    DisposalRun,
    DisposalRunItem,
    RetentionAction,
    RetentionRule,
    RunStatus,
)

RULE_FIELDS = ("code", "name", "action", "years", "disposal_decision", "note")


def _may(actor: User | None, permission: str, obj: Model) -> None:
    if actor is not None:
        ensure(actor.has_perm(permission, obj))


def _apply_rule(
    rule: RetentionRule, *, code: str, name: str, action: str, years: int | None, disposal_decision: str, note: str
) -> None:
    rule.code, rule.name, rule.action, rule.note = code, name, action, note
    rule.years = None if action == RetentionAction.PRESERVE else years
    rule.disposal_decision = (disposal_decision or "").strip()
    rule.full_clean()


@transaction.atomic
def rule_create(
    *,
    actor: User | None,
    space: Space,
    code: str,
    name: str,
    action: str,
    years: int | None = None,
    disposal_decision: str = "",
    note: str = "",
) -> RetentionRule:
    """Add a rule to the space's schedule: preserve the documents of type ``code``, or dispose of them
    ``years`` after their case closed under the cited ``disposal_decision``."""
    _may(actor, "retention.manage_schedule", space)
    rule = RetentionRule(space=space)
    _apply_rule(rule, code=code, name=name, action=action, years=years, disposal_decision=disposal_decision, note=note)
    rule.save()
    return rule


@transaction.atomic
def rule_update(
    *,
    actor: User | None,
    rule: RetentionRule,
    code: str,
    name: str,
    action: str,
    years: int | None = None,
    disposal_decision: str = "",
    note: str = "",
) -> RetentionRule:
    """Change a rule of the schedule (all its fields, as the rule form shows them)."""
    _may(actor, "retention.manage_schedule", rule)
    rule = RetentionRule.objects.select_for_update().get(pk=rule.pk)
    _apply_rule(rule, code=code, name=name, action=action, years=years, disposal_decision=disposal_decision, note=note)
    rule.save()
    return rule


@transaction.atomic
def rule_delete(*, actor: User | None, rule: RetentionRule) -> None:
    """A rule can go; runs already proposed keep the rule and decision they were proposed under."""
    _may(actor, "retention.manage_schedule", rule)
    rule.delete()


@transaction.atomic
def run_propose(*, actor: User | None, space: Space, note: str = "", created_by: User | None = None) -> DisposalRun:
    """Freeze today's candidates in a new run. ``created_by`` is only for the system (actor=None)."""
    _may(actor, "retention.propose_disposal", space)
    candidates = selectors.disposal_candidates(space)
    if not candidates:
        raise ValidationError(_("No documents are due for disposal."))
    proposer = actor or created_by
    if proposer is None:
        raise ValidationError(_("A disposal run is proposed by a person."))
    run = DisposalRun.objects.create(space=space, note=note.strip(), created_by=proposer)
    DisposalRunItem.objects.bulk_create(
        DisposalRunItem(run=run, document=document, rule_code=rule.code, disposal_decision=rule.disposal_decision)
        for document, rule in candidates
    )
    return run


def _locked(run: DisposalRun, *statuses: str) -> DisposalRun:
    locked = DisposalRun.objects.select_for_update().get(pk=run.pk)
    if locked.status not in statuses:
        raise ValidationError(
            _("The run is %(status)s and cannot be changed that way.") % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def run_approve(*, actor: User, run: DisposalRun) -> DisposalRun:
    """Another registrar or administrator than the one who proposed the run approves it."""
    ensure(actor.has_perm("retention.approve_disposal", run))
    run = _locked(run, RunStatus.PROPOSED)
    if run.created_by_id == actor.pk:
        raise ValidationError(_("A disposal run must be approved by someone other than the person who proposed it."))
    run.status = RunStatus.APPROVED
    run.approved_by = actor
    run.approved_at = timezone.now()
    run.save(update_fields=["status", "approved_by", "approved_at"])
    return run


@transaction.atomic
def run_cancel(*, actor: User | None, run: DisposalRun) -> DisposalRun:
    _may(actor, "retention.propose_disposal", run)
    run = _locked(run, RunStatus.PROPOSED, RunStatus.APPROVED)
    run.status = RunStatus.CANCELLED
    run.cancelled_by = actor
    run.cancelled_at = timezone.now()
    run.save(update_fields=["status", "cancelled_by", "cancelled_at"])
    return run


def _blockers(document: RegisteredDocument) -> str | None:
    case = document.case
    if case.legal_hold:
        return _("%(reference)s: the case is under legal hold") % {"reference": document.reference}
    if case.status != CaseStatus.CLOSED:
        return _("%(reference)s: the case is no longer closed") % {"reference": document.reference}
    if document.personal_data_removed_at is not None:
        return _("%(reference)s: already disposed of") % {"reference": document.reference}
    return None


def _what(document: RegisteredDocument) -> str:
    """What disposal removes, for the log; a marked document's file names stay out of it (they may tell)."""
    from samverka.records.registry.secrecy import is_marked

    names = [f.name for f in document.files.all() if f.disposed_at is None]
    if not names:
        files = _("no stored files")
    elif is_marked(document):
        files = ngettext("%(count)d file", "%(count)d files", len(names)) % {"count": len(names)}
    else:
        files = ngettext("%(count)d file (%(names)s)", "%(count)d files (%(names)s)", len(names)) % {
            "count": len(names),
            "names": ", ".join(names),
        }
    return _("%(files)s; sender or recipient and personal data removed") % {"files": files}


@transaction.atomic
def run_execute(*, actor: User, run: DisposalRun) -> DisposalRun:
    """Dispose of every item of an approved run through the registry, and log each one; all or nothing."""
    from samverka.records.registry.services import document_dispose

    ensure(actor.has_perm("retention.execute_disposal", run))
    run = _locked(run, RunStatus.APPROVED)
    items = list(run.items.order_by("pk"))
    documents = {
        d.pk: d
        for d in RegisteredDocument.objects.select_for_update(of=("self",))
        .filter(pk__in=[item.document_id for item in items])
        .select_related("case__series", "secrecy")
        .prefetch_related("files")
    }
    problems = [problem for item in items if (problem := _blockers(documents[item.document_id]))]
    if problems:
        raise ValidationError(
            _("Nothing was disposed of. Cancel the run and propose a new one: %(problems)s")
            % {"problems": "; ".join(problems)}
        )
    now = timezone.now()
    entries = []
    for item in items:
        document = documents[item.document_id]
        what = _what(document)
        document_dispose(actor=actor, document=document, reference=f"{item.disposal_decision} ({run.label})")
        entries.append(
            DisposalLogEntry(
                run=run,
                space_id=run.space_id,
                document=document,
                document_reference=document.reference,
                case_reference=document.case.reference,
                what=what,
                rule_code=item.rule_code,
                disposal_decision=item.disposal_decision,
                executed_by=actor,
                at=now,
            )
        )
    for entry in entries:
        entry.save()  # one by one, so the audit trail records each row
    run.status = RunStatus.EXECUTED
    run.executed_by = actor
    run.executed_at = now
    run.save(update_fields=["status", "executed_by", "executed_at"])
    return run


@transaction.atomic
def legal_hold_set(*, actor: User | None, case: Case, on: bool, reason: str) -> Case:
    """Put a case under legal hold (gallringsstopp) or lift it, with the reason logged on the case.
    Nothing in a case under legal hold is disposed of, not even by a run approved before the hold.

    The case is the registry's: this checks that ``actor`` keeps the space's archive and lets
    ``registry.services.case_legal_hold_set`` write it."""
    from samverka.records.registry.services import case_legal_hold_set

    _may(actor, "retention.manage_legal_hold", case)
    return case_legal_hold_set(actor=actor, case=case, on=on, reason=reason)
