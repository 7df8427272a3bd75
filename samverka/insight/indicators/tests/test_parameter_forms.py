"""Indicator parameters as form fields, for every indicator of the catalogue: each offers the codes the
dataset holds, refuses others beside the field, and gives the same parameters the catalogue, the API
and saved charts use. On the indicator page and in the chart form."""

import pytest
from django.urls import reverse
from lxml import html

from samverka.insight.analyses.models import ChartDefinition
from samverka.insight.indicators import catalogue
from samverka.insight.indicators.cube import Cube
from samverka.insight.indicators.forms import PARAMETERS, IndicatorParametersForm
from samverka.insight.indicators.tests.factories import AGES, REGIONS, SSYKS, make_dataset, make_table

pytestmark = pytest.mark.django_db

YEARS = ("2020", "2021")
REGISTER = {
    "period": YEARS,
    "ssyk": SSYKS,
    "region": REGIONS,
    "age": AGES,
    "sex": ("1", "2"),
    "birth": ("SE", "abroad"),
    "sun_level": ("pre", "gym", "eft"),
}
EMPLOYMENT = {"period": YEARS, "region": REGIONS, "ssyk": SSYKS, "sex": ("1", "2"), "birth": ("SE", "abroad")}
MATCHED = {"period": YEARS, "region": REGIONS, "sun_field": ("52", "72")}


def register(dataset=None):
    return make_table(dataset=dataset, dimensions=REGISTER)


def employment(dataset=None):
    return make_table(
        dataset=dataset,
        dimensions=EMPLOYMENT,
        measures=("employed", "population_20_64"),
        measure_dimensions={"population_20_64": ("period", "region", "sex", "birth")},
        value=lambda c: 400.0 + len(c) if c["measure"] == "population_20_64" else 50.0 + len(c),
    )


def matched(dataset=None):
    return make_table(
        dataset=dataset,
        dimensions=MATCHED,
        measures=("population_20_64", "employed", "matched_employed"),
        value=lambda c: {"population_20_64": 1000.0, "employed": 800.0, "matched_employed": 500.0}[c["measure"]],
    )


#: A table on which each indicator can be computed, and its dimensions.
TABLES = {
    "employment_rate": (employment, EMPLOYMENT, ("employed", "population_20_64")),
    "matched_employment": (matched, MATCHED, ("population_20_64", "employed", "matched_employed")),
}
EVERY = sorted(catalogue.INDICATORS)


def table_for(key, dataset=None):
    build, dimensions, measures = TABLES.get(key, (register, REGISTER, ("employed",)))
    return build(dataset), dimensions, measures


def expected_codes(name, dimensions, measures):
    """The codes a parameter should offer, read from how the table was built (not through the cube)."""
    if name == "measure":
        return list(measures)
    role = PARAMETERS[name].role
    codes = list(dimensions.get(role, ()))
    return sorted(codes, reverse=True) if role == "period" else codes


def choice_values(field):
    return [value for value, _label in field.choices]


@pytest.mark.parametrize("key", EVERY)
def test_each_indicator_has_a_field_per_parameter_offering_the_datasets_codes(key):
    version, dimensions, measures = table_for(key)
    indicator = catalogue.INDICATORS[key]
    form = IndicatorParametersForm(indicator=indicator, cube=Cube.of(version))
    present = [name for name in indicator.params if name == "measure" or PARAMETERS[name].role in dimensions]
    assert list(form.fields) == present
    for name, field in form.fields.items():
        codes = expected_codes(name, dimensions, measures)
        if key == "region_comparison" and name == "region":
            assert choice_values(field) == ["", *codes] and field.required  # a region must be chosen
        else:
            assert choice_values(field) == ["", *codes] and not field.required  # empty: the catalogue's default


@pytest.mark.parametrize("key", EVERY)
def test_what_each_form_gives_is_what_the_catalogue_computes_with(key):
    version, dimensions, measures = table_for(key)
    indicator = catalogue.INDICATORS[key]
    form = IndicatorParametersForm({}, indicator=indicator, cube=Cube.of(version))
    chosen = {}
    for name in form.fields:
        codes = expected_codes(name, dimensions, measures)
        # the first year as "from", the last as "to"; otherwise the first code offered
        chosen[name] = {"from_year": YEARS[0], "to_year": YEARS[-1], "measure": "employed"}.get(name, codes[0])
    form = IndicatorParametersForm(chosen, indicator=indicator, cube=Cube.of(version))
    assert form.is_valid(), form.errors
    assert form.params() == chosen  # the stored structure: {"region": "0480", ...}
    table = catalogue.compute(key, version=version, params=form.params())
    assert table.rows
    if key != "region_comparison":
        empty = IndicatorParametersForm({}, indicator=indicator, cube=Cube.of(version))
        assert empty.is_valid() and empty.params() == {}
        assert catalogue.compute(key, version=version, params=empty.params()).rows


@pytest.mark.parametrize("key", EVERY)
def test_a_code_the_dataset_lacks_is_named_beside_its_field(key):
    version, _dimensions, _measures = table_for(key)
    indicator = catalogue.INDICATORS[key]
    names = {"region": "region", "ssyk": "occupation", "year": "year", "from_year": "first year"}
    names.update(to_year="last year", measure="measure")
    for name in IndicatorParametersForm(indicator=indicator, cube=Cube.of(version)).fields:
        form = IndicatorParametersForm({name: "9999"}, indicator=indicator, cube=Cube.of(version))
        assert not form.is_valid()
        assert form.errors[name] == [f"The dataset has no {names[name]} with the code “9999”."]


def test_the_region_comparison_asks_for_its_region():
    version = register()
    form = IndicatorParametersForm({}, indicator=catalogue.INDICATORS["region_comparison"], cube=Cube.of(version))
    assert not form.is_valid() and form.errors["region"] == ["Choose the region to compare."]


def test_change_over_time_needs_years_in_order_and_two_of_them():
    version = register()
    indicator = catalogue.INDICATORS["change_over_time"]
    form = IndicatorParametersForm({"from_year": "2021", "to_year": "2020"}, indicator=indicator, cube=Cube.of(version))
    assert not form.is_valid() and form.errors["to_year"] == ["The first year must come before the last year."]
    form = IndicatorParametersForm({"from_year": "2021"}, indicator=indicator, cube=Cube.of(version))
    assert form.errors["to_year"] == ["The first year must come before the last year."]  # to = the latest, 2021
    one_year = make_table(dimensions={"period": ("2021",), "region": REGIONS})
    form = IndicatorParametersForm({}, indicator=indicator, cube=Cube.of(one_year))
    assert form.non_field_errors() == ["Change over time needs at least two years; the dataset has 1."]


def test_a_table_without_the_measure_employed_offers_its_own_measure_from_the_start(space):
    """SCB's population table has one measure, "000007SF": change over time works on it at once."""
    from samverka.insight.statistics.tests.factories import import_tab6471
    from samverka.insight.statistics.tests.factories import make_dataset as make_statistics_dataset

    version = import_tab6471(make_statistics_dataset(space=space))
    indicator = catalogue.INDICATORS["change_over_time"]
    form = IndicatorParametersForm({}, indicator=indicator, cube=Cube.of(version))
    assert list(form.fields) == ["region", "from_year", "to_year", "measure"]  # the table has no occupations
    assert choice_values(form.fields["measure"]) == ["000007SF"] and form.fields["measure"].required
    assert form.is_valid() and form.params() == {"measure": "000007SF"}
    table = catalogue.compute("change_over_time", version=version, params={**form.params(), "region": "04"})
    assert table.columns[1:3] == ["2026M01", "2026M04"]


def test_parameters_of_a_dimension_the_dataset_lacks_are_left_out():
    version = make_table(dimensions={"period": YEARS, "region": REGIONS, "age": AGES})
    form = IndicatorParametersForm(indicator=catalogue.INDICATORS["age_structure"], cube=Cube.of(version))
    assert list(form.fields) == ["region", "year"]


# --- the indicator page ---------------------------------------------------------------------------


def indicator_page(space):
    return reverse("indicators:indicator-page", kwargs={"space": space.slug})


def parsed(response):
    return html.fromstring(response.content.decode())


@pytest.mark.parametrize("key", EVERY)
def test_the_page_shows_the_chosen_indicators_parameters_only(client, space, key):
    version, dimensions, measures = table_for(key, make_dataset(space=space, is_public=True))
    indicator = catalogue.INDICATORS[key]
    title = str(indicator.name)  # in English, as the page (the request may leave another language active)
    response = client.get(indicator_page(space), {"version": version.pk, "indicator": key})
    assert response.status_code == 200
    doc = parsed(response)
    fieldset = doc.get_element_by_id("indicator-parameters")
    assert " ".join(fieldset.xpath("legend")[0].text_content().split()) == f"Parameters of {title}"
    names = fieldset.xpath(".//select/@name")
    assert names == [n for n in indicator.params if n == "measure" or PARAMETERS[n].role in dimensions]
    for name in names:
        label = fieldset.xpath(f".//label[@for='id_{name}']")
        assert label and label[0].text_content().strip()  # every field is labelled
        offered = fieldset.xpath(f".//select[@name='{name}']/option/@value")
        assert offered == ["", *expected_codes(name, dimensions, measures)]
    if key == "region_comparison":
        assert "Choose the region to compare." in " ".join(fieldset.text_content().split())
    else:
        assert doc.xpath("//table[contains(@class,'indicator-table')]")  # computed with the defaults


def test_a_bad_parameter_is_named_beside_its_field_and_what_was_chosen_is_kept(client, space):
    version = register(make_dataset(space=space, is_public=True))
    response = client.get(
        indicator_page(space),
        {
            "version": version.pk,
            "indicator": "change_over_time",
            "region": "0484",
            "from_year": "2021",
            "to_year": "2020",
        },
    )
    doc = parsed(response)
    assert doc.xpath("//div[@id='error-summary']//a/@href") == ["#id_to_year"]
    field = doc.xpath("//select[@id='id_to_year']/..")[0]
    assert "The first year must come before the last year." in field.text_content()
    assert doc.xpath("//select[@name='region']/option[@selected]/@value") == ["0484"]
    assert doc.xpath("//select[@name='from_year']/option[@selected]/@value") == ["2021"]
    assert not doc.xpath("//table[contains(@class,'indicator-table')]")


def test_switching_indicator_keeps_the_parameters_they_share(client, space):
    version = register(make_dataset(space=space, is_public=True))
    response = client.get(
        indicator_page(space),
        {"version": version.pk, "indicator": "share_women", "region": "0480", "from_year": "2020", "year": "2020"},
    )
    doc = parsed(response)
    assert doc.xpath("//fieldset[@id='indicator-parameters']//select/@name") == ["region", "ssyk", "year"]
    assert doc.xpath("//select[@name='region']/option[@selected]/@value") == ["0480"]
    assert "Year 2020." in response.content.decode()


def test_the_indicator_select_brings_its_fields_with_htmx(client, space):
    version = register(make_dataset(space=space, is_public=True))
    doc = parsed(client.get(indicator_page(space), {"version": version.pk, "indicator": "age_structure"}))
    select = doc.xpath("//select[@name='indicator']")[0]
    assert select.get("hx-get") == indicator_page(space) and select.get("hx-select") == "#indicator-work"
    assert doc.xpath("//div[@id='indicator-work']//form[@method='get']//button[@type='submit']")  # works without


# --- the chart form -------------------------------------------------------------------------------


@pytest.fixture
def analyst(space, make_role_user, client):
    user = make_role_user(space, "analyst")
    client.force_login(user)
    return user


def chart_url(space, name="chart-create", **kwargs):
    return reverse(f"analyses:{name}", kwargs={"space": space.slug, **kwargs})


def chart_data(version, **extra):
    return {
        "title": "Åldersstruktur läkare",
        "kind": "bar",
        "source": "indicator",
        "version": version.pk,
        "indicator_key": "age_structure",
        **extra,
    }


def test_a_chart_stores_the_indicators_parameters_chosen_in_fields(client, space, analyst):
    version = register(make_dataset(space=space))
    form = client.get(chart_url(space), {"version": version.pk}).context["form"]
    assert [f.name for f in form.other_fields] == [
        "indicator_key",
        "param_region",
        "param_ssyk",
        "param_year",
        "param_from_year",
        "param_to_year",
        "param_measure",
        "unit",
        "note",
    ]
    assert choice_values(form.fields["param_ssyk"]) == ["", *SSYKS]
    # from_year is not a parameter of the age structure: it is not stored
    response = client.post(
        chart_url(space), chart_data(version, param_ssyk="2211", param_year="2020", param_from_year="2020")
    )
    chart = ChartDefinition.objects.get()
    assert response.status_code == 302
    assert chart.indicator_params == {"ssyk": "2211", "year": "2020"}
    edit = parsed(client.get(chart_url(space, "chart-update", pk=chart.pk)))
    assert edit.xpath("//select[@name='param_ssyk']/option[@selected]/@value") == ["2211"]
    assert edit.xpath("//select[@name='param_year']/option[@selected]/@value") == ["2020"]
    assert edit.xpath("//select[@name='param_region']/option[@selected]/@value") == [""]


def test_a_bad_chart_parameter_is_refused_beside_its_field(client, space, analyst):
    version = register(make_dataset(space=space))
    response = client.post(chart_url(space), chart_data(version, indicator_key="region_comparison", param_ssyk="2211"))
    assert response.status_code == 200 and not ChartDefinition.objects.exists()
    assert response.context["form"].errors["param_region"] == ["Choose the region to compare."]
    doc = parsed(response)
    assert doc.xpath("//div[@id='error-summary']//a/@href") == ["#id_param_region"]
    assert doc.xpath("//select[@name='param_ssyk']/option[@selected]/@value") == ["2211"]  # kept
    response = client.post(chart_url(space), chart_data(version, param_ssyk="9999"))
    assert response.context["form"].errors["param_ssyk"] == ["The dataset has no occupation with the code “9999”."]
    assert not ChartDefinition.objects.exists()


def test_a_chart_of_scbs_table_offers_its_own_measure_without_requiring_it(client, space, analyst):
    from samverka.insight.statistics.tests.factories import import_tab6471
    from samverka.insight.statistics.tests.factories import make_dataset as make_statistics_dataset

    version = import_tab6471(make_statistics_dataset(space=space))
    form = client.get(chart_url(space), {"version": version.pk}).context["form"]
    assert choice_values(form.fields["param_measure"]) == ["000007SF"]
    # a chart of the observations does not need an indicator's measure
    response = client.post(
        chart_url(space),
        {"title": "Folkmängd", "kind": "bar", "source": "observations", "version": version.pk, "x_dimension": "x"},
    )
    assert "param_measure" not in response.context["form"].errors
    data = chart_data(version, indicator_key="change_over_time", param_region="01", param_measure="000007SF")
    assert client.post(chart_url(space), data).status_code == 302
    assert ChartDefinition.objects.get().indicator_params == {"region": "01", "measure": "000007SF"}
