"""Reading the audit trail: filters, pages by key, and rows in the reader's language.

The space's log (``/s/<space>/audit/``) and an object's history (``/history/<app.model>/<pk>/``)
show the same rows: when (a Swedish date), who (the person's name, or "the system"), what was done
(created, changed, deleted, opened), to what (the kind of object by its verbose name, and the object)
and each changed field by its verbose name with the values before and after as a person reads them
(choices by their label, yes/no, dates, the related object's name instead of its id).

Pages go by key, not by number: "older" continues below the last row shown (``before=<id>``) and
"newer" above the first (``after=<id>``), so a page is as fast on a log of millions of rows as on
one of fifty, and rows written meanwhile do not shift the page.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from auditlog.models import LogEntry
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.platform.core.audit import AUDITED_MODELS

PAGE_SIZE = 50
#: Longer values (texts, JSON) are cut to this many characters in the table.
VALUE_LENGTH = 200
SYSTEM = "system"

ACTION_LABELS = {
    LogEntry.Action.CREATE: pgettext_lazy("audit action", "Created"),
    LogEntry.Action.UPDATE: pgettext_lazy("audit action", "Changed"),
    LogEntry.Action.DELETE: pgettext_lazy("audit action", "Deleted"),
    LogEntry.Action.ACCESS: pgettext_lazy("audit action", "Opened"),
}


# --- filters -----------------------------------------------------------------------------------


def audited_content_types() -> list[tuple[int, str]]:
    """(content type id, "Kind of object") of every audited model, by name."""
    models = [apps.get_model(label) for label in AUDITED_MODELS]
    types = ContentType.objects.get_for_models(*models)
    return sorted(
        ((types[model].pk, str(capfirst(model._meta.verbose_name_plural))) for model in models),
        key=lambda choice: choice[1].lower(),
    )


class AuditFilterForm(forms.Form):
    """Who, which kind of object, what was done, and between which days (all optional)."""

    actor = forms.ChoiceField(label=_("Who"), required=False)
    kind = forms.TypedChoiceField(label=_("Kind of object"), required=False, coerce=int, empty_value=None)
    action = forms.TypedChoiceField(
        label=pgettext_lazy("audit", "Action"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All actions")), *((value, label) for value, label in ACTION_LABELS.items())],
    )
    date_from = forms.DateField(label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, actors: list[Any], with_kind: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [  # type: ignore[attr-defined]
            ("", _("Everyone")),
            (SYSTEM, _("The system")),
            *((str(user.pk), str(user)) for user in actors),
        ]
        if with_kind:
            self.fields["kind"].choices = [("", _("All kinds")), *audited_content_types()]  # type: ignore[attr-defined]
        else:
            del self.fields["kind"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data

    def filter(self, entries: QuerySet[LogEntry]) -> QuerySet[LogEntry]:
        """``entries`` narrowed by the valid filters (an invalid one is shown beside its field, not applied)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        actor = data.get("actor")
        if actor == SYSTEM:
            entries = entries.filter(actor__isnull=True)
        elif actor:
            entries = entries.filter(actor_id=int(actor))
        if data.get("kind"):
            entries = entries.filter(content_type_id=data["kind"])
        if data.get("action") is not None:
            entries = entries.filter(action=data["action"])
        if data.get("date_from"):
            entries = entries.filter(timestamp__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            entries = entries.filter(timestamp__lt=_start_of(data["date_to"] + timedelta(days=1)))
        return entries

    @property
    def active(self) -> bool:
        return self.is_bound and self.is_valid() and any(v not in (None, "") for v in self.cleaned_data.values())


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def actors_in(entries: QuerySet[LogEntry]) -> list[Any]:
    """The people who appear as actors among ``entries``, by name."""
    ids = entries.exclude(actor__isnull=True).order_by().values("actor_id").distinct()
    return list(get_user_model().objects.filter(pk__in=ids).order_by("full_name", "email"))


# --- pages by key ------------------------------------------------------------------------------


@dataclass
class AuditPage:
    rows: list["AuditRow"]
    newer_url: str | None
    older_url: str | None
    newest_url: str | None


def page_by_key(entries: QuerySet[LogEntry], query: QueryDict, size: int = PAGE_SIZE) -> AuditPage:
    """The page asked for by ``before`` / ``after`` in ``query`` (newest first), with links to its neighbours."""
    before, after = _key(query.get("before")), _key(query.get("after"))
    if after is not None:
        chunk = list(entries.filter(pk__gt=after).order_by("pk")[: size + 1])
        has_newer, has_older = len(chunk) > size, True
        chunk = list(reversed(chunk[:size]))
    else:
        if before is not None:
            entries = entries.filter(pk__lt=before)
        chunk = list(entries.order_by("-pk")[: size + 1])
        has_older, has_newer = len(chunk) > size, before is not None
        chunk = chunk[:size]
    if not chunk and after is not None:  # nothing newer any more: show the newest page instead
        return page_by_key(entries, _without_keys(query), size)

    def link(**key: int) -> str:
        return "?" + urlencode({**_without_keys(query).dict(), **key})

    return AuditPage(
        rows=readable_rows(chunk),
        newer_url=link(after=chunk[0].pk) if chunk and has_newer else None,
        older_url=link(before=chunk[-1].pk) if chunk and has_older else None,
        newest_url=link() if has_newer else None,
    )


def _key(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _without_keys(query: QueryDict) -> QueryDict:
    rest = query.copy()
    for key in ("before", "after", "page"):
        rest.pop(key, None)
    return rest


# --- rows as a person reads them ---------------------------------------------------------------


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class AuditRow:
    entry: LogEntry
    when: datetime
    who: str
    action: str
    kind: str
    object_repr: str
    changes: list[Change] = field(default_factory=list)
    client_request_id: str | None = None


def readable_rows(entries: list[LogEntry]) -> list[AuditRow]:
    """Rows for ``entries``; related objects named with one query per related model for the whole page."""
    names = _related_names(entries)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        changes = []
        for name, values in (entry.changes_dict or {}).items():
            model_field = _field(model, name)
            if _bookkeeping(model_field):
                continue
            label = str(capfirst(model_field.verbose_name)) if model_field is not None else name
            before, after = (list(values) + [None, None])[:2] if isinstance(values, list | tuple) else (None, values)
            if entry.action == LogEntry.Action.CREATE and after in (None, "None", "", [], {}):
                continue  # a new object's empty fields say nothing
            changes.append(Change(label, _display(model_field, before, names), _display(model_field, after, names)))
        rows.append(
            AuditRow(
                entry=entry,
                when=timezone.localtime(entry.timestamp),
                who=str(entry.actor) if entry.actor_id else str(_("The system")),
                action=str(ACTION_LABELS.get(entry.action, entry.get_action_display())),
                kind=str(capfirst(model._meta.verbose_name)) if model is not None else "",
                object_repr=entry.object_repr,
                changes=changes,
                client_request_id=(entry.additional_data or {}).get("client_request_id")
                if isinstance(entry.additional_data, dict)
                else None,
            )
        )
    return rows


def _field(model: type[Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _bookkeeping(model_field: Any) -> bool:
    """The id and the automatic created/changed times: in every row, telling nothing."""
    return model_field is not None and bool(
        model_field.primary_key
        or getattr(model_field, "auto_now", False)
        or getattr(model_field, "auto_now_add", False)
    )


def _related_names(entries: list[LogEntry]) -> dict[tuple[type[Model], str], str]:
    """(related model, pk as text) → the related object's name, for every foreign key value on the page."""
    wanted: dict[type[Model], set[str]] = {}
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        for name, values in (entry.changes_dict or {}).items():
            model_field = _field(model, name)
            if model_field is None or not model_field.is_relation or not model_field.many_to_one:
                continue
            for value in values if isinstance(values, list | tuple) else [values]:
                if value not in (None, "", "None"):
                    wanted.setdefault(model_field.related_model, set()).add(str(value))
    names = {}
    for related, pks in wanted.items():
        valid = [pk for pk in pks if pk.isdigit()]
        for obj in related._default_manager.filter(pk__in=valid):
            names[(related, str(obj.pk))] = str(obj)
    return names


def _display(model_field: Any, value: Any, names: dict[tuple[type[Model], str], str]) -> str:
    """One recorded value as a person reads it."""
    if value is None or value in ("None", "", [], {}):
        return "–"
    if model_field is None:
        return _cut(value)
    if model_field.is_relation and model_field.many_to_one:
        name = names.get((model_field.related_model, str(value)))
        if name is not None:
            return _cut(name)
        return str(_("deleted (id %(id)s)") % {"id": value})
    choices = dict(model_field.flatchoices) if getattr(model_field, "choices", None) else None
    if choices:
        for key, label in choices.items():
            if str(key) == str(value):
                return str(label)
        return _cut(value)
    internal = model_field.get_internal_type()
    if internal == "BooleanField":
        return str(_("Yes")) if str(value) in ("True", "true", "1") else str(_("No"))
    if internal == "DateField":
        parsed = parse_date(str(value)[:10])
        return formats.date_format(parsed, "DATE_FORMAT") if parsed else _cut(value)
    if internal == "DateTimeField":
        parsed_time = parse_datetime(str(value).replace(" ", "T", 1))
        if parsed_time is not None:
            if timezone.is_naive(parsed_time):
                parsed_time = timezone.make_aware(parsed_time, UTC)
            return formats.date_format(timezone.localtime(parsed_time), "DATETIME_FORMAT")
        return _cut(value)
    if internal in ("DecimalField", "FloatField", "IntegerField", "PositiveIntegerField", "BigIntegerField"):
        try:
            return formats.number_format(value, use_l10n=True, force_grouping=True)
        except (TypeError, ValueError):
            return _cut(value)
    return _cut(value)


def _cut(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= VALUE_LENGTH else text[: VALUE_LENGTH - 1] + "…"
