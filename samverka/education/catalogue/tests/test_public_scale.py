"""The national-scale catalogue generator (``generate_national_data``): exactly the promised number of
offerings, spread over every county with a space, with the derived fields the public search reads."""

import pytest
from django.test import Client

from samverka.demo.scale_catalogue import generate_catalogue
from samverka.education.catalogue.models import Offering
from samverka.education.catalogue.selectors import public_offerings

pytestmark = pytest.mark.django_db


def test_the_generator_writes_the_offerings_the_search_finds(space, other_space):
    counts = generate_catalogue(scale=0.01, seed=3)
    assert counts["offerings"] == 500 == Offering.objects.count()
    assert set(Offering.objects.values_list("county_code", flat=True)) == {"04", "18"}
    assert not Offering.objects.filter(search_text="").exists()
    visible = public_offerings().count()
    assert 400 < visible < 500  # a few unpublished, removed, cancelled or over
    response = Client().get("/educations/", {"county": "18"})
    assert response.status_code == 200
    assert 0 < response.context["page"].count < visible
