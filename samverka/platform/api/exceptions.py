"""Turn the services' Django exceptions into API errors.

Services raise ``django.core.exceptions.ValidationError`` (bad input → 400)
and ``PermissionDenied`` (→ 403, which DRF already maps). DRF does not know
Django's ValidationError and would answer 500, so API views convert it here.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings


def as_api_error(error: DjangoValidationError) -> serializers.ValidationError:
    """The same messages, keyed by field as DRF serializers report them (``non_field_errors`` for the rest)."""
    detail: Any
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return serializers.ValidationError(detail)
