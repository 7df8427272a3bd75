"""Analysis pages: who sees what, composing and publishing, and the downloads beside every chart."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from samverka.insight.analyses.models import Analysis, AnalysisStatus, ChartDefinition
from samverka.insight.analyses.tests.factories import (
    blocks_of,
    chart_block,
    make_analysis,
    make_chart,
    make_employment,
    make_version,
    text_block,
)
from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db


def url(name, space, **kwargs):
    return reverse(f"analyses:{name}", kwargs={"space": space.slug, **kwargs})


@pytest.fixture
def published(space):
    version = make_employment(space, is_public=True)
    chart = make_chart(space=space, version=version, title="Anställda per yrke", series_dimension="sex")
    return make_analysis(
        space=space,
        title="Svetsare i Sörmland",
        is_public=True,
        publish=True,
        blocks=[chart_block(chart, "Flest undersköterskor"), text_block("Vad betyder det?")],
    )


def test_public_sees_published_public_analyses_only(client, space, published):
    draft = make_analysis(space=space, title="Utkast", is_public=True, blocks=[text_block()])
    internal = make_analysis(space=space, title="Internt", blocks=[text_block()], publish=True)
    page = client.get(url("analysis-list", space)).content.decode()
    assert "Svetsare i Sörmland" in page and "Utkast" not in page and "Internt" not in page
    assert client.get(url("analysis-detail", space, pk=published.pk)).status_code == 200
    for hidden in (draft, internal):
        assert client.get(url("analysis-detail", space, pk=hidden.pk)).status_code == 404
        assert client.get(url("analysis-report", space, pk=hidden.pk)).status_code == 404


def test_insiders_see_all_and_only_analysts_edit(client, space, other_space, make_role_user, published):
    draft = make_analysis(space=space, title="Utkast", blocks=[text_block()])
    member = make_role_user(space, "member")
    client.force_login(member)
    assert "Utkast" in client.get(url("analysis-list", space)).content.decode()
    assert client.get(url("analysis-detail", space, pk=draft.pk)).status_code == 200
    assert client.get(url("analysis-update", space, pk=draft.pk)).status_code == 403
    assert client.post(url("analysis-publish", space, pk=draft.pk)).status_code == 403
    assert Analysis.objects.get(pk=draft.pk).status == AnalysisStatus.DRAFT

    client.force_login(make_role_user(other_space, "analyst"))  # an analyst of another space
    assert client.get(url("analysis-detail", space, pk=draft.pk)).status_code == 404
    assert client.get(url("analysis-create", space)).status_code == 403

    guest = make_role_user(space, "guest")
    client.force_login(guest)
    assert client.get(url("analysis-detail", space, pk=draft.pk)).status_code == 404
    assert client.get(url("chart-list", space)).status_code == 403


def test_detail_shows_chart_with_table_and_downloads(client, space, published):
    page = client.get(url("analysis-detail", space, pk=published.pk)).content.decode()
    chart_block_ = blocks_of(published)[0]
    assert (
        'role="img"' in page
        and f'aria-labelledby="block-{chart_block_.pk}-caption block-{chart_block_.pk}-summary"' in page
    )
    assert '<th scope="col">Yrke (SSYK 2012)</th>' in page
    assert '<th scope="row">Undersköterskor <span class="code small">5321</span></th>' in page
    assert re.search("8\xa0?110", page)  # 3 900 + 4 210 women, shown the Swedish way (the page is in Swedish)
    csv_url = url("block-csv", space, pk=published.pk, block=chart_block_.pk)
    assert csv_url in page
    response = client.get(url("block-xlsx", space, pk=published.pk, block=chart_block_.pk))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A5"].value == "Undersköterskor" and sheet["B5"].value == "5321" and sheet["C5"].value == 640 + 700
    csv_text = client.get(csv_url).content.decode("utf-8")
    assert "Undersköterskor;5321;1340;8110" in csv_text


def test_analyst_composes_reorders_and_publishes(client, space, make_role_user):
    analyst = make_role_user(space, "analyst")
    client.force_login(analyst)
    version = make_employment(space)
    response = client.post(
        url("chart-create", space),
        {
            "title": "Per län",
            "kind": "map_county",
            "source": "observations",
            "version": version.pk,
            "x_dimension": "region",
        },
    )
    chart = ChartDefinition.objects.get(title="Per län")
    assert response.status_code == 302 and chart.created_by == analyst
    response = client.post(url("analysis-create", space), {"title": "Vårdens kompetensbehov", "summary": "Kort."})
    analysis = Analysis.objects.get(title="Vårdens kompetensbehov")
    assert response.status_code == 302
    client.post(url("block-create", space, pk=analysis.pk), {"kind": "text", "heading": "Först", "text": "Text."})
    client.post(url("block-create", space, pk=analysis.pk), {"kind": "chart", "heading": "Karta", "chart": chart.pk})
    response = client.post(url("block-create", space, pk=analysis.pk), {"kind": "chart", "heading": "Utan diagram"})
    assert response.status_code == 200 and response.context["form"].errors["chart"]
    first, second = blocks_of(analysis)
    client.post(url("block-action", space, pk=analysis.pk, block=second.pk), {"direction": "up"})
    assert [b.heading for b in blocks_of(analysis)] == ["Karta", "Först"]
    client.post(url("block-action", space, pk=analysis.pk, block=first.pk), {"action": "remove"})
    assert [b.heading for b in blocks_of(analysis)] == ["Karta"]
    client.post(url("analysis-publish", space, pk=analysis.pk))
    assert Analysis.objects.get(pk=analysis.pk).status == AnalysisStatus.PUBLISHED
    page = client.get(analysis.get_absolute_url()).content.decode()
    assert "leaflet/leaflet.js" in page and "analyses/choropleth.js" in page
    assert "Södermanlands län" in page  # the map's table works without JavaScript


def test_analysis_without_summary_or_blocks_cannot_be_published(client, space, make_role_user):
    client.force_login(make_role_user(space, "secretariat"))
    analysis = make_analysis(space=space)
    response = client.post(url("analysis-publish", space, pk=analysis.pk), follow=True)
    assert Analysis.objects.get(pk=analysis.pk).status == AnalysisStatus.DRAFT
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    response = client.post(url("analysis-create", space), {"title": "Utan sammanfattning", "summary": "<p> </p>"})
    assert response.status_code == 200 and not Analysis.objects.filter(title="Utan sammanfattning").exists()


def test_bad_chart_definition_is_a_form_error_not_a_500(client, space, make_role_user):
    client.force_login(make_role_user(space, "analyst"))
    version = make_employment(space)
    response = client.post(
        url("chart-create", space),
        {
            "title": "X",
            "kind": "bar",
            "source": "observations",
            "version": version.pk,
            "x_dimension": "sun_level",  # the data has no education level
            "filter_ssyk": ["7212"],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["x_dimension"] and not ChartDefinition.objects.exists()
    response = client.post(
        url("chart-create", space),
        {"title": "X", "kind": "bar", "source": "observations", "version": version.pk, "x_dimension": "sun_level"},
    )
    assert response.status_code == 200 and not ChartDefinition.objects.exists()


def test_chart_of_another_space_is_not_found(client, space, other_space):
    chart = make_chart(space=other_space, version=make_employment(other_space))
    client.force_login(make_user(role_in=space, role="analyst"))
    assert client.get(url("chart-detail", space, pk=chart.pk)).status_code == 404
    assert client.get(url("chart-csv", space, pk=chart.pk)).status_code == 404


def test_public_analysis_shows_public_published_data_only(client, space, make_role_user):
    internal = make_chart(space=space, version=make_employment(space), title="Interna siffror")
    analysis = make_analysis(space=space, is_public=True, blocks=[chart_block(internal, "Internt diagram")])
    client.force_login(make_role_user(space, "analyst"))
    response = client.post(url("analysis-publish", space, pk=analysis.pk), follow=True)
    assert Analysis.objects.get(pk=analysis.pk).status == AnalysisStatus.DRAFT
    assert "Internt diagram" in str(list(response.context["messages"])[0])
    public = make_chart(space=space, version=make_employment(space, is_public=True), title="Publika siffror")
    done = make_analysis(space=space, is_public=True, blocks=[chart_block(public)], publish=True)
    response = client.post(
        url("block-create", space, pk=done.pk), {"kind": "chart", "heading": "Mer", "chart": internal.pk}
    )
    assert response.status_code == 200 and done.blocks.count() == 1


def test_every_page_renders_for_those_who_may_use_it(client, space, make_role_user, published):
    from samverka.testing.factories import make_body

    chart = ChartDefinition.objects.get(title="Anställda per yrke")
    block = blocks_of(published)[0]
    body = make_body(space=space, name="Branschforum Vård", kind="industry_forum")
    client.force_login(make_role_user(space, "secretariat"))
    pages = [
        url("analysis-list", space),
        url("analysis-create", space),
        url("analysis-update", space, pk=published.pk),
        url("block-create", space, pk=published.pk) + "?kind=chart",
        url("block-update", space, pk=published.pk, block=block.pk),
        url("chart-list", space),
        url("chart-create", space),
        url("chart-detail", space, pk=chart.pk),
        url("chart-update", space, pk=chart.pk),
        url("pack-list", space) + f"?body={body.pk}",
        url("coverage-update", space, body=body.pk),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "<h1>" in response.content.decode(), page
    assert client.get(url("chart-xlsx", space, pk=chart.pk)).status_code == 200


# --- the chart form: the data first, then only its dimensions, measures and categories ---


@pytest.fixture
def analyst(client, space, make_role_user):
    user = make_role_user(space, "analyst")
    client.force_login(user)
    return user


def options(field):
    return [str(value) for value, _label in field.field.choices]


def test_a_chart_is_made_in_two_steps(client, space, analyst):
    version = make_employment(space)
    first = client.get(url("chart-create", space))
    page = first.content.decode()
    assert first.status_code == 200 and "Anställda 16–64 år – v1" in page
    assert 'method="get"' in page and 'name="x_dimension"' not in page  # step one: only the data

    second = client.get(url("chart-create", space), {"version": version.pk})
    page = second.content.decode()
    assert f'<input type="hidden" name="version" value="{version.pk}"' in page
    assert re.search(r'<fieldset class="chart-filters">\s*<legend>', page)
    assert "Svetsare och gasskärare (7212)" in page and "kvinnor (2)" in page

    response = client.post(
        url("chart-create", space),
        {
            "title": "Kvinnor i svets och vård",
            "kind": "bar",
            "source": "observations",
            "version": version.pk,
            "x_dimension": "region",
            "filter_ssyk": ["7212", "2221"],
            "filter_sex": ["2"],
        },
    )
    chart = ChartDefinition.objects.get(title="Kvinnor i svets och vård")
    assert response.status_code == 302 and response["Location"] == chart.get_absolute_url()
    assert chart.filters == {"ssyk": ["7212", "2221"], "sex": ["2"]} and chart.created_by == analyst
    page = client.get(chart.get_absolute_url()).content.decode()
    # women welders and nurses: Södermanland 35 + 1 420, Örebro 41 + 1 610; the national total is left out
    assert re.search(
        r'<th scope="row">Södermanlands län <span class="code small">04</span></th>\s*<td class="num">1\xa0?455</td>',
        page,
    )
    assert re.search(
        r'<th scope="row">Örebro län <span class="code small">18</span></th>\s*<td class="num">1\xa0?651</td>', page
    )
    assert '<th scope="row">Riket</th>' not in page


def test_editing_starts_with_the_charts_data_and_filters_chosen(client, space, analyst):
    version = make_employment(space)
    chart = make_chart(space=space, version=version, x_dimension="region", filters={"ssyk": ["5321"], "sex": ["1"]})
    response = client.get(url("chart-update", space, pk=chart.pk))
    form = response.context["form"]
    assert form.chosen_version == version and form["version"].value() == version.pk
    assert form["filter_ssyk"].value() == ["5321"] and form["filter_sex"].value() == ["1"]
    page = response.content.decode()
    assert re.search(r'name="filter_ssyk" value="5321"[^>]*checked', page)
    assert not re.search(r'name="filter_ssyk" value="7212"[^>]*checked', page)

    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data["filter_ssyk"] = ["7212"]
    data.pop("filter_sex")
    assert client.post(url("chart-update", space, pk=chart.pk), data).status_code == 302
    assert ChartDefinition.objects.get(pk=chart.pk).filters == {"ssyk": ["7212"]}


def test_a_code_the_data_lacks_is_refused_and_nothing_saved(client, space, analyst):
    version = make_employment(space)
    response = client.post(
        url("chart-create", space),
        {
            "title": "Fel",
            "kind": "bar",
            "source": "observations",
            "version": version.pk,
            "x_dimension": "region",
            "filter_ssyk": ["7212", "9999"],
        },
    )
    assert response.status_code == 200 and not ChartDefinition.objects.exists()
    assert "9999" in response.context["form"].errors["filter_ssyk"][0]
    page = response.content.decode()
    assert 'class="error-summary"' in page and 'href="#id_filter_ssyk_0"' in page


def test_data_of_another_space_is_neither_offered_nor_used(client, space, other_space, analyst):
    mine = make_employment(space)
    theirs = make_version(
        space=other_space,
        title="Örebros interna siffror",
        dimensions=[{"code": "Region", "label": "Region", "role": "region", "categories": [["18", "Örebro län"]]}],
        rows=[{"region": "18", "value": 1}],
    )
    response = client.get(url("chart-create", space), {"version": theirs.pk})
    page = response.content.decode()
    assert response.status_code == 200 and "Örebros interna siffror" not in page
    assert response.context["chosen_version"] is None and 'name="x_dimension"' not in page
    assert response.context["data_form"].errors["version"]
    assert options(response.context["data_form"]["version"]) == ["", str(mine.pk)]
    assert client.get(url("chart-create", space), {"version": "nonsense"}).status_code == 200

    # editing keeps the chart's own data when another space's is asked for
    chart = make_chart(space=space, version=mine)
    response = client.get(url("chart-update", space, pk=chart.pk), {"version": theirs.pk})
    assert response.context["chosen_version"] == mine and response.context["data_form"].errors["version"]

    response = client.post(
        url("chart-create", space),
        {"title": "Lånad", "kind": "bar", "source": "observations", "version": theirs.pk, "x_dimension": "region"},
    )
    assert response.status_code == 200 and response.context["form"].errors["version"]
    assert not ChartDefinition.objects.filter(title="Lånad").exists()


def test_only_the_versions_dimensions_and_measures_are_offered(client, space, analyst):
    municipalities = [[f"{n:04d}", f"Kommun {n}"] for n in range(1, 31)]
    version = make_version(
        space=space,
        dimensions=[
            {"code": "Region", "label": "Kommun", "role": "region", "categories": municipalities},
            {"code": "Tid", "label": "År", "role": "period", "categories": [["2022", "2022"], ["2023", "2023"]]},
            {
                "code": "ContentsCode",
                "label": "Tabellinnehåll",
                "role": "measure",
                "categories": [["inv", "Invånare"], ["flytt", "Inflyttade"]],
            },
        ],
        rows=[{"region": "0001", "period": "2023", "measure": "inv", "value": 5}],
    )
    form = client.get(url("chart-create", space), {"version": version.pk}).context["form"]
    assert form.fields["x_dimension"].choices == [("", "—"), ("region", "Kommun"), ("period", "År")]
    assert options(form["series_dimension"]) == ["", "region", "period"]
    assert form.fields["measure"].choices == [("", "—"), ("inv", "Invånare (inv)"), ("flytt", "Inflyttade (flytt)")]
    assert form.measure_required  # two measures: a chart of observations must say which
    assert form["filter_region"].widget_type == "selectmultiple" and form["filter_period"].widget_type == (
        "checkboxselectmultiple"
    )
    assert form.fields["filter_period"].choices == [("2022", "2022"), ("2023", "2023")]

    # A chart of observations without a measure is refused beside the field, and nothing is saved.
    data = {
        "title": "Utan mått",
        "kind": "bar",
        "source": "observations",
        "version": version.pk,
        "x_dimension": "region",
    }
    response = client.post(url("chart-create", space), data)
    assert response.status_code == 200 and "measure" in response.context["form"].errors
    assert not ChartDefinition.objects.filter(title="Utan mått").exists()
    response = client.post(url("chart-create", space), {**data, "measure": "inv"})
    assert response.status_code == 302 and ChartDefinition.objects.get(title="Utan mått").measure == "inv"
    assert "filter_ssyk" not in form.fields and "filter_measure" not in form.fields


def test_the_page_costs_the_same_queries_however_many_categories(client, space, analyst):
    def version_with(count):
        categories = [[f"{n:04d}", f"Kommun {n}"] for n in range(count)]
        return make_version(
            space=space,
            dimensions=[
                {"code": "Region", "label": "Region", "role": "region", "categories": categories},
                {"code": "Yrke", "label": "Yrke", "role": "ssyk", "categories": categories[:count]},
            ],
            rows=[],
        )

    counts = []
    for version in (version_with(3), version_with(290)):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("chart-create", space), {"version": version.pk}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_with_htmx_only_the_definition_is_rendered_and_what_was_written_kept(client, space, analyst):
    version = make_employment(space)
    response = client.get(
        url("chart-create", space),
        {"version": version.pk, "title": "Mitt diagram", "filter_sex": ["2"]},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert page.lstrip().startswith("<div") and "<h1>" not in page and 'id="chart-definition"' in page
    assert 'value="Mitt diagram"' in page and re.search(r'name="filter_sex" value="2"[^>]*checked', page)
    assert response["HX-Push-Url"] == url("chart-create", space) + f"?version={version.pk}"
    full = client.get(url("chart-create", space)).content.decode()
    assert 'hx-get="' + url("chart-create", space) + '"' in full and 'hx-target="#chart-definition"' in full
