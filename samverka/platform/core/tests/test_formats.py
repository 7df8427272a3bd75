"""Swedish dates and numbers everywhere (config/formats), and numbers in form inputs stay readable."""

import importlib
import inspect
import pkgutil
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.template import Context, Template
from django.utils import timezone, translation

from config.formats import install_grouping_threshold

NBSP = "\xa0"


def render(text: str, **context: object) -> str:
    return Template("{% load l10n %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("value", "swedish", "english"),
    [
        (391224, f"391{NBSP}224", "391,224"),
        (2026, "2026", "2026"),  # a year is never grouped
        (9999, "9999", "9999"),  # four digits are written together
        (10000, f"10{NBSP}000", "10,000"),
        (-12345, f"-12{NBSP}345", "-12,345"),
        (Decimal("12.5"), "12,5", "12.5"),
        (1234567.25, f"1{NBSP}234{NBSP}567,25", "1,234,567.25"),
        (0.25, "0,25", "0.25"),
    ],
)
def test_numbers_are_written_as_in_swedish(value, swedish, english):
    with translation.override("sv"):
        assert render("{{ v }}", v=value) == swedish
    with translation.override("en"):
        assert render("{{ v }}", v=value) == english


def test_unlocalize_and_floatformat():
    with translation.override("sv"):
        assert render("{{ v|unlocalize }}", v=391224) == "391224"
        assert render("{{ v|floatformat:1 }}", v=391224.36) == f"391{NBSP}224,4"


def test_dates_are_written_with_lower_case_months():
    with translation.override("sv"):
        assert render("{{ d|date }}", d=date(2026, 12, 6)) == "6 december 2026"
        assert render("{{ d|date:'SHORT_DATE_FORMAT' }}", d=date(2026, 12, 6)) == "2026-12-06"
        moment = timezone.make_aware(datetime(2026, 12, 6, 13, 5))
        assert render("{{ d|date:'DATETIME_FORMAT' }}", d=moment) == "6 december 2026 13:05"
        for month in range(1, 13):
            written = render("{{ d|date }} {{ d|date:'D j N' }} {{ d|date:'l' }}", d=date(2026, month, 6))
            assert written == written.lower(), written
    with translation.override("en"):
        assert render("{{ d|date }}", d=date(2026, 12, 6)) == "6 December 2026"


#: A date format's "M" is Django's title-cased abbreviation ("Dec"); "N" is the language's own ("dec", "Dec.").
_TITLE_CASED_MONTH = re.compile(r"""(?:\|date:|date_format\([^,]+,\s*)["'][^"']*(?<!\\)M[^"']*["']""")


def test_no_template_or_module_writes_a_title_cased_month():
    root = Path(__file__).resolve().parents[3]
    offenders = []
    for path in list(root.rglob("*.html")) + list(root.rglob("*.py")):
        if "tests" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in _TITLE_CASED_MONTH.finditer(line):
                if not re.search(r"(SHORT_)?(DATE|DATETIME|TIME|YEAR_MONTH|MONTH_DAY)_FORMAT", match.group(0)):
                    offenders.append(f"{path.relative_to(root)}:{number}: {match.group(0)}")
    assert offenders == []


def test_years_and_ids_in_links_stay_plain():
    with translation.override("sv"):
        assert render('<a href="?year={{ y }}&amp;page={{ p }}">', y=2026, p=12) == '<a href="?year=2026&amp;page=12">'


def test_installing_the_grouping_rule_twice_changes_nothing():
    install_grouping_threshold()
    install_grouping_threshold()
    with translation.override("sv"):
        assert render("{{ v }} {{ y }}", v=123456, y=2026) == f"123{NBSP}456 2026"


def _form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in a forms module of a Samverka app."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samverka."):
            continue
        package = importlib.import_module(config.name)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{config.name}."):
            if ".tests" in info.name or not re.search(r"\.forms(_\w+)?$|\.forms\.", info.name):
                continue
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    found.append(cls)
    return found


NUMBERS = {forms.IntegerField: 123456, forms.DecimalField: Decimal("123456.5"), forms.FloatField: 123456.5}


def test_every_number_field_of_every_form_reads_back_what_it_shows():
    """A number shown in an input (grouped and with a decimal comma when the field localizes, plain
    otherwise) must be read back as the same number when the form is sent unchanged."""
    classes = _form_classes()
    assert len(classes) > 20
    checked = 0
    with translation.override("sv"):
        for cls in classes:
            for name, field in cls.base_fields.items():
                kind = next((k for k in NUMBERS if isinstance(field, k)), None)
                if kind is None or isinstance(field, forms.ModelChoiceField):
                    continue
                value = NUMBERS[kind]
                if kind is forms.IntegerField:
                    value = int(value)
                html = field.widget.render(name, value)
                shown = re.search(r'value="([^"]*)"', html)
                assert shown, (cls.__name__, name, html)
                text = shown.group(1).replace("&nbsp;", NBSP)
                if field.widget.input_type == "number":
                    assert re.fullmatch(r"-?\d+(\.\d+)?", text), (cls.__name__, name, text)
                assert field.to_python(text) == value, (cls.__name__, name, text)
                checked += 1
    assert checked > 5


def test_a_localized_number_field_reads_what_a_person_types_in_swedish():
    field = forms.DecimalField(localize=True)
    with translation.override("sv"):
        assert field.clean("12 345,5") == Decimal("12345.5")
        assert field.clean(f"12{NBSP}345,5") == Decimal("12345.5")
        assert field.clean("12345,5") == Decimal("12345.5")
