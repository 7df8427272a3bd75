"""These tests read the pages' English text: the test client asks for English (the switcher's cookie)."""

from typing import Any

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def english_pages(client: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
