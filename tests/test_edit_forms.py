"""Every edit form of the platform opens pre-filled, and saving it unchanged changes nothing.

The URL patterns are walked: every pattern whose name ends in ``edit`` or ``update`` is an edit
view and gets its own test (so a failure names the view). For each, a demo object is found and its
edit page opened as a person allowed to edit it, logged in through the real login and two-factor
step. Then:

1. **Pre-filled.** Each field of the form, read from the page's HTML as a browser would submit it
   and cleaned by the form's own field, must equal the stored value: the model field of the same
   name, or (for forms whose fields differ from the model, e.g. a date and a time for one stored
   moment) the value a case says it stands for. A form field that maps to nothing stored must be
   named as an input of the action (with the reason) — otherwise the test fails, so no field is
   skipped silently.
2. **Unchanged.** The form is posted back exactly as the page filled it in. The answer must be a
   redirect (no error), and the object, its many-to-many links and every row that points to it
   must be as before (``updated_at``-style timestamps aside).

The cases (which demo object, which role, how fields map) are in ``tests/edit_form_cases.py``. A view
the walk finds but no case covers fails ``test_every_edit_view_has_a_case`` and its own
test; views that are not edit forms of a stored object are listed in ``NOT_EDIT_FORMS`` with why.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from tests.conftest import walk_patterns
from tests.edit_form_cases import CASES, STOCKHOLM, Case

pytestmark = pytest.mark.django_db


#: Edit forms of stored objects whose URL names do not say so (name → what it edits).
ALSO_EDIT_FORMS = {
    "accounts:profile": "the signed-in person's name and language",
    "inputs:input-links": "the goals and decisions an input is linked to",
    "inputs:input-consider": "how an input was considered (outcome and reason)",
}


def edit_view_names() -> list[str]:
    """Every URL name of an edit view (``…-edit``, ``…-update``, ``…edit``), the Django admin aside,
    and the edit forms named otherwise (``ALSO_EDIT_FORMS``)."""
    names = {name for route, name, _callback in walk_patterns() if name and not route.startswith("admin/")}
    return sorted({name for name in names if name.split(":")[-1].endswith(("edit", "update"))} | set(ALSO_EDIT_FORMS))


#: Patterns the walk finds that are not forms editing a stored object (pattern → why). Empty today.
NOT_EDIT_FORMS: dict[str, str] = {}

EDIT_VIEWS = edit_view_names()

#: Edit views of other apps that fail today, marked so the run stays readable (view → the finding). Strict:
#: once fixed, the test reports XPASS as a failure and the entry must be removed.
KNOWN_FAILURES: dict[str, str] = {}


def edit_view_params() -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name]))
        if name in KNOWN_FAILURES
        else name
        for name in EDIT_VIEWS
    ]


def test_every_edit_view_has_a_case() -> None:
    missing = sorted(set(EDIT_VIEWS) - set(CASES) - set(NOT_EDIT_FORMS))
    stale = sorted((set(CASES) | set(NOT_EDIT_FORMS)) - set(EDIT_VIEWS))
    assert missing == [], f"edit views without a case (add one, or an exclusion with the reason): {missing}"
    assert stale == [], f"cases for edit views that no longer exist: {stale}"
    assert len(EDIT_VIEWS) >= 20


# --- reading the page ----------------------------------------------------------------------------------------


def the_form(html: str, url: str, field_names: set[str], action: str | None) -> Any:
    """The POST form on the page that holds the edit form's fields (or posts to ``action``)."""
    document = lxml.html.fromstring(html)
    document.make_links_absolute("http://testserver" + url)
    candidates = []
    for form in document.forms:
        if (form.method or "GET").upper() != "POST":
            continue
        target = urlsplit(form.action or "http://testserver" + url).path
        if action is not None:
            if target == action:
                candidates.append((1, form))
            continue
        names = {element.name for element in form.inputs if element.name}
        candidates.append((len(names & field_names), form))
    candidates.sort(key=lambda pair: -pair[0])
    assert candidates and candidates[0][0] > 0, f"no POST form with the edit form's fields on {url}"
    return candidates[0][1]


def submitted(form: Any) -> QueryDict:
    """What the browser would send for this form, untouched."""
    data = QueryDict(mutable=True)
    for name, value in form.form_values():
        data.appendlist(name, value)
    return data


def norm(value: Any) -> Any:
    """A comparable form of a form's or a model's value."""
    if isinstance(value, models.Model):
        return ("object", type(value)._meta.label, value.pk)
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return tuple(sorted((norm(v) for v in value), key=repr)) or None
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
        return value or None
    if isinstance(value, decimal.Decimal | float):
        return decimal.Decimal(str(value)).normalize()
    if isinstance(value, datetime.datetime):  # compared as Stockholm wall-clock time, to the minute
        local_time = value.astimezone(STOCKHOLM) if value.tzinfo is not None else value
        return local_time.replace(tzinfo=None, second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    return value


def shown_value(form: Any, name: str, data: QueryDict) -> Any:
    """A field's value as the page shows it, cleaned by the form's own field (None when it cannot be read)."""
    bound = form.fields[name]
    raw = bound.widget.value_from_datadict(data, {}, form.add_prefix(name))
    try:
        return bound.clean(raw)
    except ValidationError:
        return raw


def stored_value(case: Case, obj: Any, name: str, many: dict[str, Any]) -> tuple[bool, Any]:
    if name in case.derived:
        return True, case.derived[name](obj)
    if name in many:
        return True, many[name]
    for prefix, stored in case.prefixed.items():
        if name.startswith(prefix):
            return True, stored(obj, name.removeprefix(prefix))
    try:
        model_field = obj._meta.get_field(name)
    except Exception:
        return False, None
    if model_field.many_to_many:
        return True, list(getattr(obj, name).all())
    if model_field.is_relation:
        return True, getattr(obj, name)
    return True, model_field.value_from_object(obj)


# --- comparing the stored object before and after ---------------------------------------------------------------


def _row(instance: models.Model) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (f.attname, f.value_from_object(instance))
        for f in instance._meta.concrete_fields
        if not getattr(f, "auto_now", False)
    )


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's own fields, its many-to-many links and every row that points to it."""
    instance = type(obj)._default_manager.get(pk=obj.pk)
    state: dict[str, Any] = {"fields": _row(instance)}
    for relation in instance._meta.get_fields():
        if relation.many_to_many and not relation.auto_created:
            state[f"m2m:{relation.name}"] = sorted(getattr(instance, relation.name).values_list("pk", flat=True))
        elif relation.auto_created and (relation.one_to_many or relation.one_to_one) and not relation.concrete:
            model = relation.related_model
            if not model._meta.app_label.startswith(
                (
                    "actors",
                    "bodies",
                    "meetings",
                    "events",
                    "goals",
                    "workplans",
                    "statusreports",
                    "inputs",
                    "retention",
                    "statistics",
                    "analyses",
                    "spaces",
                    "registry",
                    "questions",
                    "calendars",
                    "wheels",
                )
            ):
                continue
            if model._meta.label in ("statistics.Observation",):  # millions of cells; the version row is compared
                continue
            rows = model._default_manager.filter(**{relation.field.name: instance})
            state[f"rows:{model._meta.label}.{relation.field.name}"] = sorted(_row(r) for r in rows[:2000])
    return state


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    found = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) == after.get(key):
            continue
        if key == "fields":
            old, new = dict(before[key]), dict(after[key])
            found += [f"{name}: {old[name]!r} → {new[name]!r}" for name in old if old[name] != new.get(name)]
        else:
            found.append(f"{key} changed")
    return found


# --- the test -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("view_name", edit_view_params())
def test_edit_form_opens_prefilled_and_saving_unchanged_changes_nothing(view_name: str, login_as: Any) -> None:
    case = CASES.get(view_name)
    assert case is not None, f"{view_name}: no demo object is known for this edit view (add a case)"
    kwargs, obj = case.find()
    edit_url = reverse(view_name, kwargs=kwargs)
    page_url = case.page(kwargs, obj) if case.page else edit_url
    client: Client = login_as(case.role)

    response = client.get(page_url)
    assert response.status_code == 200, f"{view_name}: GET {page_url} answered {response.status_code}"
    context_form = response.context.get("form") if case.page is None else None
    html = response.content.decode()
    names = set(context_form.fields) if context_form is not None else set()
    form = the_form(html, page_url, names, action=edit_url if case.page else None)
    data = submitted(form)

    # 1. Every field shows the stored value.
    wrong, unmapped = [], []
    if context_form is not None:
        many = case.derived_many(obj) if case.derived_many else {}
        for name in context_form.fields:
            shown = shown_value(context_form, name, data)
            if name in case.inputs:
                if norm(shown) not in (None, False):
                    wrong.append(f"{name} (an input of the save) shows {shown!r}")
                continue
            known, stored = stored_value(case, obj, name, many)
            if not known:
                unmapped.append(name)
            elif norm(shown) != norm(stored) and not (norm(stored) is None and norm(shown) in (None, False)):
                wrong.append(f"{name}: shows {shown!r}, stored {stored!r}")
    else:  # a form inside a list page: its fields carry the object's field names
        for name in data:
            if name == "csrfmiddlewaretoken":
                continue
            try:
                stored = obj._meta.get_field(name).value_from_object(obj)
            except Exception:
                unmapped.append(name)
                continue
            if norm(data.get(name)) != norm(stored):
                wrong.append(f"{name}: shows {data.get(name)!r}, stored {stored!r}")
    assert unmapped == [], f"{view_name}: fields that map to nothing stored (add them to the case): {unmapped}"
    assert wrong == [], f"{view_name}: the form does not show what is stored:\n  " + "\n  ".join(wrong)

    # 2. Saving it unchanged changes nothing.
    before = snapshot(obj)
    action = urlsplit(urljoin("http://testserver" + page_url, form.action or page_url))
    target = action.path + (f"?{action.query}" if action.query else "")
    saved = client.post(target, dict(data.lists()))  # every value of a multiple choice, not only the last
    if saved.status_code == 200 and saved.context and saved.context.get("form") is not None:
        pytest.fail(f"{view_name}: saving the unchanged form was refused: {saved.context['form'].errors.as_data()}")
    assert saved.status_code in (302, 303), f"{view_name}: POST {target} answered {saved.status_code}"
    changed = differences(before, snapshot(obj))
    assert changed == [], f"{view_name}: saving the unchanged form changed:\n  " + "\n  ".join(changed)
