"""Builders of EMIL3 items and pages in the shape of Skolverket's Susa-navet API (synthetic data).

The shape follows the published OpenAPI description ``https://api.skolverket.se/susa-navet/susa-navet-emil3.yaml``
(endpoints ``/educationProviders``, ``/educationInfos``, ``/educationEvents``; query ``page`` (from 0),
``size``, ``updatedSince``, ``schoolType``): every item is ``{"id", "status", "lastEdited", "content": {…}}``,
texts are ``{"strings": [{"lang": "swe", "value": …}]}``, web addresses ``{"urls": [{"lang", "value"}]}``
and a page is ``{"page", "size", "totalElements", "totalPages", "<endpoint>": [items]}``. See README.md
for the fields the importer reads and which of them are this project's reading of the schema.
"""

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROVIDERS = "educationProviders"
INFOS = "educationInfos"
EVENTS = "educationEvents"
ENDPOINTS = (PROVIDERS, INFOS, EVENTS)


def text(value: str, lang: str = "swe") -> dict[str, Any]:
    return {"strings": [{"lang": lang, "value": value}]}


def url(value: str, lang: str = "swe") -> dict[str, Any]:
    return {"urls": [{"lang": lang, "value": value}]}


def removed(item_id: str, last_edited: str) -> dict[str, Any]:
    """An item the feed marks removed (a delta answer keeps its id, its content is gone)."""
    return {"id": item_id, "status": "REMOVED", "lastEdited": last_edited, "content": {"identifier": item_id}}


@dataclass
class ProviderSpec:
    id: str
    name: str
    org_number: str
    body: str  # KOMMUN, REGION, STAT, ENSKILD, OVRIG
    street: str
    postcode: str
    town: str
    municipality: str
    email: str = ""
    phone: str = ""
    web: str = ""
    last_edited: str = "2026-09-01T08:00:00Z"

    def item(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": "ACTIVE",
            "lastEdited": self.last_edited,
            "content": {
                "identifier": self.id,
                "name": text(self.name),
                "organisationNumber": self.org_number,
                "responsibleBody": {"type": {"code": self.body}},
                "visitAddress": {
                    "streetAddress": self.street,
                    "postCode": self.postcode,
                    "town": self.town,
                    "municipalityCode": self.municipality,
                },
                "emailAddress": self.email,
                "phone": self.phone,
                "url": url(self.web) if self.web else None,
            },
        }


@dataclass
class InfoSpec:
    id: str
    provider: str
    code: str
    title: str
    school_type: str
    sun_field: str
    sun_level: str
    occupations: list[tuple[str, bool]] = field(default_factory=list)  # (SSYK 2012 code, primary)
    description: str = ""
    seqf: int | None = None
    credits: float | None = None
    credit_system: str = ""  # gyp, yhp, hp, weeks, hours
    extent: tuple[int, str] | None = None  # (length, unit code)
    vocational: bool = False
    degree: str = ""
    csn: bool = False
    configuration: str = "program"
    last_edited: str = "2026-09-01T08:00:00Z"

    def item(self) -> dict[str, Any]:
        content: dict[str, Any] = {
            "identifier": self.id,
            "code": self.code,
            "title": text(self.title),
            "description": text(self.description) if self.description else None,
            "typeOfSchool": {"code": self.school_type},
            "configuration": {"code": self.configuration},
            "providers": [self.provider],
            "subjects": [{"code": self.sun_field, "type": "C_Subject_SUN2020"}] if self.sun_field else [],
            "educationLevel": {"code": self.sun_level, "type": "SUN2020"} if self.sun_level else None,
            "occupations": [{"code": c, "type": "SSYK2012", "primary": p} for c, p in self.occupations],
            "qualificationLevel": {"code": str(self.seqf), "type": "SeQF"} if self.seqf else None,
            "credits": {"credits": self.credits, "system": {"code": self.credit_system}}
            if self.credits is not None
            else None,
            "extent": {"length": self.extent[0], "unit": {"code": self.extent[1]}} if self.extent else None,
            "vocational": self.vocational,
            "degrees": [text(self.degree)] if self.degree else [],
            "eligibleForStudentAid": self.csn,
        }
        return {"id": self.id, "status": "ACTIVE", "lastEdited": self.last_edited, "content": content}


@dataclass
class EventSpec:
    id: str
    education: str
    provider: str
    municipality: str
    town: str
    start: str
    end: str = ""
    application_first: str = ""
    application_last: str = ""
    continuous: bool = False
    pace: int = 100
    distance: bool = False
    sessions: int | None = None
    places: int | None = None
    fee: int | None = None
    fee_note: str = ""
    language: str = "swe"
    apprenticeship: bool = False
    cancelled: bool = False
    web: str = ""
    last_edited: str = "2026-09-01T08:00:00Z"
    #: Who ordered the offering (EMIL ``orderers``): (id, name, municipality code) each.
    orderers: tuple[tuple[str, str, str], ...] = ()

    def item(self) -> dict[str, Any]:
        application: dict[str, Any] = {"continuous": self.continuous}
        if self.application_first:
            application["first"] = self.application_first
        if self.application_last:
            application["last"] = self.application_last
        if self.web:
            application["url"] = url(self.web)
        content: dict[str, Any] = {
            "identifier": self.id,
            "education": self.education,
            "providers": [self.provider],
            "start": self.start,
            "end": self.end or None,
            "application": application,
            "paceOfStudy": {"percentage": self.pace},
            "distance": {"value": self.distance, "mandatorySessions": self.sessions},
            "locations": [{"town": self.town, "municipalityCode": self.municipality}] if self.municipality else [],
            "places": self.places,
            "extensions": [{"tuitionFee": {"total": self.fee, "value": bool(self.fee), "note": self.fee_note}}],
            "languageOfInstructions": [self.language],
            "apprenticeship": self.apprenticeship,
            "execution": {"condition": "CANCELLED" if self.cancelled else "ACTIVE"},
            "url": url(self.web) if self.web else None,
        }
        if self.orderers:
            content["orderers"] = [
                {"id": party, "name": {"strings": [{"lang": "swe", "value": name}]}, "municipalityCode": code}
                for party, name, code in self.orderers
            ]
        return {"id": self.id, "status": "ACTIVE", "lastEdited": self.last_edited, "content": content}


def pages(endpoint: str, items: list[dict[str, Any]], size: int) -> Iterator[dict[str, Any]]:
    """The answers to ``GET /<endpoint>?page=n&size=size`` for n = 0, 1, … (at least one page)."""
    total_pages = max(1, math.ceil(len(items) / size))
    for number in range(total_pages):
        yield {
            "page": number,
            "size": size,
            "totalElements": len(items),
            "totalPages": total_pages,
            endpoint: items[number * size : (number + 1) * size],
        }


def write_feed(
    directory: Path,
    feed: dict[str, list[dict[str, Any]]],
    *,
    size: int = 50,
    updated_since: str = "",
    note: str = "",
) -> list[Path]:
    """Write every endpoint's pages as ``<endpoint>-page-<n>.json`` (and ``request.json`` for a delta)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for endpoint in ENDPOINTS:
        for body in pages(endpoint, feed.get(endpoint, []), size):
            path = directory / f"{endpoint}-page-{body['page']}.json"
            path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    request: dict[str, Any] = {"synthetic": True, "size": size}
    if updated_since:
        request["updatedSince"] = updated_since
    if note:
        request["note"] = note
    (directory / "request.json").write_text(json.dumps(request, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written


def national_feed(offerings: int, *, county_codes: Iterable[tuple[str, str]], seed: int = 1) -> dict[str, list[Any]]:
    """A large synthetic feed for the benchmark: ``offerings`` events over ``county_codes`` ((code, town) pairs).

    One provider per municipality, four educations per provider, the events spread over them.
    """
    import random

    rng = random.Random(seed)
    municipalities = list(county_codes)
    kinds = [
        ("VUXGY", "Undersköterska", "723o", "317", "5321"),
        ("VUXGY", "CNC-operatör", "521c", "313", "7223"),
        ("AUB", "Lastbilsförare CE", "840b", "313", "8332"),
        ("YH", "Underhållstekniker", "522d", "415", "3113"),
    ]
    providers, infos, events = [], [], []
    for code, town in municipalities:
        pid = f"p.bench.{code}"
        providers.append(
            ProviderSpec(pid, f"Vuxenutbildningen {town}", "", "KOMMUN", "Skolgatan 1", "12345", town, code).item()
        )
        for school_type, title, sun, level, ssyk in kinds:
            infos.append(
                InfoSpec(
                    f"i.bench.{code}.{school_type}.{sun}",
                    pid,
                    sun,
                    title,
                    school_type,
                    sun,
                    level,
                    [(ssyk, True)],
                    vocational=True,
                ).item()
            )
    for number in range(offerings):
        code, town = municipalities[number % len(municipalities)]
        school_type, title, sun, _level, _ssyk = kinds[rng.randrange(len(kinds))]
        year = 2027 + number % 2
        events.append(
            EventSpec(
                f"e.bench.{number}",
                f"i.bench.{code}.{school_type}.{sun}",
                f"p.bench.{code}",
                code,
                town,
                f"{year}-0{1 + number % 8}-1{number % 9}",
                f"{year + 1}-06-1{number % 9}",
                application_last=f"{year}-01-0{1 + number % 9}",
                pace=rng.choice([50, 75, 100]),
                places=rng.randint(8, 40),
            ).item()
        )
    return {PROVIDERS: providers, INFOS: infos, EVENTS: events}
