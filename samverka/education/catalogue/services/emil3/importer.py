"""One EMIL3 run's normalisation and bulk writes (inside the run's transaction)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Organisation
from samverka.education.catalogue.derived import offering_derived_fields
from samverka.education.catalogue.models import (
    EMIL_SCHOOL_TYPES,
    Education,
    EducationOccupation,
    ImportRun,
    ImportStatus,
    Offering,
    OfferingParty,
    Provider,
    ResponsibleBodyType,
    Source,
)
from samverka.education.catalogue.services.emil3 import fields as emil_fields
from samverka.education.catalogue.services.emil3.fields import (
    _BODY_TYPES,
    _CLOSES,
    _CREDIT_SYSTEMS,
    _END,
    _FEE,
    _LANGUAGES,
    _OPENS,
    _PACE,
    _PLACES,
    _SEQF,
    _SESSIONS,
    _START,
    EDUCATION_FIELDS,
    OFFERING_FIELDS,
    PROVENANCE_FIELDS,
    PROVIDER_FIELDS,
    Rejected,
    _aware,
    _code,
    _date,
    _email,
    _extent,
    _first_id,
    _localized,
    _number,
    _web_address,
)
from samverka.education.catalogue.services.emil3.sources import BATCH, CHUNK, ENDPOINTS, EVENTS, INFOS, PROVIDERS
from samverka.insight.classifications import selectors as classifications
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space

ProgressCallback = Callable[[int, int], None]


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    outside_county: int = 0
    rejected: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class _Feed:
    pages: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    items: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {e: [] for e in ENDPOINTS})


class _Importer:
    """One run's normalisation and writes (inside the run's transaction)."""

    def __init__(self, *, space: Space, run: ImportRun, full: bool, progress: ProgressCallback | None) -> None:
        self.space = space
        self.run_row = run
        self.full = full
        self.progress = progress
        self.now = timezone.now()
        self.county = space.county_id
        self.problems: list[dict[str, str]] = []
        self.rejected_infos: set[str] = set()
        self.titles_before: dict[str, str] = {}
        self.names_before: dict[str, str] = {}
        self.counts = {PROVIDERS: _Counts(), INFOS: _Counts(), EVENTS: _Counts()}
        self.done = 0
        self.total = 0
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.sun_fields = {c for c in classifications.codes("sun2020_field") if len(c) <= 4}
        self.sun_levels = {c for c in classifications.codes("sun2020_level") if len(c) <= 3}
        self.ssyk = classifications.codes("ssyk2012", 4)

    # bookkeeping
    def reject(self, endpoint: str, item_id: str, message: str) -> None:
        self.problems.append({"endpoint": endpoint, "id": item_id or _("(no id)"), "message": message})
        self.counts[endpoint].rejected += 1

    def step(self, count: int = 1) -> None:
        before = self.done
        self.done += count
        if self.done // CHUNK != before // CHUNK or self.done >= self.total:
            self.report()

    def report(self) -> None:
        ImportRun.objects.filter(pk=self.run_row.pk).update(done=self.done, total=self.total)
        if self.progress is not None:
            self.progress(self.done, self.total)

    # the run
    def run(self, items: dict[str, list[dict[str, Any]]]) -> None:
        self.total = sum(len(v) for v in items.values())
        existing_providers = {p.source_id: p for p in Provider.objects.filter(space=self.space, source=Source.EMIL3)}
        existing_educations = {e.source_id: e for e in Education.objects.filter(space=self.space, source=Source.EMIL3)}
        # Offerings are the many: read only what decides (a changed row gets every feed field set anyway).
        existing_offerings = {
            o.source_id: o
            for o in Offering.objects.filter(space=self.space, source=Source.EMIL3).only(
                "pk", "source_id", "source_updated_at", "removed_at"
            )
        }

        # What each endpoint says, item by item (rejections named), before deciding what lies in the county.
        providers, removed_providers, seen_providers = self.parse(PROVIDERS, items[PROVIDERS], self.provider_fields)
        infos, removed_infos, seen_infos = self.parse(INFOS, items[INFOS], self.info_fields)
        events, removed_events, seen_events = self.parse(EVENTS, items[EVENTS], self.event_fields)

        # An offering belongs to the county by its municipality, or without one by its provider's.
        provider_municipality = {pid: p["municipality"] for pid, p in providers.items()}
        provider_municipality.update(
            {sid: p.municipality_id for sid, p in existing_providers.items() if sid not in provider_municipality}
        )
        kept_events: dict[str, dict[str, Any]] = {}
        for eid, event in events.items():
            code = event["municipality"] or provider_municipality.get(event["provider_sid"])
            if self.in_county(code):
                kept_events[eid] = event
            else:
                self.counts[EVENTS].outside_county += 1
        for eid, event in list(kept_events.items()):
            if event["education_sid"] in infos or event["education_sid"] in existing_educations:
                continue
            del kept_events[eid]
            if event["education_sid"] in self.rejected_infos:
                self.reject(
                    EVENTS,
                    eid,
                    _("Its education %(id)s was not accepted (see above).") % {"id": event["education_sid"]},
                )
            else:
                self.reject(EVENTS, eid, _("Its education %(id)s is not in the feed.") % {"id": event["education_sid"]})

        wanted_infos = {e["education_sid"] for e in kept_events.values()}
        kept_infos: dict[str, dict[str, Any]] = {}
        for iid, info in infos.items():
            if (
                iid in wanted_infos
                or iid in existing_educations
                or self.in_county(provider_municipality.get(info["provider_sid"] or ""))
            ):
                kept_infos[iid] = info
            else:
                self.counts[INFOS].outside_county += 1
        # An education's provider: its own, else the one of its first offering.
        for iid, info in kept_infos.items():
            if not info["provider_sid"]:
                info["provider_sid"] = next(
                    (e["provider_sid"] for e in kept_events.values() if e["education_sid"] == iid), ""
                )
        wanted_providers = {i["provider_sid"] for i in kept_infos.values()} | {
            e["provider_sid"] for e in kept_events.values()
        }
        kept_providers: dict[str, dict[str, Any]] = {}
        for pid, provider in providers.items():
            if pid in wanted_providers or pid in existing_providers or self.in_county(provider["municipality"]):
                kept_providers[pid] = provider
            else:
                self.counts[PROVIDERS].outside_county += 1
        for iid, info in list(kept_infos.items()):
            if info["provider_sid"] not in kept_providers and info["provider_sid"] not in existing_providers:
                del kept_infos[iid]
                self.reject(INFOS, iid, _("Its provider %(id)s is not in the feed.") % {"id": info["provider_sid"]})
        for eid, event in list(kept_events.items()):
            if event["provider_sid"] not in kept_providers and event["provider_sid"] not in existing_providers:
                del kept_events[eid]
                self.reject(EVENTS, eid, _("Its provider %(id)s is not in the feed.") % {"id": event["provider_sid"]})
            elif event["education_sid"] not in kept_infos and event["education_sid"] not in existing_educations:
                del kept_events[eid]
                self.reject(
                    EVENTS,
                    eid,
                    _("Its education %(id)s was not accepted (see above).") % {"id": event["education_sid"]},
                )

        # Writes: providers, educations, offerings, the feed's target occupations, removals.
        provider_rows = self.write_providers(kept_providers, existing_providers)
        education_rows, changed_educations = self.write_educations(kept_infos, existing_educations, provider_rows)
        changed_events = self.write_offerings(kept_events, existing_offerings, education_rows, provider_rows)
        self.write_parties(kept_events, changed_events, provider_rows)
        self.write_occupations(kept_infos, changed_educations, education_rows)
        self.refresh_search_text(kept_events, provider_rows, education_rows)
        self.remove(Provider, PROVIDERS, existing_providers, removed_providers, seen_providers)
        removed_education_pks = self.remove(Education, INFOS, existing_educations, removed_infos, seen_infos)
        self.remove(Offering, EVENTS, existing_offerings, removed_events, seen_events, removed_education_pks)

        self.done = self.total
        self.report()
        ImportRun.objects.filter(pk=self.run_row.pk).update(
            status=ImportStatus.DONE,
            finished_at=timezone.now(),
            counts={
                "providers": self.counts[PROVIDERS].as_dict(),
                "educations": self.counts[INFOS].as_dict(),
                "offerings": self.counts[EVENTS].as_dict(),
            },
            problems=self.problems,
            message="",
        )

    def in_county(self, code: str | None) -> bool:
        municipality = self.municipalities.get(code or "")
        return municipality is not None and municipality.county_id == self.county

    def parse(
        self, endpoint: str, items: list[dict[str, Any]], read: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> tuple[dict[str, dict[str, Any]], set[str], set[str]]:
        """Accepted items by id, the ids marked removed, and every id the feed names (accepted or not)."""
        accepted: dict[str, dict[str, Any]] = {}
        removed: set[str] = set()
        seen: set[str] = set()
        rejected: set[str] = set()
        for index, item in enumerate(items):
            item_id = _code(item.get("id")) or _code((item.get("content") or {}).get("identifier"))
            if not item_id:
                self.reject(endpoint, "", _("Item %(number)s has no id.") % {"number": index + 1})
                self.step()
                continue
            seen.add(item_id)
            status = str(item.get("status") or "ACTIVE").upper()
            if status != "ACTIVE":
                removed.add(item_id)
                self.step()
                continue
            try:
                content = item.get("content")
                if not isinstance(content, dict):
                    raise Rejected(_("The item has no content."))
                values = read(content)
                values["source_updated_at"] = _aware(parse_datetime(str(item.get("lastEdited") or ""))) or self.now
            except (Rejected, ValueError) as error:
                self.reject(endpoint, item_id, str(error))
                rejected.add(item_id)
            else:
                accepted[item_id] = values
            self.step()
        if endpoint == INFOS:
            self.rejected_infos = rejected
        return accepted, removed, seen

    # normalising one item of each endpoint
    def provider_fields(self, content: dict[str, Any]) -> dict[str, Any]:
        name = _localized(content.get("name"))
        if not name:
            raise Rejected(_("The provider has no name."))
        address = content.get("visitAddress") or content.get("postAddress") or {}
        code = _code(address.get("municipalityCode"))
        if code and code not in self.municipalities:
            raise Rejected(_("Unknown municipality code %(code)s.") % {"code": code})
        org_number = emil_fields.org_number(content.get("organisationNumber"))
        body = content.get("responsibleBody") or {}
        body_code = _code(body.get("type") if isinstance(body, dict) else body).upper()
        phone = content.get("phone")
        return {
            "name": name[:300],
            "org_number": org_number,
            "responsible_body_type": _BODY_TYPES.get(body_code, ResponsibleBodyType.OTHER),
            "street_address": str(address.get("streetAddress") or "")[:200],
            "postal_code": str(address.get("postCode") or "").replace(" ", "")[:6],
            "town": str(address.get("town") or "")[:100],
            "municipality": code or None,
            "email": _email(content.get("emailAddress")),
            "phone": (phone if isinstance(phone, str) else "")[:40],
            "url": _web_address(content.get("url")),
        }

    def info_fields(self, content: dict[str, Any]) -> dict[str, Any]:
        title = _localized(content.get("title"))
        if not title:
            raise Rejected(_("The education has no title."))
        school_type = _code(content.get("typeOfSchool"))
        if not school_type:
            raise Rejected(_("The education has no school type."))
        if school_type not in EMIL_SCHOOL_TYPES:
            raise Rejected(_("Unknown school type %(code)s.") % {"code": school_type})
        sun_field = next(
            (_code(s) for s in content.get("subjects") or [] if isinstance(s, dict) and "SUN" in str(s.get("type"))),
            "",
        )
        if sun_field and sun_field not in self.sun_fields:
            raise Rejected(_("Unknown SUN 2020 field %(code)s.") % {"code": sun_field})
        sun_level = _code(content.get("educationLevel"))
        if sun_level and sun_level not in self.sun_levels:
            raise Rejected(_("Unknown SUN 2020 level %(code)s.") % {"code": sun_level})
        occupations: list[tuple[str, bool]] = []
        for occupation in content.get("occupations") or []:
            code = _code(occupation)
            if code not in self.ssyk:
                raise Rejected(_("Unknown occupation code (SSYK 2012) %(code)s.") % {"code": code or "–"})
            if code not in {c for c, _p in occupations}:
                occupations.append(
                    (code, bool(occupation.get("primary", True)) if isinstance(occupation, dict) else True)
                )
        credits = content.get("credits") or {}
        amount = credits.get("credits") if isinstance(credits, dict) else None
        try:
            amount = round(float(amount), 1) if amount not in (None, "") else None
        except (TypeError, ValueError):
            raise Rejected(_("The credits are not a number: %(value)s") % {"value": amount}) from None
        if amount is not None and not 0 <= amount < 1_000_000:
            raise Rejected(_("The credits are not a number: %(value)s") % {"value": amount})
        extent = content.get("extent") or {}
        extent_text = ""
        if isinstance(extent, dict) and extent.get("length") not in (None, ""):
            extent_text = _extent(extent.get("length"), _code(extent.get("unit")))
        return {
            "code": _code(content.get("code"))[:50],
            "title": title[:300],
            "description": _localized(content.get("description")),
            "school_type": school_type,
            "sun_field": sun_field,
            "sun_level": sun_level,
            "seqf_level": _number(_code(content.get("qualificationLevel")) or None, _SEQF, low=1, high=8),
            "credit_system": _CREDIT_SYSTEMS.get(_code(credits.get("system")) if isinstance(credits, dict) else "", ""),
            "credits": amount,
            "extent": extent_text[:100],
            "is_vocational": bool(content.get("vocational")),
            "leads_to_degree": bool(content.get("degrees")),
            "csn_eligible": bool(content.get("eligibleForStudentAid")),
            "occupations": occupations,
            "provider_sid": _first_id(content.get("providers")),
        }

    def event_fields(self, content: dict[str, Any]) -> dict[str, Any]:
        education = _code(content.get("education"))
        if not education:
            raise Rejected(_("The offering names no education."))
        provider = _first_id(content.get("providers"))
        if not provider:
            raise Rejected(_("The offering names no provider."))
        locations = [row for row in content.get("locations") or [] if isinstance(row, dict)]
        location = locations[0] if locations else {}
        code = _code(location.get("municipalityCode"))
        if code and code not in self.municipalities:
            raise Rejected(_("Unknown municipality code %(code)s.") % {"code": code})
        start = _date(content.get("start"), _START)
        end = _date(content.get("end"), _END)
        if start and end and end < start:
            raise Rejected(_("It ends (%(end)s) before it starts (%(start)s).") % {"end": end, "start": start})
        application = content.get("application") or {}
        opens = _date(application.get("first"), _OPENS)
        closes = _date(application.get("last"), _CLOSES)
        pace = content.get("paceOfStudy") or {}
        distance = content.get("distance")
        distance = distance if isinstance(distance, dict) else {"value": bool(distance)}
        fees = [x.get("tuitionFee") for x in content.get("extensions") or [] if isinstance(x, dict)]
        fee = next((f for f in fees if isinstance(f, dict)), {})
        languages = content.get("languageOfInstructions") or ["swe"]
        language = str(languages[0]) if isinstance(languages, list) and languages else "swe"
        execution = content.get("execution") or {}
        return {
            "education_sid": education,
            "provider_sid": provider,
            "municipality": code or None,
            "locality": str(location.get("town") or "")[:100],
            "start_date": start,
            "end_date": end,
            "application_opens": opens,
            "application_closes": closes,
            "continuous_admission": bool(application.get("continuous")),
            "pace_percent": _number(pace.get("percentage") if isinstance(pace, dict) else pace, _PACE, low=1, high=100),
            "is_distance": bool(distance.get("value")),
            "onsite_sessions": _number(distance.get("mandatorySessions"), _SESSIONS, low=0, high=1000),
            "places": _number(content.get("places"), _PLACES, low=0, high=1_000_000),
            "fee_sek": _number(fee.get("total"), _FEE, low=0, high=10_000_000),
            "fee_note": str(fee.get("note") or "")[:200],
            "language": _LANGUAGES.get(language, language[:10]),
            "is_apprenticeship": bool(content.get("apprenticeship")),
            "is_cancelled": _code(execution.get("condition") if isinstance(execution, dict) else "").upper()
            == "CANCELLED",
            "url": _web_address(content.get("url")) or _web_address(application.get("url")),
            "parties": emil_fields.parties(content, self.municipalities),
        }

    # writing
    def _apply(
        self,
        model: Any,
        endpoint: str,
        rows: dict[str, dict[str, Any]],
        existing: dict[str, Any],
        fields: list[str],
    ) -> tuple[dict[str, Any], set[str]]:
        """Create and update the rows (by id in the source); returns every row by id and the ids changed."""
        counts = self.counts[endpoint]
        to_create: list[Any] = []
        to_update, changed = [], set()
        attnames = [(_attname(name), name) for name in fields]
        raw = model is Offering  # the many: inserted as plain rows (no instances, no primary keys needed back)
        for sid, values in rows.items():
            current = existing.get(sid)
            if current is None and raw:
                line = {attname: values[name] for attname, name in attnames}
                line.update(space_id=self.space.pk, source=Source.EMIL3, source_id=sid)
                line["source_updated_at"] = values["source_updated_at"]
                to_create.append(line)
                changed.add(sid)
                continue
            if current is None:
                row = model(space=self.space, source=Source.EMIL3, source_id=sid, removed_at=None)
                for name in fields:
                    setattr(row, _attname(name), values[name])
                row.source_updated_at = values["source_updated_at"]
                to_create.append(row)
                existing[sid] = row
                changed.add(sid)
                continue
            # Not changed since we have it (or an older version than ours: never go back).
            stored = current.source_updated_at
            if current.removed_at is None and stored is not None and values["source_updated_at"] <= stored:
                counts.unchanged += 1
                continue
            for name in fields:
                setattr(current, _attname(name), values[name])
            current.source_updated_at = values["source_updated_at"]
            current.removed_at = None
            current.updated_at = self.now
            to_update.append(current)
            changed.add(sid)
        if raw:
            _insert(model, to_create)
        else:
            model.objects.bulk_create(to_create, batch_size=BATCH)
        if to_update:
            model.objects.bulk_update(to_update, [_attname(n) for n in fields] + PROVENANCE_FIELDS, batch_size=BATCH)
        counts.created += len(to_create)
        counts.updated += len(to_update)
        return existing, changed

    def write_providers(self, rows: dict[str, dict[str, Any]], existing: dict[str, Provider]) -> dict[str, Any]:
        numbers = {row["org_number"] for row in rows.values() if row["org_number"]}
        organisations = (
            dict(Organisation.objects.filter(org_number__in=numbers).values_list("org_number", "pk")) if numbers else {}
        )
        for sid, row in rows.items():
            found = organisations.get(row["org_number"]) if row["org_number"] else None
            # A link made here is kept when the feed's number matches no actor.
            row["organisation"] = found or (existing[sid].organisation_id if sid in existing else None)
        self.names_before = {sid: row.name for sid, row in existing.items()}
        written, _changed = self._apply(Provider, PROVIDERS, rows, existing, PROVIDER_FIELDS)
        return written

    def write_educations(
        self, rows: dict[str, dict[str, Any]], existing: dict[str, Education], providers: dict[str, Provider]
    ) -> tuple[dict[str, Any], set[str]]:
        self.titles_before = {sid: row.title for sid, row in existing.items()}
        for row in rows.values():
            row["provider"] = providers[row["provider_sid"]].pk
        return self._apply(Education, INFOS, rows, existing, EDUCATION_FIELDS)

    def write_offerings(
        self,
        rows: dict[str, dict[str, Any]],
        existing: dict[str, Offering],
        educations: dict[str, Education],
        providers: dict[str, Provider],
    ) -> set[str]:
        """Create and update the offerings; returns the ids in the source of those written."""
        for row in rows.values():
            education = educations[row["education_sid"]]
            provider = providers[row["provider_sid"]]
            row["education"], row["provider"] = education.pk, provider.pk
            row.update(
                offering_derived_fields(
                    title=education.title,
                    provider_name=provider.name,
                    locality=row["locality"],
                    municipality=self.municipalities.get(row["municipality"] or ""),
                    start_date=row["start_date"],
                    end_date=row["end_date"],
                )
            )
        return self._apply(Offering, EVENTS, rows, existing, OFFERING_FIELDS)[1]

    def write_parties(self, rows: dict[str, dict[str, Any]], changed: set[str], providers: dict[str, Provider]) -> None:
        """The orderers and contractor of the offerings the run changed, replacing what they had; a party that
        names a provider of the feed by id gets the provider's organisation number."""
        sids = [sid for sid in changed if sid in rows]
        pks: dict[str, int] = {}
        for chunk in _chunks(sids, 5000):
            rows_of = Offering.objects.filter(space=self.space, source=Source.EMIL3, source_id__in=chunk)
            pks.update(rows_of.values_list("source_id", "pk"))
            OfferingParty.objects.filter(offering__in=rows_of).delete()
        fresh = []
        for sid in sids:
            for party in rows[sid]["parties"]:
                provider = providers.get(party["source_id"]) if party["source_id"] else None
                if provider is not None and not party["org_number"]:
                    party = {**party, "org_number": provider.org_number}
                fresh.append(OfferingParty(offering_id=pks[sid], **party))
        OfferingParty.objects.bulk_create(fresh, batch_size=BATCH)

    def write_occupations(
        self, rows: dict[str, dict[str, Any]], changed: set[str], educations: dict[str, Education]
    ) -> None:
        """The feed's target occupations of the educations it changed; rows added here (``is_local``) stay."""
        pks = {educations[sid].pk: sid for sid in changed if sid in rows}
        if not pks:
            return
        present: dict[int, dict[str, EducationOccupation]] = {}
        for chunk in _chunks(list(pks), 5000):
            for occupation in EducationOccupation.objects.filter(education_id__in=chunk):
                present.setdefault(occupation.education_id, {})[occupation.ssyk_code] = occupation
        stale: list[int] = []
        fresh: list[EducationOccupation] = []
        for pk, sid in pks.items():
            wanted = dict(rows[sid]["occupations"])
            for code, occupation in present.get(pk, {}).items():
                if not occupation.is_local and code not in wanted:
                    stale.append(occupation.pk)
            for code, primary in wanted.items():
                if code not in present.get(pk, {}):
                    fresh.append(EducationOccupation(education_id=pk, ssyk_code=code, is_primary=primary))
        for chunk in _chunks(stale, 5000):
            EducationOccupation.objects.filter(pk__in=chunk, is_local=False).delete()
        EducationOccupation.objects.bulk_create(fresh, batch_size=BATCH)

    def refresh_search_text(
        self, events: dict[str, Any], providers: dict[str, Provider], educations: dict[str, Education]
    ) -> None:
        """Offerings not in this run whose education's title or provider's name changed get their free text again."""
        retitled = [row.pk for sid, row in educations.items() if self.titles_before.get(sid, row.title) != row.title]
        renamed = [row.pk for sid, row in providers.items() if self.names_before.get(sid, row.name) != row.name]
        if not retitled and not renamed:
            return
        stale = list(
            Offering.objects.filter(space=self.space, source=Source.EMIL3)
            .filter(Q(education_id__in=retitled) | Q(provider_id__in=renamed))
            .exclude(source_id__in=list(events))
            .select_related("education", "provider", "municipality")
        )
        for offering in stale:
            derived = offering_derived_fields(
                title=offering.education.title,
                provider_name=offering.provider.name,
                locality=offering.locality,
                municipality=offering.municipality,
                start_date=offering.start_date,
                end_date=offering.end_date,
            )
            offering.search_text = derived["search_text"]
        Offering.objects.bulk_update(stale, ["search_text"], batch_size=BATCH)

    def remove(
        self,
        model: Any,
        endpoint: str,
        existing: dict[str, Any],
        marked: set[str],
        seen: set[str],
        removed_educations: Iterable[int] = (),
    ) -> list[int]:
        """Soft-delete what the feed marks removed (and in a full run what it no longer has); their pks."""
        gone = {sid for sid in marked if sid in existing}
        if self.full:
            gone |= {sid for sid in existing if sid not in seen}
        pks = [existing[sid].pk for sid in gone if existing[sid].pk is not None and existing[sid].removed_at is None]
        removed_educations = list(removed_educations)
        count = 0
        for chunk in _chunks(pks, 5000):
            count += model.objects.filter(pk__in=chunk, removed_at__isnull=True).update(
                removed_at=self.now, updated_at=self.now
            )
        for chunk in _chunks(removed_educations, 5000):
            count += Offering.objects.filter(
                space=self.space, source=Source.EMIL3, education_id__in=chunk, removed_at__isnull=True
            ).update(removed_at=self.now, updated_at=self.now)
        self.counts[endpoint].removed += count
        return pks


def _insert(model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert new rows (``{attname: value}``, the rest from the fields' defaults) with one ``executemany``.

    The many offerings of a run are the bulk of its time; Django's ``bulk_create`` builds an instance and
    prepares every value through its field, this adapts only dates and times, as the database backend does.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ops = connection.ops
    now = timezone.now()
    defaults = {f.attname: f.get_default() for f in fields}
    defaults.update(created_at=now, updated_at=now)
    memo: dict[Any, Any] = {}
    names = [f.attname for f in fields]
    timed = [i for i, f in enumerate(fields) if isinstance(f, models.DateField)]  # DateTimeField is one too

    def adapt(value: Any) -> Any:
        if value is None:
            return None
        found = memo.get(value)
        if found is None:
            found = memo[value] = (
                ops.adapt_datetimefield_value(value)
                if isinstance(value, datetime)
                else ops.adapt_datefield_value(value)
            )
        return found

    values = []
    for row in rows:
        line = [row[name] if name in row else defaults[name] for name in names]
        for index in timed:
            line[index] = adapt(line[index])
        values.append(line)
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model; every value is a parameter.
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for chunk in _chunks(values, 5000):
            cursor.executemany(sql, chunk)


def _attname(name: str) -> str:
    return f"{name}_id" if name in {"organisation", "municipality", "provider", "education"} else name


def _chunks(values: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# Starting a run from the import page ---------------------------------------------------------------------------

#: A run still marked running after this long is taken as dead (a worker stopped): another may start.
