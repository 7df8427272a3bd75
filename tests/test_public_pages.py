"""What an anonymous visitor and an external guest see: nothing private, nothing internal.

Both crawl the public side of the demo (from ``/``, every space's pages, the public diary, public
goals, analyses, minutes and events, the classifications), then fetch every calendar feed they can
and every meeting page directly. Asserted for both:

* no answer is a server error;
* internal meeting details (the online join link, the invitation message) appear nowhere, on no page
  and in no feed, unless the meeting's details were marked public (or the guest sits in the body or
  was invited);
* internal agenda documents cannot be downloaded and are not linked;
* the actor register shows only what the latest published landscape revision holds;
* secrecy-marked fields of registered documents are masked in the diary and the API;
* concrete private demo objects (private bodies and their meetings, draft or internal analyses,
  unannounced events, registry cases, incoming items, draft data…) answer no page.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from tests.conftest import (
    PAGES_THAT_ALSO_SERVE_FILES,
    Crawl,
    Page,
    demo_account,
    file_patterns,
    log_in,
    seed_urls,
    server_errors,
    url_name,
)

pytestmark = pytest.mark.django_db

VISITORS = ("anonymous", "guest")
LIMIT = 600
PER_PATTERN = 12
#: Objects of each private class asked for directly.
PER_CLASS = 8


@dataclass
class Visit:
    """What one visitor was shown."""

    client: Client
    user: Any
    pages: list[Page] = field(default_factory=list)
    feeds: list[Page] = field(default_factory=list)
    meeting_pages: list[Page] = field(default_factory=list)
    linked_by: dict[str, str] = field(default_factory=dict)

    def texts(self) -> Iterator[Page]:
        yield from (page for page in self.pages + self.feeds + self.meeting_pages if page.status == 200)


def get(client: Client, url: str) -> Page:
    return Crawl(client).fetch(url, url_name(url), "")


def normalised(text: str) -> str:
    """Page or feed text as a reader sees it: entities decoded, ICS unfolded and unescaped, spaces collapsed."""
    text = re.sub(r"\r?\n[ \t]", "", text)  # ICS folds long lines
    text = text.replace("\\n", " ").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
    return re.sub(r"\s+", " ", html.unescape(text))


# --- who may see what (from the demo's data, not from the code under test) -------------------------------------


def guest_contacts(user: Any) -> list[int]:
    from samverka.collaboration.actors.models import Contact

    return list(Contact.objects.filter(user=user).values_list("pk", flat=True)) if user else []


def seated_bodies(user: Any) -> set[int]:
    """Bodies the person sits in (a guest may see those, and their meetings' details)."""
    from samverka.collaboration.bodies.models import Membership

    contacts = guest_contacts(user)
    return set(Membership.objects.filter(contact__in=contacts).values_list("body_id", flat=True))


def entitled_meetings(user: Any) -> set[int]:
    """Meetings whose internal details the person may see: in a body they sit in, or invited."""
    from samverka.collaboration.meetings.models import Meeting

    if user is None:
        return set()
    contacts = guest_contacts(user)
    condition = Q(body__in=seated_bodies(user)) | Q(invitations__contact__in=contacts) | Q(invitations__user=user)
    return set(Meeting.objects.filter(condition).values_list("pk", flat=True))


def _details(meeting: Any) -> list[tuple[str, str]]:
    found = []
    if meeting.online_url:
        found.append(("online join link", meeting.online_url))
    lines = [line.strip() for line in meeting.invitation_message.splitlines() if len(line.strip()) >= 20]
    if lines:
        found.append(("invitation message", re.sub(r"\s+", " ", lines[0])[:80]))
    return found


def internal_details(user: Any) -> dict[str, tuple[str, list[int]]]:
    """Text → (what, meeting ids) of every join link and invitation message the person may not see: those
    of meetings whose details are internal (the default) and that the person neither sits in nor was
    invited to. A text that a meeting the person may see also carries (a body's standing link) is left out."""
    from samverka.collaboration.meetings.models import Meeting

    allowed = entitled_meetings(user)
    internal: dict[str, tuple[str, list[int]]] = {}
    shown: set[str] = set()
    for meeting in Meeting.objects.order_by("pk"):
        visible = meeting.pk in allowed or getattr(meeting, "details_public", False)
        for what, text in _details(meeting):
            if visible:
                shown.add(text)
            else:
                internal.setdefault(text, (what, []))[1].append(meeting.pk)
    return {text: found for text, found in internal.items() if text not in shown}


def published_organisations() -> dict[int, str]:
    """Organisation id → name as the latest published landscape revision of any space shows it."""
    from samverka.collaboration.actors.models import LandscapeRevision

    names: dict[int, str] = {}
    for revision in LandscapeRevision.objects.order_by("number", "pk"):
        for row in revision.snapshot or []:
            names[int(row["id"])] = row["name"]
    return names


# --- the visits ---------------------------------------------------------------------------------------------


def public_seeds() -> list[str]:
    from samverka.platform.spaces.models import Space

    slugs = list(Space.objects.order_by("pk").values_list("slug", flat=True))
    return seed_urls(slugs) + [
        "/events/",
        "/classifications/",
        "/classifications/regions/",
        "/organisations/",
        "/orders/",
    ]


def feed_urls(user: Any) -> list[str]:
    from samverka.collaboration.bodies.models import Body
    from samverka.collaboration.calendars.services import feed_token_create
    from samverka.collaboration.events.models import Event
    from samverka.platform.spaces.models import Space

    urls = [reverse("calendars:public-events-feed")]
    urls += [
        reverse("calendars:space-feed", kwargs={"space": slug}) for slug in Space.objects.values_list("slug", flat=True)
    ]
    urls += [
        reverse("calendars:body-feed", kwargs={"space": body.space.slug, "pk": body.pk})
        for body in Body.objects.select_related("space")
    ]
    urls += [reverse("events:event-ics", kwargs={"pk": pk}) for pk in Event.objects.values_list("pk", flat=True)]
    if user is not None:
        urls.append(reverse("calendars:personal-feed", kwargs={"token": feed_token_create(actor=user)}))
    return urls


def meeting_urls() -> list[str]:
    from samverka.collaboration.meetings.models import Meeting

    urls = []
    for meeting in Meeting.objects.select_related("body__space"):
        kwargs = {"space": meeting.body.space.slug, "pk": meeting.pk}
        urls += [reverse("meetings:meeting-detail", kwargs=kwargs), reverse("meetings:minutes-detail", kwargs=kwargs)]
    return urls


def visit(who: str) -> Visit:
    from samverka.platform.accounts.models import User

    client = Client()
    user = None
    if who != "anonymous":
        log_in(client, who)
        user = User.objects.get(email=demo_account(who).email)
    files = set(file_patterns()) - PAGES_THAT_ALSO_SERVE_FILES

    def skip(url: str, name: str | None) -> bool:
        return name is None or name in files or name in ("account_logout", "set_language") or "format=" in url

    crawl = Crawl(client, limit=LIMIT, per_pattern=PER_PATTERN, skip=skip, keep_text=True)
    result = Visit(client, user, pages=crawl.run(public_seeds()), linked_by=crawl.linked_by)
    result.feeds = [get(client, url) for url in feed_urls(user)]
    result.meeting_pages = [get(client, url) for url in meeting_urls()]
    return result


@pytest.fixture(scope="module")
def visits(demo_loaded: None, django_db_blocker: Any) -> Iterator[dict[str, Visit]]:
    with django_db_blocker.unblock():
        yield {who: visit(who) for who in VISITORS}


def report(failures: list[str], what: str) -> str:
    return f"{len(failures)} {what}:\n" + "\n".join(failures[:80])


# --- the assertions ---------------------------------------------------------------------------------------------


#: Public pages an anonymous visitor must be able to open (each at least once, answering 200).
PUBLIC_PATTERNS = (
    "spaces:home",
    "spaces:detail",
    "intake:diary",
    "intake:contact",
    "goals:public-dashboard",
    "analyses:analysis-list",
    "analyses:analysis-detail",
    "actors:landscape",
    "actors:organisation-detail",
    "meetings:minutes-public-list",
    "bodies:body-list",
    "bodies:body-detail",
    "events:event-list",
    "events:event-detail",
    "classifications:index",
    "classifications:scheme",
    "classifications:item",
    "classifications:region",
    "orders:public-order-list",
    "orders:public-order",
)


def test_public_side_answers_no_server_error(visits: dict[str, Visit]) -> None:
    failures = []
    for who, seen in visits.items():
        pages = seen.pages + seen.feeds + seen.meeting_pages
        failures += [f"[{who}] {error}" for error in server_errors(pages)]
        opened = {page.name for page in seen.pages if page.status == 200}
        print(
            f"{who}: {len(seen.pages)} pages ({len(opened)} patterns open), {len(seen.feeds)} feeds, "
            f"{len(seen.meeting_pages)} meeting pages"
        )
        if who == "anonymous":
            failures += [
                f"[{who}] no public page of {name} was reached" for name in PUBLIC_PATTERNS if name not in opened
            ]
        feeds = [page for page in seen.feeds if page.name == "calendars:public-events-feed"]
        if not feeds or feeds[0].status != 200:
            failures.append(f"[{who}] the public calendar feed does not open")
    assert not failures, report(failures, "failures")


def test_public_links_lead_to_pages_the_visitor_may_open(visits: dict[str, Visit]) -> None:
    """A link shown to a visitor answers neither 403 nor 404 (a page for members sends to the login instead)."""
    failures = [
        f"[{who}] {page.status} {page.url} [{page.name}], linked from {seen.linked_by[page.url]}"
        for who, seen in visits.items()
        for page in seen.pages
        if page.status in (403, 404) and page.url in seen.linked_by
    ]
    assert not failures, report(failures, "links to pages that refuse the visitor")


def test_internal_meeting_details_are_nowhere_public(visits: dict[str, Visit]) -> None:
    failures = []
    for who, seen in visits.items():
        secrets = internal_details(seen.user)
        assert secrets, "the demo has no internal online links or invitation messages to look for"
        for page in seen.texts():
            text = normalised(page.text)
            for secret, (what, meetings) in secrets.items():
                if secret in text:
                    ids = ", ".join(map(str, meetings[:5])) + (" …" if len(meetings) > 5 else "")
                    failures.append(f"[{who}] {page.url} shows the {what} {secret[:60]!r} of internal meetings {ids}")
    assert not failures, report(failures, "internal meeting details shown")


def test_internal_agenda_documents_are_neither_downloadable_nor_linked(visits: dict[str, Visit]) -> None:
    from samverka.collaboration.meetings.models import AgendaDocument

    failures = []
    for who, seen in visits.items():
        allowed = entitled_meetings(seen.user)
        internal = AgendaDocument.objects.exclude(agenda_item__meeting__in=allowed)
        if any(field.name == "is_public" for field in AgendaDocument._meta.get_fields()):
            internal = internal.filter(is_public=False)  # without the choice, every document is internal
        internal = internal.select_related("agenda_item__meeting__body__space")
        assert internal.exists(), "the demo has no internal agenda documents"
        internal_urls = set()
        for document in internal:
            meeting = document.agenda_item.meeting
            kwargs = {"space": meeting.body.space.slug, "pk": meeting.pk, "document": document.pk}
            url = reverse("meetings:agenda-document", kwargs=kwargs)
            internal_urls.add(url)
            response = seen.client.get(url)
            if response.status_code == 200:
                failures.append(f"[{who}] downloads internal agenda document {url} “{document.name}” of “{meeting}”")
        for page in seen.texts():
            linked = {url for url in internal_urls if f'href="{url}"' in page.text}
            failures += [f"[{who}] {page.url} links internal agenda document {url}" for url in sorted(linked)]
    assert not failures, report(failures, "internal agenda documents reachable")


def _body(response: Any) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return html.unescape(data.decode("utf-8", "replace"))


def test_actor_register_shows_only_the_published_revision(visits: dict[str, Visit], demo: None) -> None:
    """Crawled pages link only organisations on a published map; then the coordinator changes the live
    register (a new organisation, a published one renamed) and no anonymous channel shows the change."""
    from samverka.collaboration.actors.models import Organisation
    from samverka.collaboration.actors.services import OrganisationData, organisation_create, organisation_update
    from samverka.platform.accounts.models import User
    from samverka.platform.core.models import County

    published = published_organisations()
    failures = []
    for who, seen in visits.items():
        for page in seen.texts():
            for pk in re.findall(r'href="/organisations/(\d+)/"', page.text):
                if int(pk) not in published:
                    failures.append(f"[{who}] {page.url} links unpublished organisation {pk}")

    coordinator = User.objects.get(email=demo_account("coordinator").email)
    sormland = County.objects.get(pk="04")
    renamed = Organisation.objects.filter(pk__in=published, county=sormland, is_active=True).order_by("pk").first()
    assert renamed is not None, "no published organisation in Södermanland"
    old_name, new_name = published[renamed.pk], "Omdöpt men opublicerad aktör AB"
    organisation_update(actor=coordinator, organisation=renamed, data=OrganisationData(name=new_name))
    added = organisation_create(
        actor=coordinator,
        data=OrganisationData(
            name="Nyregistrerad opublicerad aktör AB", type=renamed.type, level=renamed.level, county=sormland
        ),
        confirm_similar=True,
    )
    channels = [
        reverse("actors:landscape", kwargs={"space": "sormland"}),
        reverse("actors:organisation-list"),
        reverse("actors:organisation-list") + "?q=aktör",
        reverse("actors:organisation-detail", kwargs={"pk": renamed.pk}),
        reverse("actors:organisation-export"),
        f"/api/v1/organisations/{renamed.pk}/",
        "/api/v1/organisations/",
        reverse("spaces:home"),
    ]
    for who, seen in visits.items():
        for url in channels:
            response = seen.client.get(url)
            text = _body(response) if response.status_code == 200 else ""
            for name in (new_name, added.name):
                if name in text:
                    failures.append(f"[{who}] {url} shows the unpublished “{name}”")
            if url.endswith(f"/{renamed.pk}/") and response.status_code == 200 and old_name not in text:
                failures.append(f"[{who}] {url} does not show the published name “{old_name}”")
        for url in (
            reverse("actors:organisation-detail", kwargs={"pk": added.pk}),
            f"/api/v1/organisations/{added.pk}/",
        ):
            if seen.client.get(url).status_code == 200:
                failures.append(f"[{who}] {url} shows the organisation added after the last publication")
    assert not failures, report(sorted(set(failures)), "unpublished register entries shown")


def _rows_with(text: str, reference: str) -> list[str]:
    return [row for row in re.split(r"<tr[\s>]", text) if reference in row]


def test_secrecy_marked_fields_are_masked(visits: dict[str, Visit]) -> None:
    from samverka.records.registry.models import SecrecyMarking

    markings = SecrecyMarking.objects.filter(lifted_on__isnull=True).select_related("document__case__space")
    assert markings.exists(), "the demo has no secrecy-marked documents"
    failures = []
    for who, seen in visits.items():
        for marking in markings:
            document = marking.document
            space = document.case.space.slug
            hidden = []
            if marking.masks_counterpart and document.counterpart:
                hidden.append(document.counterpart)
            if marking.masks_subject and document.subject:
                hidden.append(document.subject)
            diary = reverse("intake:diary", kwargs={"space": space}) + f"?q={document.reference}"
            sources = [(diary, _rows_with(seen.client.get(diary).content.decode(), document.reference))]
            copy = reverse("intake:copy-request", kwargs={"space": space, "pk": document.pk})
            response = seen.client.get(copy)
            if response.status_code == 200:
                sources.append((copy, [response.content.decode()]))
            api = seen.client.get("/api/v1/diary/", {"space": space, "q": document.reference})
            if api.status_code == 200:
                entries = [row for row in api.json().get("results", []) if document.reference in json.dumps(row)]
                sources.append(("/api/v1/diary/", [json.dumps(row, ensure_ascii=False) for row in entries]))
            if not sources[0][1]:
                failures.append(f"[{who}] {diary} does not list marked document {document.reference}")
            for where, chunks in sources:
                for value in hidden:
                    if any(value in html.unescape(chunk) for chunk in chunks):
                        failures.append(f"[{who}] {where} shows masked “{value}” of {document.reference}")
        for page in seen.texts():
            if page.name == "intake:diary":
                for marking in markings:
                    rows = _rows_with(page.text, marking.document.reference)
                    counterpart = marking.document.counterpart if marking.masks_counterpart else ""
                    if counterpart and any(counterpart in html.unescape(row) for row in rows):
                        failures.append(f"[{who}] {page.url} shows masked counterpart of {marking.document}")
    assert not failures, report(sorted(set(failures)), "masked fields shown")


def private_urls(user: Any) -> Iterable[tuple[str, str]]:
    """(what, url) of concrete private demo objects the visitor may not open."""
    from samverka.collaboration.bodies.models import Body
    from samverka.collaboration.events.models import Event, EventStatus
    from samverka.collaboration.meetings.models import Meeting
    from samverka.insight.analyses.models import Analysis, AnalysisStatus
    from samverka.insight.statistics.models import DatasetVersion, VersionStatus
    from samverka.platform.spaces.models import Space
    from samverka.records.intake.models import IncomingItem
    from samverka.records.registry.models import Case

    seated = seated_bodies(user)
    bodies = Body.objects.filter(is_public=False).exclude(pk__in=seated).select_related("space")
    for body in bodies[:PER_CLASS]:
        yield f"private body “{body}”", reverse("bodies:body-detail", kwargs={"space": body.space.slug, "pk": body.pk})
        yield (
            f"private body “{body}” feed",
            reverse("calendars:body-feed", kwargs={"space": body.space.slug, "pk": body.pk}),
        )
    meetings = Meeting.objects.filter(body__in=bodies).select_related("body__space")
    for meeting in meetings[:PER_CLASS]:
        kwargs = {"space": meeting.body.space.slug, "pk": meeting.pk}
        yield f"meeting “{meeting}” of a private body", reverse("meetings:meeting-detail", kwargs=kwargs)
    internal = Analysis.objects.exclude(is_public=True, status=AnalysisStatus.PUBLISHED).select_related("space")
    for analysis in internal[:PER_CLASS]:
        kwargs = {"space": analysis.space.slug, "pk": analysis.pk}
        yield f"internal analysis “{analysis}”", reverse("analyses:analysis-detail", kwargs=kwargs)
        yield f"internal analysis “{analysis}” PDF", reverse("analyses:analysis-report", kwargs=kwargs)
    # A guest's own space may show its internal events to its participants; drafts never.
    own_spaces = Space.objects.filter(memberships__user=user) if user is not None else Space.objects.none()
    events = Event.objects.filter(Q(is_public=False) | Q(status=EventStatus.DRAFT))
    events = events.exclude(Q(space__in=own_spaces) & ~Q(status=EventStatus.DRAFT))
    for event in events[:PER_CLASS]:
        yield f"unannounced or internal event “{event}”", reverse("events:event-detail", kwargs={"pk": event.pk})
    for case in Case.objects.select_related("space")[:PER_CLASS]:
        yield f"registry case {case}", reverse("registry:case-detail", kwargs={"space": case.space.slug, "pk": case.pk})
    for item in IncomingItem.objects.select_related("space")[:PER_CLASS]:
        yield (
            f"incoming item {item.pk}",
            reverse("intake:item-detail", kwargs={"space": item.space.slug, "pk": item.pk}),
        )
    drafts = DatasetVersion.objects.exclude(status=VersionStatus.PUBLISHED).select_related("dataset__space")
    for version in drafts[:PER_CLASS]:
        kwargs = {"space": version.dataset.space.slug, "slug": version.dataset.slug, "number": version.number}
        yield (
            f"unpublished data {version.dataset.slug} v{version.number}",
            reverse("statistics:version-detail", kwargs=kwargs),
        )
    for space in Space.objects.all():
        for name in (
            "notifications:outbox",
            "spaces:audit",
            "spaces:members",
            "registry:case-list",
            "intake:triage-list",
        ):
            yield f"{name} of {space.slug}", reverse(name, kwargs={"space": space.slug})


def test_private_demo_objects_are_invisible(visits: dict[str, Visit]) -> None:
    from samverka.collaboration.bodies.models import Body
    from samverka.collaboration.events.models import Event, EventStatus
    from samverka.insight.analyses.models import Analysis, AnalysisStatus

    failures = []
    for who, seen in visits.items():
        checked = 0
        for what, url in private_urls(seen.user):
            checked += 1
            response = seen.client.get(url)
            if response.status_code == 200:
                failures.append(f"[{who}] {url} ({what}) answers 200")
        assert checked > 20, f"{who}: too few private demo objects to check ({checked})"
        # Their names do not show either (titles that no public object shares).
        public_names = set(Body.objects.filter(is_public=True).values_list("name", flat=True))
        titles = [
            name
            for name in Body.objects.filter(is_public=False)
            .exclude(pk__in=seated_bodies(seen.user))
            .values_list("name", flat=True)
            if not any(name in public for public in public_names)
        ]
        titles += list(
            Analysis.objects.exclude(is_public=True, status=AnalysisStatus.PUBLISHED).values_list("title", flat=True)
        )
        titles += list(Event.objects.filter(status=EventStatus.DRAFT).values_list("title", flat=True))
        for page in seen.texts():
            text = normalised(page.text)
            failures += [f"[{who}] {page.url} names private “{title}”" for title in titles if title and title in text]
    assert not failures, report(sorted(set(failures)), "private objects visible")
