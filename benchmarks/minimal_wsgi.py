"""Minimal views: what the hardware can do for three key pages (hand-written SQL, string-built HTML).

A tiny WSGI app, used by ``make bench`` only (never part of the product): it serves the same content
as three real pages for an anonymous visitor, each from one or a few hand-written SQL queries over
Django's database connection (DATABASE_URL) and HTML built with f-strings, so ``benchmarks/load.py``
can compare the real pages' requests/s with these (issue 20: each real page ≥ 30 % of its minimal
view):

* ``/organisations/`` — the actor register, first page: 50 organisations of the published register
  by name, with type, geographic level, roles and place, and the filter form (its county and
  municipality dropdowns are built once at start, as a cached fragment would be);
* ``/s/<space>/diary/`` — a space's public diary, first page: the 50 newest registrations with
  number, date, direction, case, sender or recipient (masked under an active secrecy marking), subject
  and the copy link;
* ``/s/<space>/meetings/<pk>/`` — a meeting: title, body, stage, when and where, the agenda and, on
  the follow-up item, the body's open decisions and action items.

The rows, columns and texts follow the real pages (the translated labels come from the models'
choices, in the default language); the markup does not have to. The total count of the list pages
("20 500 organisations found", "page 1 of 410") is left out: the minimal page is one query for the
rows, as the issue's 569 req/s reference was.

    gunicorn --chdir benchmarks minimal_wsgi:application --workers 2 --bind 127.0.0.1:PORT
"""

import html
import re
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

import environment  # benchmarks/environment.py

environment.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from samverka.collaboration.actors.models import GeographicLevel, OrganisationType, SystemRole  # noqa: E402
from samverka.collaboration.meetings.models import AgendaKind, MeetingStage  # noqa: E402
from samverka.records.registry.models import Direction  # noqa: E402

translation.activate(settings.LANGUAGE_CODE)
_ = translation.gettext
e = html.escape

TYPES = {value: str(label) for value, label in OrganisationType.choices}
LEVELS = {value: str(label) for value, label in GeographicLevel.choices}
ROLES = [str(SystemRole.EMPLOYS.label), str(SystemRole.EDUCATES.label), str(SystemRole.FOCUS_GROUPS.label)]
DIRECTIONS = {value: str(label) for value, label in Direction.choices}
KINDS = {value: str(label) for value, label in AgendaKind.choices}
STAGES = {value: str(label) for value, label in MeetingStage.choices}
MASK = "[sekretessmarkerad]"
# The texts inside the compared content, in the language the real pages are served in.
T = {
    text: _(text)
    for text in (
        "Request a copy",
        "Agenda",
        "Open decisions",
        "Open action items",
        "The agenda is empty.",
        "The body has no open decisions or action items.",
        "No registrations match.",
    )
}


def due(day: Any) -> str:
    return _("due %(date)s") % {"date": str(day)[:10]}


PAGE = 50


def query(sql: str, params: tuple = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def shell(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="{settings.LANGUAGE_CODE}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)} – Samverka</title>'
        '<link rel="stylesheet" href="/static/samverka/samverka.css"></head><body>'
        '<a class="skip-link" href="#main">Skip to content</a><header class="site-header"><div class="wrap">'
        '<a class="brand" href="/">Samverka</a><form class="site-search" method="get" action="/search/">'
        '<input type="search" name="q" maxlength="200"><button type="submit">Sök</button></form>'
        '<nav><ul class="nav"><li><a href="/">Spaces</a></li><li><a href="/organisations/">Actor register</a></li>'
        '<li><a href="/events/">Events</a></li></ul></nav><a href="/accounts/login/">Logga in</a></div></header>'
        f'<main id="main"><div class="wrap">{body}</div></main><footer class="site-footer"><div class="wrap">'
        '<p>Samverka</p><ul class="nav"><li><a href="/accessibility/">Accessibility statement</a></li>'
        '<li><a href="/api/v1/docs/">API</a></li></ul></div></footer></body></html>'
    ).encode()


def _options(name: str, label: str, empty: str, rows: list[tuple]) -> str:
    options = "".join(f'<option value="{e(str(v))}">{e(n)}</option>' for v, n in rows)
    return (
        f'<div class="field"><label for="id_{name}">{e(label)}</label><select name="{name}" id="id_{name}">'
        f'<option value="" selected>{e(empty)}</option>{options}</select></div>'
    )


_FORM: str | None = None


def organisation_form() -> str:
    """The filter form, built once (the dropdowns do not change between requests)."""
    global _FORM
    if _FORM is None:
        counties = query("SELECT code, name FROM core_county ORDER BY name")
        municipalities = query("SELECT code, name FROM core_municipality ORDER BY name")
        roles = "".join(
            f'<label><input type="checkbox" name="roles" value="{v}"> {e(n)}</label>'
            for v, n in zip(("employs", "educates", "focuses_on_groups"), ROLES, strict=True)
        )
        _FORM = (
            '<form method="get" action="/organisations/" class="filters org-filters" role="search">'
            '<div class="field"><label for="id_q">Name or organisation number:</label>'
            '<input type="text" name="q" maxlength="100" id="id_q"></div>'
            + _options("type", "Type:", "All types", list(TYPES.items()))
            + _options("level", "Geographic level:", "All levels", list(LEVELS.items()))
            + f"<fieldset><legend>Role in the system:</legend>{roles}</fieldset>"
            + _options("county", "County:", "All counties", counties)
            + _options("municipality", "Municipality:", "All municipalities", municipalities)
            + '<button type="submit">Search</button></form>'
        )
    return _FORM


def organisations(environ: dict[str, Any]) -> bytes:
    rows = query(
        "SELECT p.organisation_id, p.name, p.type, p.level, p.employs, p.educates, p.focuses_on_groups, "
        "m.name, c.name FROM actors_publishedorganisation p "
        "LEFT JOIN core_municipality m ON m.code = p.municipality_id "
        "LEFT JOIN core_county c ON c.code = p.county_id "
        "WHERE p.is_latest AND p.is_active ORDER BY p.name, p.organisation_id LIMIT %s",
        (PAGE + 1,),
    )
    more = len(rows) > PAGE
    out = []
    for pk, name, kind, level, employs, educates, groups, municipality, county in rows[:PAGE]:
        roles = ", ".join(r for r, flag in zip(ROLES, (employs, educates, groups), strict=True) if flag) or "–"
        place = ", ".join(p for p in (municipality, county) if p) or "–"
        out.append(
            f'<tr><th scope="row"><a href="/organisations/{pk}/">{e(name)}</a></th><td>{TYPES.get(kind, kind)}</td>'
            f"<td>{LEVELS.get(level, level)}</td><td>{e(roles)}</td><td>{e(place)}</td></tr>"
        )
    body = (
        "<h1>Actor register</h1><p>Employers, education providers, agencies, municipalities, regions, industry "
        'organisations, unions and other actors around competence supply.</p><p class="muted">The organisations '
        "as the spaces' published landscape maps show them.</p>"
        + organisation_form()
        + '<p role="status"><a href="/organisations/export/">Download the list as CSV</a></p>'
        "<table><caption>Organisations</caption><thead><tr><th>Name</th><th>Type</th><th>Level</th>"
        "<th>Role in the system</th><th>Place</th></tr></thead><tbody>"
        + "".join(out)
        + "</tbody></table>"
        + ('<nav class="pagination"><a href="?page=2" rel="next">Next</a></nav>' if more else "")
    )
    return shell("Actor register", body)


DIARY_SQL = (
    "SELECT d.id, s.code, c.year, c.number, d.number, d.received_on, d.dispatched_on, d.created_on, "
    "d.registered_at, d.direction, COALESCE(NULLIF(c.public_title, ''), c.title), "
    "COALESCE(NULLIF(d.counterpart, ''), o.name, ''), d.subject, "
    "m.id IS NOT NULL AND m.lifted_on IS NULL AND m.masks_counterpart, "
    "m.id IS NOT NULL AND m.lifted_on IS NULL AND m.masks_subject "
    "FROM registry_registereddocument d JOIN registry_case c ON c.id = d.case_id "
    "JOIN registry_registrationseries s ON s.id = c.series_id "
    "LEFT JOIN registry_secrecymarking m ON m.document_id = d.id "
    "LEFT JOIN actors_organisation o ON o.id = d.counterpart_organisation_id "
    # The diary's own index (registry_doc_diary): the document carries its space, sort key and voided flag.
    "WHERE d.space_id = %s AND NOT d.diary_voided "
    "ORDER BY d.diary_key DESC, d.id DESC LIMIT %s"
)


def diary(environ: dict[str, Any], slug: str) -> bytes | None:
    space = query("SELECT id, name FROM spaces_space WHERE slug = %s", (slug,))
    if not space:
        return None
    space_id, space_name = space[0]
    rows = query(DIARY_SQL, (space_id, PAGE + 1))
    out = []
    for (
        pk,
        code,
        year,
        case_no,
        no,
        received,
        dispatched,
        created,
        registered,
        direction,
        title,
        party,
        subject,
        mask_party,
        mask_subject,
    ) in rows[:PAGE]:
        reference = f"{code} {year}/{case_no:04d}-{no}"
        when = received or dispatched or created or (registered.date() if isinstance(registered, datetime) else "")
        when = str(when)[:10]
        out.append(
            f'<tr><th scope="row">{e(reference)}</th><td><time datetime="{when}">{when}</time></td>'
            f"<td>{DIRECTIONS.get(direction, direction)}</td><td>{e(title)}</td>"
            f"<td>{MASK if mask_party and party else e(party)}</td><td>{MASK if mask_subject and subject else e(subject)}</td>"
            f'<td><a href="/s/{slug}/diary/{pk}/copy/">{T["Request a copy"]}<span class="visually-hidden"> {e(reference)}</span></a></td></tr>'
        )
    if not out:
        out.append(f'<tr><td colspan="7">{T["No registrations match."]}</td></tr>')
    body = (
        f"<h1>Public diary</h1><p>The registrations of {e(space_name)}: what came in, what was sent and what was "
        "drawn up. Where a document is marked secret, the details that may not be shown are masked; the "
        f'registration itself is always listed.</p><p><a href="/s/{slug}/contact/">Write to us</a></p>'
        '<form method="get" class="filters" role="search"><label for="id_q">Search</label>'
        '<input type="search" name="q" id="id_q"><label for="id_year">Year</label>'
        '<input type="number" name="year" id="id_year"><button type="submit">Search</button></form>'
        '<table class="diary-table"><caption>Registered documents</caption><thead><tr><th>Number</th><th>Date</th>'
        "<th>Direction</th><th>Case</th><th>Sender or recipient</th><th>Concerns</th><th>Copy</th></tr></thead>"
        "<tbody>"
        + "".join(out)
        + "</tbody></table>"
        + ('<nav class="pagination"><a href="?page=2" rel="next">Next</a></nav>' if len(rows) > PAGE else "")
    )
    return shell(f"Public diary – {space_name}", body)


def meeting(environ: dict[str, Any], slug: str, pk: int) -> bytes | None:
    found = query(
        'SELECT m.id, m.title, m.start, m."end", m.place, m.online_url, m.invited_at, m.cancelled_at, '
        "m.cancel_reason, b.id, b.name FROM meetings_meeting m JOIN bodies_body b ON b.id = m.body_id "
        "JOIN spaces_space s ON s.id = b.space_id WHERE m.id = %s AND s.slug = %s AND b.is_public AND m.is_public",
        (pk, slug),
    )
    if not found:
        return None
    mid, title, start, end, place, online, invited, cancelled, reason, body_id, body_name = found[0]
    start, end = timezone.localtime(_aware(start)), timezone.localtime(_aware(end))
    now = timezone.now()
    stage = "cancelled" if cancelled else "held" if end < now else "invited" if invited else "planned"
    items = query(
        "SELECT id, title, kind, presenter, duration_minutes, description, is_follow_up FROM meetings_agendaitem "
        "WHERE meeting_id = %s ORDER BY position, id",
        (mid,),
    )
    follow_up = ""
    if any(item[6] for item in items):
        if start > now:
            decisions = query(
                "SELECT year, number, text, due_date FROM meetings_decision WHERE body_id = %s AND due_date IS NOT NULL "
                "AND opened_at < %s AND closed_at IS NULL ORDER BY due_date, year, number",
                (body_id, start),
            )
            actions = query(
                "SELECT title, due_date FROM meetings_actionitem WHERE body_id = %s AND opened_at < %s "
                "AND status <> 'done' ORDER BY due_date, id",
                (body_id, start),
            )
        else:
            decisions = query(
                "SELECT year, number, text, due_date FROM meetings_decision WHERE body_id = %s AND due_date IS NOT NULL "
                "AND opened_at < %s AND (closed_at IS NULL OR closed_at > %s) ORDER BY due_date, year, number",
                (body_id, start, start),
            )
            actions = query(
                "SELECT title, due_date FROM meetings_actionitem WHERE body_id = %s AND opened_at < %s "
                "AND (done_at IS NULL OR done_at > %s) ORDER BY due_date, id",
                (body_id, start, start),
            )
        parts = []
        if decisions:
            parts.append(
                f"<h4>{T['Open decisions']}</h4><ul>"
                + "".join(
                    f'<li>{y}:{n} {e(_truncate(t))} <span class="muted">({due(d)})</span></li>'
                    for y, n, t, d in decisions
                )
                + "</ul>"
            )
        if actions:
            parts.append(
                f"<h4>{T['Open action items']}</h4><ul>"
                + "".join(
                    f"<li>{e(t)}" + (f' <span class="muted">({due(d)})</span>' if d else "") + "</li>"
                    for t, d in actions
                )
                + "</ul>"
            )
        follow_up = (
            '<div class="follow-up">'
            + ("".join(parts) or f"<p>{T['The body has no open decisions or action items.']}</p>")
            + "</div>"
        )
    agenda = []
    for number, (item_id, item_title, kind, presenter, minutes, description, is_follow_up) in enumerate(items, 1):
        meta = f'<span class="badge">{KINDS.get(kind, kind)}</span>'
        if presenter:
            meta += " · " + e(_("Presented by %(name)s") % {"name": presenter})
        if minutes:
            meta += " · " + translation.ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
        agenda.append(
            f'<li id="item-{item_id}"><h3>§ {number} {e(item_title)}</h3><p class="muted">{meta}</p>'
            + (f'<div class="richtext">{e(description)}</div>' if description else "")
            + (follow_up if is_follow_up else "")
            + "</li>"
        )
    when = f"{start:%Y-%m-%d} {start:%H.%M}–{end:%H.%M}"
    body = (
        f'<p><a href="/s/{slug}/bodies/{body_id}/meetings/">Meetings of {e(body_name)}</a></p><h1>{e(title)}</h1>'
        f'<p class="muted">{e(body_name)} · <span class="badge">{STAGES.get(stage, stage)}</span></p>'
        + (f"<p>The meeting has been cancelled. {e(reason or '')}</p>" if cancelled else "")
        + f'<dl class="details"><dt>When</dt><dd>{when}</dd><dt>Place</dt><dd>{e(place) or "No physical place"}</dd>'
        + ("<dt>Online</dt><dd>Yes — the link is sent with the invitation.</dd>" if online else "")
        + f'</dl><ul class="actions"><li><a href="/s/{slug}/meetings/{mid}/kallelse.pdf">Invitation (PDF)</a></li>'
        f'<li><a href="/s/{slug}/meetings/{mid}/foredragningslista.pdf">Agenda (PDF)</a></li></ul>'
        f'<section id="agenda"><h2>{T["Agenda"]}</h2><ol class="agenda">'
        + ("".join(agenda) or f"<li>{T['The agenda is empty.']}</li>")
        + "</ol></section>"
    )
    return shell(f"{title} – {body_name}", body)


def _aware(value: datetime) -> datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value, timezone.get_default_timezone())


def _truncate(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


ROUTES = [
    (re.compile(r"^/organisations/$"), organisations),
    (re.compile(r"^/s/(?P<slug>[-\w]+)/diary/$"), diary),
    (re.compile(r"^/s/(?P<slug>[-\w]+)/meetings/(?P<pk>\d+)/$"), meeting),
]


def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    path = environ.get("PATH_INFO", "")
    parse_qs(environ.get("QUERY_STRING", ""))  # (first pages only: the query is read, not used)
    if path == "/healthz/":
        content: bytes | None = b"ok"
    else:
        content = None
        for pattern, view in ROUTES:
            match = pattern.match(path)
            if match:
                kwargs = {k: int(v) if k == "pk" else v for k, v in match.groupdict().items()}
                content = view(environ, **kwargs)
                break
    if content is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))])
    return [content]
