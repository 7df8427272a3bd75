"""Demo: statistics, indicators, an outlook scenario, an analysis and a data pack.

* Kompetensplattform Sörmland imports SCB's real population table TAB6471 (the recorded PxWeb v2
  response shipped in ``statistics/data``) and its synthetic register extract (employed persons and
  population 20–64 by municipality, occupation, sex, birth and age band; labelled synthetic
  everywhere), both published after their quality report; an outlook scenario for nurses; a public
  analysis of retirements in health and care with an indicator chart, a municipality map and text;
  and the health-and-care industry forum's occupations and industries, with the data pack of its
  latest open meeting's quarter theme on that meeting's agenda when the meetings demo has one.
* MSV KLL gets the synthetic national cube (employed by occupation × county × age × sex × education,
  three years) for the service, care and sales occupations (SSYK major group 5), published; ``manage.py
  generate_statistics`` stores the whole cube.

Everything goes through the apps' services as an analyst would do it. Skipped when the spaces are
missing or already have datasets.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

SCB_POPULATION = (
    Path(__file__).resolve().parents[1] / "insight" / "statistics" / "data" / "scb" / "TAB6471_data.jsonstat2.json"
)
CARE_FORUM = "Branschforum Vård och omsorg"
#: Nurses, assistant nurses and care assistants (SSYK 2012), and health and social care (SNI 2007).
CARE_SSYK = ["2221", "2222", "2223", "5321", "5322", "5323", "5330"]
CARE_SNI = ["86", "87", "88"]


def _user(email: str) -> Any:
    return get_user_model().objects.filter(email=email).first()


#: Why the synthetic national cube is published although its quality report has an error.
SYNTHETIC_LEVELS = (
    "Syntetiska data för demonstration. Utbildningsnivån är grupperad i tre nivåer (förgymnasial, gymnasial, "
    "eftergymnasial) med egna koder som inte finns i SUN 2020; indikatorerna läser dem som sådana grupper."
)


def _publish(version: Any, actor: User | None, accept_reason: str = "") -> Any:
    from samverka.insight.statistics import services

    # A big version's roll-ups are built by the indicators app once the publication is committed.
    return services.publish_version(actor=actor, version=version, report_seen=True, accept_reason=accept_reason)


def load_statistics() -> None:
    from samverka.insight.statistics.models import Dataset

    sormland = Space.objects.filter(slug=SORMLAND_SLUG).first()
    national = Space.objects.filter(slug=NATIONAL_SLUG).first()
    if sormland is None or national is None or Dataset.objects.filter(space__in=[sormland, national]).exists():
        return
    analyst = _user("analytiker@sormland.example")
    population = _load_population(sormland, analyst)
    register = _load_register(sormland, analyst)
    _load_national(national)
    _load_scenario(sormland, analyst, register)
    _load_analysis(sormland, analyst, register, population)
    _load_pack(sormland, register)


def _load_population(space: Space, analyst: Any) -> Any:
    from samverka.insight.statistics import services
    from samverka.insight.statistics.models import DatasetSource

    dataset = services.create_dataset(
        actor=analyst,
        space=space,
        slug="befolkning-per-manad",
        title="Folkmängden per månad efter region, ålder och kön (SCB, TAB6471)",
        source=DatasetSource.PXWEB_V2,
        table_id="TAB6471",
        unit="personer",
        is_public=True,
        description="Imported from SCB's Statistical Database (PxWeb API v2). Källa: SCB.",
    )
    version = services.import_jsonstat(
        actor=analyst,
        dataset=dataset,
        content=SCB_POPULATION.read_bytes(),
        source_url="https://statistikdatabasen.scb.se/api/v2/tables/TAB6471/data?lang=sv&outputFormat=json-stat2",
        file_name=SCB_POPULATION.name,
    )
    return _publish(version, analyst)


def _load_register(space: Space, analyst: Any) -> Any:
    from samverka.insight.statistics import services
    from samverka.insight.statistics.synthetic import store_synthetic

    dataset, version, _rows = store_synthetic(space=space, kind="sormland", major_groups=("2", "5"), actor=analyst)
    services.update_dataset(actor=analyst, dataset=dataset, is_public=True)
    return _publish(version, analyst)


def _load_national(space: Space) -> Any:
    from samverka.insight.statistics.synthetic import store_synthetic

    _dataset, version, _rows = store_synthetic(
        space=space, kind="national", major_groups=("5",), years=(2021, 2022, 2023)
    )
    return _publish(version, None, accept_reason=SYNTHETIC_LEVELS)


def _load_scenario(space: Space, analyst: Any, register: Any) -> None:
    from samverka.insight.indicators import services

    services.scenario_create(
        actor=analyst,
        space=space,
        data=services.ScenarioData(
            title="Sjuksköterskor i Sörmland till 2033",
            description="Grundutbildade sjuksköterskor: pensionsavgångar mot regionens utbildningsplatser "
            "och en efterfrågan som växer med två procent om året.",
            version=register,
            ssyk="2221",
            region="",
            retirement_age=65,
            inflow_mode="number",
            inflow_number=60,
            demand_mode="growth",
            growth_rate=2.0,
        ),
    )


def _load_analysis(space: Space, analyst: Any, register: Any, population: Any) -> None:
    from samverka.insight.analyses import services

    ages = services.chart_create(
        space=space,
        actor=analyst,
        data=services.ChartData(
            title="Andel 55 år och äldre i vårdens yrken, Södermanland",
            kind="barh",
            source="indicator",
            version=register,
            indicator_key="age_structure",
            indicator_params={"ssyk": "2221"},
            note="Syntetiska registerdata för demonstration.",
        ),
    )
    chart_map = services.chart_create(
        space=space,
        actor=analyst,
        data=services.ChartData(
            title="Förvärvsarbetande per kommun",
            kind="map_municipality",
            version=register,
            measure="employed",
            x_dimension="region",
            note="Syntetiska registerdata för demonstration.",
        ),
    )
    analysis = services.analysis_create(
        space=space,
        actor=analyst,
        data=services.AnalysisData(
            title="Vård och omsorg: vilka går i pension de närmaste tio åren?",
            summary="<p>En stor del av dem som arbetar i vårdens yrken i Södermanland är 55 år eller äldre. "
            "Analysen visar var pensionsavgångarna blir störst och vad det betyder för behovet av "
            "utbildning.</p>",
            is_public=True,
        ),
    )
    blocks = [
        {
            "kind": "text",
            "heading": "Varför detta är viktigt",
            "text": "<p>Vården är länets största "
            "arbetsgivare. Om avgångarna inte möts av nyutbildade växer bristen snabbt.</p>",
        },
        {"kind": "chart", "heading": "Var tredje är 55 år eller äldre i flera yrken", "chart": ages},
        {"kind": "chart", "heading": "Eskilstuna och Nyköping har flest anställda", "chart": chart_map},
        {
            "kind": "text",
            "heading": "Vad siffrorna inte säger",
            "text": "<p>Uppgifterna är syntetiska och "
            "visar hur analysen fungerar; de beskriver inga verkliga personer.</p>",
        },
    ]
    for block in blocks:
        services.block_add(analysis=analysis, actor=analyst, data=services.BlockData(**block))
    services.analysis_publish(analysis=analysis, actor=analyst)


def _load_pack(space: Space, register: Any) -> None:
    from samverka.collaboration.bodies.models import Body
    from samverka.collaboration.meetings.models import AgendaItem
    from samverka.insight.analyses import services

    forum = Body.objects.filter(space=space, name=CARE_FORUM).first()
    if forum is None:
        return
    admin = _user("samordnare@sormland.example")
    services.coverage_set(body=forum, actor=None, ssyk_codes=CARE_SSYK, sni_codes=CARE_SNI)
    # The forum's latest meeting that is still open, with the quarter theme of its month.
    item = (
        AgendaItem.objects.filter(meeting__body=forum, meeting__status__in=["planned", "invited"])
        .select_related("meeting")
        .order_by("-meeting__start", "position")
        .first()
    )
    quarter = (timezone.localtime(item.meeting.start).month - 1) // 3 + 1 if item is not None else 2
    services.data_pack_create(body=forum, actor=admin, theme=f"q{quarter}", versions=[register], agenda_item=item)
