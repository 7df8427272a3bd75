"""The SCB import as an analyst uses it: find a table, choose values (ticked, all, TOP, FROM, a codelist,
left out), see the cells and calls, import — against SCB's recorded answers, never the network."""

import json

import pytest
from django.urls import reverse
from lxml import html

from samverka.insight.statistics.models import DatasetVersion, ImportJob
from samverka.insight.statistics.pxweb import Response
from samverka.insight.statistics.tests.factories import make_dataset
from samverka.insight.statistics.tests.scb import FakeScb, recorded

pytestmark = pytest.mark.django_db

TRANSPORT = "samverka.insight.statistics.tests.test_pxweb_picker.PickerScb"
COUNTIES = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21"]
COUNTIES += ["22", "23", "24", "25"]


class PickerScb(FakeScb):
    """The recorded SCB, answering a metadata call with the county codelist as SCB does: the region
    variable then holds the counties only (the recorded metadata cut to them)."""

    def __call__(self, method, url, body, headers):
        import urllib.parse

        params = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(url).query))
        if params.get("query") == "folkmängd månad":
            self.requests.append((method, url, None))
            return self.ok(self.population_search())
        codelist = params.get("codelist[Region]")
        if codelist is None:
            return super().__call__(method, url, body, headers)
        if codelist != "vs_CKM02Län":
            self.requests.append((method, url, None))
            return Response(400, b'{"title": "Unknown codelist"}')
        meta = recorded("TAB6471_metadata.jsonstat2.json")
        region = meta["dimension"]["Region"]["category"]
        region["index"] = {code: i for i, code in enumerate(COUNTIES)}
        region["label"] = {code: region["label"][code] for code in COUNTIES}
        meta["size"][0] = len(COUNTIES)
        return self.ok(meta)

    @staticmethod
    def population_search():
        """SCB's search answer (the recorded one's shape) listing TAB6471, described by its recorded metadata."""
        answer = recorded("tables_search_befolkning.json")
        meta = recorded("TAB6471_metadata.jsonstat2.json")
        months = list(meta["dimension"]["Tid"]["category"]["index"])
        table = {
            **answer["tables"][-1],
            "id": "TAB6471",
            "label": meta["label"],
            "updated": meta["updated"],
            "firstPeriod": months[0],
            "lastPeriod": months[-1],
        }
        return {**answer, "tables": [table], "page": {**answer["page"], "totalElements": 1}}


class SmallCallsScb(FakeScb):
    """SCB with a limit of 500 cells per call (the recorded /config says 150,000)."""

    def __call__(self, method, url, body, headers):
        if "/config" in url:
            self.requests.append((method, url, None))
            return self.ok({**recorded("config.json"), "maxDataCells": 500})
        return super().__call__(method, url, body, headers)


class DownScb(FakeScb):
    def __call__(self, method, url, body, headers):
        return Response(503, b"Service unavailable")


@pytest.fixture(autouse=True)
def recorded_scb(settings):
    settings.STATISTICS_PXWEB_TRANSPORT = TRANSPORT


@pytest.fixture
def analyst(space, make_role_user, client):
    user = make_role_user(space, "analyst")
    client.force_login(user)
    return user


@pytest.fixture
def dataset(space):
    return make_dataset(space=space, title="Folkmängd per månad")


def url(dataset):
    return reverse("statistics:import-pxweb", kwargs={"space": dataset.space.slug, "slug": dataset.slug})


def choose(**variables):
    """POST data for TAB6471: ``Tid={"mode": "top", "top": "2"}``, ``Region=["01", "03"]`` (ticked)."""
    data = {"table_id": "TAB6471", "action": "import", "ContentsCode-values": ["000007SF"]}
    for code, chosen in variables.items():
        if isinstance(chosen, list):
            data[f"{code}-mode"] = "values"
            data[f"{code}-values"] = chosen
        else:
            for name, value in chosen.items():
                data[f"{code}-{name}"] = value
    return data


def page(response):
    return html.fromstring(response.content.decode())


def text_of(doc, element_id):
    return " ".join(doc.get_element_by_id(element_id).text_content().split())


# --- step 1: find a table ------------------------------------------------------------------------


def test_search_lists_the_tables_with_id_title_period_and_update(dataset, analyst, client):
    response = client.get(url(dataset), {"q": "befolkning"})
    assert response.status_code == 200
    rows = page(response).xpath("//table[contains(@class, 'pxweb-tables')]/tbody/tr")
    assert len(rows) == 10
    first = [" ".join(cell.text_content().split()) for cell in rows[-1]]
    assert first == [
        "TAB6473",
        "Befolkningsstatistik efter region och kön. Månad 2025M01-2026M04",
        "2025M01–2026M04",
        "8 June 2026",
        "Befolkning",
    ]
    link = rows[-1].xpath(".//a")[0]
    assert link.get("href") == "?table=TAB6473"
    assert "10 tables found" in response.content.decode()


def test_without_words_every_table_is_browsed_page_by_page(dataset, analyst, client):
    response = client.get(url(dataset))
    text = " ".join(page(response).text_content().split())
    assert "SCB's 4246 tables – page 1 of 213" in text
    assert len(page(response).xpath("//table[contains(@class, 'pxweb-tables')]/tbody/tr")) == 20
    next_link = page(response).xpath("//a[@rel='next']")[0]
    assert next_link.get("href") == "?page=2"


def test_scb_unreachable_is_said_and_nothing_breaks(dataset, analyst, client, settings):
    settings.STATISTICS_PXWEB_TRANSPORT = "samverka.insight.statistics.tests.test_pxweb_picker.DownScb"
    response = client.get(url(dataset), {"q": "befolkning"})
    assert response.status_code == 200
    assert "SCB answered 503" in response.content.decode()
    response = client.get(url(dataset), {"table": "TAB6471"})
    assert response.status_code == 200
    assert "SCB could not give the table" in response.content.decode()


def test_a_bad_or_unknown_table_id_is_explained(dataset, analyst, client):
    response = client.get(url(dataset), {"table": "TAB 64;71"})
    assert response.status_code == 200
    doc = page(response)
    assert "A table id has only letters, digits and _" in text_of(doc, "error-summary")
    assert doc.xpath("//div[@id='error-summary']//a/@href") == ["#id_table"]
    response = client.get(url(dataset), {"table": "TAB9999"})
    assert "SCB could not give the table" in response.content.decode() and "404" in response.content.decode()


# --- step 2: the picker --------------------------------------------------------------------------


def test_the_picker_has_a_fieldset_per_variable_with_its_values_and_codelists(dataset, analyst, client):
    response = client.get(url(dataset), {"table": "TAB6471"})
    assert response.status_code == 200
    doc = page(response)
    legends = [
        " ".join(e.text_content().split()) for e in doc.xpath("//fieldset[contains(@class,'pxweb-variable')]/legend")
    ]
    assert legends == [
        "Region (Region; 312 values; optional)",
        "Ålder (Alder; 134 values)",
        "Kön (Kon; 3 values; optional)",
        "Tabellinnehåll (ContentsCode; 1 value)",
        "Månad (Tid; 16 values)",
    ]
    assert len(doc.xpath("//input[@type='checkbox'][@name='Region-values']")) == 312
    label = doc.xpath("//label[input[@name='Region-values'][@value='0180']]")[0]
    assert " ".join(label.text_content().split()) == "0180 Stockholm"
    assert doc.xpath("//select[@name='Region-codelist']/option/@value") == [
        "",
        "vs_CKM01Riket",
        "vs_CKM02Län",
        "vs_CKM03Kommun",
    ]
    # the only value of the table content is ticked from the start; the modes are labelled radios
    assert doc.xpath("//input[@name='ContentsCode-values'][@checked]/@value") == ["000007SF"]
    modes = doc.xpath("//fieldset[@id='variable-Tid']//input[@name='Tid-mode']/..")
    assert [" ".join(m.text_content().split()) for m in modes] == [
        "The values I tick",
        "All values (*)",
        "The latest values (TOP)",
        "From a value onwards (FROM)",
    ]
    assert "Not complete yet" in text_of(doc, "pxweb-summary")
    assert "Folkmängden per månad efter region, ålder och kön" in response.content.decode()
    assert "8 June 2026" in response.content.decode()


def test_counting_shows_the_cells_and_how_many_calls_scb_needs(dataset, analyst, client):
    everything = {code: {"mode": "all"} for code in ("Region", "Alder", "Kon", "ContentsCode", "Tid")}
    response = client.post(url(dataset), {**choose(**everything), "action": "count"})
    assert response.status_code == 200
    summary = text_of(page(response), "pxweb-summary")
    # 312 × 134 × 3 × 1 × 16 cells; split along the regions, 23 regions (23 × 6,432 cells) per call
    assert "2,006,784 cells" in summary
    assert "fetched in 14 calls to SCB" in summary
    assert "more than one import takes" in summary
    assert not ImportJob.objects.exists()


def test_a_small_limit_per_call_splits_the_selection(dataset, analyst, client, settings):
    settings.STATISTICS_PXWEB_TRANSPORT = "samverka.insight.statistics.tests.test_pxweb_picker.SmallCallsScb"
    data = choose(Region=COUNTIES, Alder=["0-9", "10-19"], Kon={"mode": "all"}, Tid={"mode": "top", "top": "4"})
    response = client.post(url(dataset), {**data, "action": "count"})
    summary = text_of(page(response), "pxweb-summary")
    # 21 × 2 × 3 × 1 × 4 = 504 cells > 500: split along the counties, 20 per call
    assert "504 cells" in summary and "fetched in 2 calls to SCB" in summary and "at most 500 cells per call" in summary
    rows = page(response).xpath("//section[@id='pxweb-summary']//tbody/tr")
    assert [" ".join(" ".join(r.itertext()).split()) for r in rows] == [
        "Region 21 of 312 ticked",
        "Ålder 2 of 134 ticked",
        "Kön 3 of 3 all",
        "Tabellinnehåll 1 of 1 ticked",
        "Månad 4 of 16 the latest 4",
    ]


# --- step 3: import ------------------------------------------------------------------------------


def test_ticked_values_all_and_top_are_imported_as_pxweb_expressions(
    dataset, analyst, client, django_capture_on_commit_callbacks
):
    data = choose(Region=["03", "01"], Alder=["0-9"], Kon={"mode": "all"}, Tid={"mode": "top", "top": "2"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(dataset), data)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/jobs/{job.pk}/")
    expected = [
        {"variableCode": "Region", "valueCodes": ["01", "03"]},
        {"variableCode": "Alder", "valueCodes": ["0-9"]},
        {"variableCode": "Kon", "valueCodes": ["*"]},
        {"variableCode": "ContentsCode", "valueCodes": ["000007SF"]},
        {"variableCode": "Tid", "valueCodes": ["TOP(2)"]},
    ]
    assert job.params["table_id"] == "TAB6471" and job.params["selection"] == expected
    version = DatasetVersion.objects.get(dataset=dataset)
    assert version.cell_count == 2 * 1 * 3 * 1 * 2
    assert version.query == {"table": "TAB6471", "selection": expected}
    periods = next(d for d in version.dimensions.all() if d.code == "Tid")
    assert [code for code, _label in periods.categories] == ["2026M03", "2026M04"]


def test_from_takes_a_code_or_its_label(dataset, analyst, client, django_capture_on_commit_callbacks):
    data = choose(Region=["04"], Alder=["0-9"], Kon=["2"], Tid={"mode": "from", "from": " 2026M02 "})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(dataset), data)
    version = DatasetVersion.objects.get()
    assert version.query["selection"][-1] == {"variableCode": "Tid", "valueCodes": ["FROM(2026M02)"]}
    assert version.cell_count == 3
    data = choose(Region={"mode": "from", "from": "stockholms län"}, Alder=["0-9"], Tid=["2026M01"])
    client.post(url(dataset), data)
    assert ImportJob.objects.latest("pk").params["selection"][0] == {
        "variableCode": "Region",
        "valueCodes": ["FROM(01)"],
    }


def test_optional_variables_left_empty_are_left_out(dataset, analyst, client):
    client.post(url(dataset), choose(Alder={"mode": "all"}, Tid={"mode": "top", "top": "1"}))
    selection = ImportJob.objects.get().params["selection"]
    assert [item["variableCode"] for item in selection] == ["Alder", "ContentsCode", "Tid"]


@pytest.mark.parametrize(
    ("variables", "field_id", "message"),
    [
        ({"Alder": [], "Tid": ["2026M01"]}, "id_Alder-values_0", "Tick at least one value of ålder"),
        (
            {"Alder": ["0-9"], "Tid": {"mode": "top", "top": "0"}},
            "id_Tid-top",
            "“0” is not a whole number of 1 or more.",
        ),
        ({"Alder": ["0-9"], "Tid": {"mode": "top", "top": "tre"}}, "id_Tid-top", "“tre” is not a whole number"),
        ({"Alder": ["0-9"], "Tid": {"mode": "top", "top": ""}}, "id_Tid-top", "Write how many of the latest values"),
        (
            {"Alder": ["0-9"], "Tid": {"mode": "from", "from": "2019M13"}},
            "id_Tid-from",
            "“2019M13” is not a value of månad",
        ),
        ({"Alder": ["0-9"], "Tid": {"mode": "from", "from": ""}}, "id_Tid-from", "Write the first value of månad"),
        ({"Alder": ["0-9", "999"], "Tid": ["2026M01"]}, "id_Alder-values_0", "999 is not a value of this variable"),
        ({"Alder": ["0-9"], "Tid": {"mode": "sometimes"}}, "id_Tid-mode_0", "Select a valid choice"),
    ],
)
def test_bad_input_is_named_beside_the_field_and_nothing_is_imported(
    dataset, analyst, client, variables, field_id, message
):
    data = choose(Region=["01", "03"], **variables)
    response = client.post(url(dataset), data)
    assert response.status_code == 200
    assert not ImportJob.objects.exists() and not DatasetVersion.objects.exists()
    doc = page(response)
    summary_links = doc.xpath("//div[@id='error-summary']//a")
    assert [a.get("href") for a in summary_links] == [f"#{field_id}"]
    assert message in summary_links[0].text_content()
    variable = field_id.removeprefix("id_").split("-")[0]
    fieldset = doc.get_element_by_id(f"variable-{variable}")
    assert message in " ".join(fieldset.xpath(".//ul[contains(@class,'errorlist')]")[0].text_content().split())
    assert "has-error" in fieldset.get("class")
    # nothing typed is lost
    assert sorted(doc.xpath("//input[@name='Region-values'][@checked]/@value")) == ["01", "03"]
    for name, value in data.items():
        if name.endswith(("-top", "-from")):
            assert doc.xpath(f"//input[@name='{name}']/@value") == ([value] if value else [])


def test_a_selection_too_large_for_one_import_is_refused(dataset, analyst, client):
    everything = {code: {"mode": "all"} for code in ("Region", "Alder", "Kon", "ContentsCode", "Tid")}
    response = client.post(url(dataset), choose(**everything))
    assert response.status_code == 200 and not ImportJob.objects.exists()
    summary = text_of(page(response), "error-summary")
    assert "The selection has 2,006,784 cells; one import takes at most 1,000,000." in summary


# --- codelists -----------------------------------------------------------------------------------


def test_a_codelist_shows_its_values_and_keeps_what_was_chosen(dataset, analyst, client):
    data = choose(Region=["01", "0180"], Alder=["0-9"], Tid={"mode": "top", "top": "3"})
    response = client.post(url(dataset), {**data, "Region-codelist": "vs_CKM02Län", "action": "codelist"})
    assert response.status_code == 200 and not ImportJob.objects.exists()
    doc = page(response)
    assert doc.xpath("//input[@name='Region-values']/@value") == COUNTIES
    assert doc.xpath("//input[@name='Region-values'][@checked]/@value") == ["01"]  # 0180 is no county
    assert doc.xpath("//select[@name='Region-codelist']/option[@selected]/@value") == ["vs_CKM02Län"]
    assert doc.xpath("//input[@name='Tid-top']/@value") == ["3"]
    assert not doc.xpath("//div[@id='error-summary']")  # changing the grouping is no mistake
    client.post(url(dataset), {**data, "Region-values": ["01", "03"], "Region-codelist": "vs_CKM02Län"})
    region = ImportJob.objects.get().params["selection"][0]
    assert region == {"variableCode": "Region", "valueCodes": ["01", "03"], "codelist": "vs_CKM02Län"}


def test_an_unknown_codelist_falls_back_to_the_tables_own_values(dataset, analyst, client):
    response = client.post(
        url(dataset), {**choose(Alder=["0-9"]), "Region-codelist": "vs_Hittepå", "action": "codelist"}
    )
    doc = page(response)
    assert "Unknown codelist" in response.content.decode()
    assert len(doc.xpath("//input[@name='Region-values']")) == 312


# --- without JavaScript, with htmx, the JSON way, permissions ------------------------------------


def test_the_page_works_without_javascript_and_htmx_only_updates_the_count(dataset, analyst, client):
    doc = page(client.get(url(dataset), {"table": "TAB6471"}))
    form = doc.get_element_by_id("pxweb-form")
    assert form.get("method") == "post"
    assert {b.get("value") for b in form.xpath(".//button[@name='action']")} == {"count", "codelist", "import"}
    picker = form.xpath(".//div[@hx-post]")[0]
    assert picker.get("hx-target") == "#pxweb-summary" and json.loads(picker.get("hx-vals")) == {"action": "count"}
    htmx = client.post(
        url(dataset), {**choose(Alder=["0-9"], Tid=["2026M01"]), "action": "count"}, HTTP_HX_REQUEST="true"
    )
    assert htmx.status_code == 200 and "HX-Request" in htmx["Vary"]
    # region and sex are left out: one age band in one month
    assert "1 cell –" in text_of(page(htmx), "pxweb-summary")
    assert not ImportJob.objects.exists()


def test_the_advanced_json_selection_still_imports(dataset, analyst, client):
    selection = '{"Region": ["01"], "Alder": ["0-9"], "ContentsCode": ["*"], "Tid": ["TOP(1)"]}'
    response = client.post(url(dataset), {"table_id": "TAB6471", "selection": selection})
    assert response.status_code == 302
    assert ImportJob.objects.get().params["selection"] == json.loads(selection)
    bad = client.post(url(dataset), {"table_id": "TAB6471", "selection": "{Region: 01"})
    assert bad.status_code == 200 and "not valid JSON" in bad.content.decode()
    assert ImportJob.objects.count() == 1


def test_only_those_who_may_import_reach_the_picker(dataset, space, make_role_user, client):
    client.force_login(make_role_user(space, "member"))
    assert client.get(url(dataset), {"table": "TAB6471"}).status_code == 403
    assert client.post(url(dataset), choose(Alder=["0-9"], Tid=["2026M01"])).status_code == 403
    assert not ImportJob.objects.exists()


# --- in a browser ---------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_analyst_picks_a_table_imports_it_and_sets_indicator_parameters(page):
    """Search, pick TAB6471, tick regions and an age band, all sexes and the latest two months, see a bad
    TOP refused, import, then compute change over time on the new version — axe-clean at every step."""
    from conftest import assert_accessible, click_and_wait, login
    from samverka.testing.factories import make_space, make_user

    space = make_space(slug="sormland", name="Kompetensplattform Sörmland", county_id="04")
    make_user(email="analytiker@example.se", role_in=space, role="analyst")
    dataset = make_dataset(space=space, title="Folkmängd per månad")
    login(page, "analytiker@example.se")
    page.goto(dataset.get_absolute_url())
    click_and_wait(page, "a:text('Importera från SCB')")
    assert_accessible(page)

    # 1. find the table
    page.fill(".pxweb-search input[name=q]", "folkmängd månad")
    click_and_wait(page, ".pxweb-search button[type=submit]")
    row = page.locator("table.pxweb-tables tbody tr")
    assert row.count() == 1
    assert row.locator("td").all_inner_texts() == [
        "Folkmängden per månad efter region, ålder och kön. År 2025M01-2026M04",
        "2025M01–2026M04",
        "8 juni 2026",
        "Befolkning",
    ]
    assert_accessible(page)
    click_and_wait(page, "table.pxweb-tables a:text('TAB6471')")

    # 2. choose values
    assert page.locator("h1").inner_text() == "Välj värden ur TAB6471"
    assert page.locator("input[name='Region-values']").count() == 312
    assert_accessible(page)
    # a codelist: with htmx the counties replace the 312 regions at once
    page.select_option("select[name='Region-codelist']", "vs_CKM02Län")
    page.wait_for_function("document.querySelectorAll(\"input[name='Region-values']\").length === 21")
    page.check("input[name='Region-values'][value='01']")
    page.check("input[name='Region-values'][value='03']")
    page.check("input[name='Alder-values'][value='0-9']")
    page.check("input[name='Kon-mode'][value='all']")
    page.check("input[name='Tid-mode'][value='top']")
    page.fill("input[name='Tid-top']", "0")
    click_and_wait(page, "button[name=action][value=import]")
    summary = page.locator("#error-summary")
    assert "”0” är inget heltal från 1 och uppåt." in summary.inner_text()
    assert "”0” är inget heltal från 1 och uppåt." in page.locator("#variable-Tid .errorlist").inner_text()
    assert page.locator("input[name='Region-values'][value='03']").is_checked()  # nothing typed is lost
    assert_accessible(page)
    page.fill("input[name='Tid-top']", "2")
    page.locator("input[name='Tid-top']").dispatch_event("change")
    # htmx counts at once: 2 regions × 1 age band × 3 sexes × 1 × 2 months
    page.wait_for_function("document.querySelector('#pxweb-summary').innerText.includes('12 celler')")
    assert "hämtas i 1 anrop till SCB" in page.locator("#pxweb-summary").inner_text()

    # 3. import
    click_and_wait(page, "button[name=action][value=import]")
    assert "/import/jobs/" in page.url
    version = DatasetVersion.objects.get(dataset=dataset)
    assert version.cell_count == 12
    assert version.query["selection"][0] == {
        "variableCode": "Region",
        "valueCodes": ["01", "03"],
        "codelist": "vs_CKM02Län",
    }
    assert version.query["selection"][-1] == {"variableCode": "Tid", "valueCodes": ["TOP(2)"]}
    assert_accessible(page)

    # then the indicator, with its parameters as fields
    page.goto(reverse("indicators:indicator-page", kwargs={"space": space.slug}))
    page.select_option("select[name=version]", str(version.pk))
    page.wait_for_selector("#unavailable-heading")  # htmx brought what the version offers
    page.select_option("select[name=indicator]", "change_over_time")
    page.wait_for_selector("#indicator-parameters select[name=from_year]")
    parameters = page.locator("#indicator-parameters")
    assert parameters.locator("select").evaluate_all("els => els.map(e => e.name)") == [
        "region",
        "from_year",
        "to_year",
        "measure",
    ]
    assert parameters.locator("select[name=measure] option").all_inner_texts() == ["Folkmängden per månad"]
    assert_accessible(page)
    page.select_option("select[name=region]", "01")
    page.select_option("select[name=from_year]", "2026M04")
    page.select_option("select[name=to_year]", "2026M03")
    click_and_wait(page, "#indicator-work form button[type=submit]")
    assert "Det första året måste komma före det sista året." in page.locator("#indicator-parameters").inner_text()
    assert page.locator("#error-summary a[href='#id_to_year']").count() == 1
    assert_accessible(page)
    page.select_option("select[name=from_year]", "2026M03")
    page.select_option("select[name=to_year]", "2026M04")
    click_and_wait(page, "#indicator-work form button[type=submit]")
    cells = page.locator("table.indicator-table tbody tr").first.inner_text()
    digits = cells.replace("\xa0", "").replace(" ", "").replace("\u202f", "")
    # Stockholm, 0–9 years, both sexes (SCB's total): 249,358 in March and 251,635 in April 2026
    assert "249358" in digits and "251635" in digits and "2277" in digits
    assert_accessible(page)


def test_variable_codes_that_are_not_plain_ascii_get_field_names_that_lead_back_to_them():
    from samverka.insight.statistics.forms_pxweb import code_of_key, field_key

    for code in ("Region", "Ålder", "Yrke 2012", "Tid"):
        key = field_key(code)
        assert key.replace("-", "").isalnum() or "_" in key
        assert code_of_key(key) == code
    assert field_key("Region") == "Region" and field_key("Ålder") == "x-" + "Ålder".encode().hex()
    assert code_of_key("x-zz") == "" and code_of_key("no such;key") == ""
