"""The sections of the yearly report to MYH (Myndigheten för yrkeshögskolan), as the shipped template has them.

A template stores its sections as data (key and English title, in order); the keys below are the ones
the draft generator knows how to fill. The year's template is created from ``SHIPPED_SECTIONS`` the first
time a report for that year is made (``services.template_for_year``) and frozen once a report uses it.
"""

from django.utils.translation import gettext_lazy as _

POPULATION = "population"
EDUCATION_LEVEL = "education_level"
LABOUR_MARKET = "labour_market"
INVESTMENTS = "investments"
SUPPLY = "supply"
NEEDS = "needs"
PRIORITIES = "priorities"
METHOD = "method"

#: The shipped template: (key, title) in the order the report has them.
SHIPPED_SECTIONS: list[tuple[str, str]] = [
    (POPULATION, "Population and demography"),
    (EDUCATION_LEVEL, "Education level by SUN level, sex and age per municipality"),
    (LABOUR_MARKET, "Labour-market structure by industry (SNI)"),
    (INVESTMENTS, "Major investments, establishments and redundancies"),
    (SUPPLY, "Current YH and other education supply"),
    (NEEDS, "Competence needs in 3–5 years per YH education area and occupation"),
    (PRIORITIES, "The prioritised list"),
    (METHOD, "Method and quality notes"),
]

#: The titles in the reader's language (the stored English title is kept for sections added later).
TITLES = {
    POPULATION: _("Population and demography"),
    EDUCATION_LEVEL: _("Education level by SUN level, sex and age per municipality"),
    LABOUR_MARKET: _("Labour-market structure by industry (SNI)"),
    INVESTMENTS: _("Major investments, establishments and redundancies"),
    SUPPLY: _("Current YH and other education supply"),
    NEEDS: _("Competence needs in 3–5 years per YH education area and occupation"),
    PRIORITIES: _("The prioritised list"),
    METHOD: _("Method and quality notes"),
}


def title_of(key: str, stored: str = "") -> str:
    return str(TITLES.get(key, stored or key))
