"""The demo's local catalogue edits: the Eskilstuna municipal editor at work in Sörmland's catalogue.

Runs after ``load_catalogue`` (the EMIL3 import). Region Sörmland's coordinator appoints Sara Lund
(``redaktor@eskilstuna.example``, a member of the space) editor of Eskilstuna (0484); then, signed in as her,
through the same services as the pages:

- a provider entered here and two local kinds of education EMIL lacks — a contract education (CNC operator,
  two offerings: Eskilstuna and Torshälla) and an industry course (forklift driving) — each with target
  occupations (SSYK 2012);
- on an imported Eskilstuna offering (komvux, assistant nurse): local SSYK links and a local note, which the
  next import keeps.

Without imported offerings (no import yet) the local additions to an imported offering are skipped.
"""

from dataclasses import dataclass, field
from datetime import date

from samverka.demo.accounts import SORMLAND_SLUG
from samverka.education.catalogue.models import Offering, Provider, Source
from samverka.education.catalogue.services import editing
from samverka.education.catalogue.services.editing import EducationData, OfferingData, ProviderData
from samverka.platform.accounts.models import User
from samverka.platform.core import audit
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space

EDITOR_EMAIL = "redaktor@eskilstuna.example"
COORDINATOR_EMAIL = "samordnare@sormland.example"
ESKILSTUNA = "0484"
#: The imported offering the editor adds to (komvux assistant nurse, spring 2027), else any in Eskilstuna.
IMPORTED_OFFERING = "e.0484.komvux.vux.usk.0484.2027-01.100"


@dataclass
class CatalogueEdits:
    providers: list[Provider] = field(default_factory=list)
    offerings: list[Offering] = field(default_factory=list)
    imported: Offering | None = None


def load_catalogue_edits() -> CatalogueEdits:
    """Appoint the Eskilstuna editor and make her local edits; returns what was added."""
    space = Space.objects.get(slug=SORMLAND_SLUG)
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    eskilstuna = Municipality.objects.get(pk=ESKILSTUNA)
    with audit.acting_as(coordinator):
        editing.editor_appoint(
            space=space, actor=coordinator, user=User.objects.get(email=EDITOR_EMAIL), municipality=eskilstuna
        )
    editor = User.objects.get(email=EDITOR_EMAIL)  # read again: her editorship is new
    done = CatalogueEdits()
    with audit.acting_as(editor):
        _local_offerings(space, editor, eskilstuna, done)
        done.imported = _additions_to_an_imported_offering(space, editor)
    return done


def _local_offerings(space: Space, editor: User, eskilstuna: Municipality, done: CatalogueEdits) -> None:
    municipal = editing.provider_create(
        space=space,
        actor=editor,
        data=ProviderData(
            name="Eskilstuna kommun, Uppdragsutbildning",
            responsible_body_type="municipal",
            municipality=eskilstuna,
            street_address="Rademachergatan 1",
            postal_code="63220",
            town="Eskilstuna",
            email="uppdragsutbildning@eskilstuna.example",
            phone="016-710 00 00",
            local_note="Säljer utbildning till företag och till Arbetsförmedlingen; kontakt via näringslivsenheten.",
        ),
    )
    industry = editing.provider_create(
        space=space,
        actor=editor,
        data=ProviderData(
            name="Industriakademin Eskilstuna (exempel)",
            responsible_body_type="private",
            municipality=eskilstuna,
            town="Eskilstuna",
            email="kurser@industriakademin.example",
        ),
    )
    done.providers += [municipal, industry]

    cnc = editing.education_create(
        space=space,
        actor=editor,
        data=EducationData(
            provider=municipal,
            title="CNC-operatör, uppdragsutbildning",
            description="Uppdragsutbildning för verkstadsföretagen i Eskilstuna: programmering och körning av "
            "CNC-maskiner, ritningsläsning och mätteknik. Beställs av arbetsgivare eller Arbetsförmedlingen.",
            school_type="contract",
            sun_field="521",
            sun_level="313",
            credit_system="weeks",
            extent="16 veckor",
            is_vocational=True,
            primary_occupations=("7223",),
            related_occupations=("7224",),
        ),
    )
    truck = editing.education_create(
        space=space,
        actor=editor,
        data=EducationData(
            provider=industry,
            title="Truckförarutbildning A+B, branschkurs",
            description="Branschkurs enligt TLP10 med teori och praktik; för lager, logistik och industri.",
            school_type="industry",
            sun_field="840",
            credit_system="hours",
            extent="3 dagar",
            is_vocational=True,
            primary_occupations=("8344",),
        ),
    )
    offerings = [
        OfferingData(
            education=cnc,
            municipality=eskilstuna,
            locality="Munktell Science Park",
            start_date=date(2027, 2, 1),
            end_date=date(2027, 5, 21),
            application_closes=date(2027, 1, 15),
            pace_percent=100,
            places=14,
            fee_note="Betalas av beställaren",
            occupations=("7223",),
        ),
        OfferingData(
            education=cnc,
            municipality=eskilstuna,
            locality="Torshälla",
            start_date=date(2027, 9, 6),
            end_date=date(2027, 12, 17),
            application_opens=date(2027, 5, 1),
            application_closes=date(2027, 8, 15),
            pace_percent=50,
            places=10,
            fee_note="Betalas av beställaren",
        ),
        OfferingData(
            education=truck,
            municipality=eskilstuna,
            locality="Kjula",
            start_date=date(2027, 3, 8),
            end_date=date(2027, 3, 10),
            continuous_admission=True,
            pace_percent=100,
            places=8,
            fee_sek=6500,
            fee_note="Exkl. moms",
            url="https://industriakademin.example/truck",
        ),
    ]
    for data in offerings:
        done.offerings.append(editing.offering_create(space=space, actor=editor, data=data))
    # The truck course waits for its dates to be confirmed: a draft the public does not see yet.
    editing.offering_unpublish(offering=done.offerings[-1], actor=editor)


def _additions_to_an_imported_offering(space: Space, editor: User) -> Offering | None:
    imported = Offering.objects.filter(space=space, municipality_id=ESKILSTUNA, removed_at__isnull=True).exclude(
        source=Source.LOCAL
    )
    offering = imported.filter(source_id=IMPORTED_OFFERING).first() or imported.order_by("source_id").first()
    if offering is None:
        return None
    return editing.offering_update(
        offering=offering,
        actor=editor,
        data=OfferingData(
            occupations=("5321", "5323"),
            local_note="Kan kombineras med SFI (yrkessvenska). Informationsträff varje månad på Vuxenutbildningen; "
            "anmäl dig till studie- och yrkesvägledningen.",
        ),
    )
