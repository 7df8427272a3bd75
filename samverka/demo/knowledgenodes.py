"""The demo's knowledge nodes: three municipalities of Sörmland that each hold an area for the region.

Eskilstuna holds industry and technology (Tillverkning, SNI C), Nyköping health and social care (SUN 2020
field 7), Katrineholm transport and logistics (the YH education area). Each names the real industry
actors of the demo it works with and a contact person at its adult education where the demo has one.
"""

from datetime import date

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.demo.accounts import SORMLAND_SLUG
from samverka.education.knowledgenodes import services
from samverka.education.knowledgenodes.models import AreaKind, KnowledgeNode
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space

#: (municipality code, kind, area code, name, offers, public contact, industry actors, contact's organisation)
NODES = (
    (
        "0484",
        AreaKind.INDUSTRY,
        "C",
        "Industri och teknik",
        "Validering mot Teknikcollege och IF Metalls branschmodeller (CNC-operatör, svetsare, montör), "
        "yrkespaket inom industriteknik på Komvux Eskilstuna och stöd till länets övriga kommuner när en "
        "deltagare vill validera industrikompetens.",
        "Komvux Eskilstuna, valideringssamordnare industri: validering.industri@komvux-esk.example",
        (
            "Teknikföretagen Mälardalen",
            "IF Metall Mälardalen",
            "Eskilstuna Mekaniska Verkstad AB",
            "Torshälla Gjuteri AB",
        ),
        "Komvux Eskilstuna",
    ),
    (
        "0480",
        AreaKind.SUN_FIELD,
        "7",
        "Vård och omsorg",
        "Validering mot Vård- och omsorgscollege kompetensbeskrivningar för undersköterska och vårdbiträde, "
        "kartläggning på modersmål och kompletterande utbildning på distans för hela länet.",
        "Vuxenutbildningen Nyköping, nodansvarig vård och omsorg: vard.nod@nykoping.kommun.example",
        ("Vårdföretagarna Mälardalen", "Kommunal Mellan", "Vårdförbundet Sörmland"),
        "Nyköpings kommun",
    ),
    (
        "0483",
        AreaKind.YH_AREA,
        "transport",
        "Transport och logistik",
        "Yrkesförarutbildning (C/CE, buss) och lagerlogistik hos Viadidakt, branschvalidering mot "
        "Transportföretagens yrkesförarmodell och praktikplatser hos länets åkerier.",
        "Viadidakt, nodansvarig transport och logistik: transport.nod@viadidakt.example",
        (
            "Sveriges Åkeriföretag Mälardalen",
            "Sörmlands Åkeri och Logistik AB",
            "Transportarbetareförbundet Mälardalen",
        ),
        "Viadidakt",
    ),
)


def load_knowledgenodes() -> list[KnowledgeNode]:
    """Load the demo's knowledge nodes through the app's services (once: nothing when Sörmland has nodes)."""
    space = Space.objects.filter(slug=SORMLAND_SLUG).first()
    if space is None or KnowledgeNode.objects.filter(space=space).exists():
        return []
    nodes = []
    for code, kind, area, name, offers, contact_text, actors, contact_org in NODES:
        nodes.append(
            services.node_create(
                space=space,
                actor=None,
                data=services.NodeData(
                    municipality=Municipality.objects.get(code=code),
                    area_kind=kind,
                    area_code=area,
                    name=name,
                    valid_from=date(2025, 1, 1),
                    valid_to=date(2027, 12, 31),
                    offers=offers,
                    contact_text=contact_text,
                    is_published=True,
                    industry_actors=list(Organisation.objects.filter(name__in=actors)),
                    contacts=list(Contact.objects.filter(organisation__name=contact_org).order_by("pk")[:1]),
                ),
            )
        )
    return nodes
