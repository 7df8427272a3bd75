"""Request id, the audit trail's view of the request, and language selection.

Every request gets an id made here, by the server: a client cannot choose the
audit trail's correlation id. It is returned as ``X-Request-ID`` and stored
with every audit row written while the request runs, so one change can be
traced end to end. A well-formed ``X-Request-ID`` sent by the client (its own
tracing) is kept beside it, in the audit row's ``client_request_id``.

The audit rows take their actor from the request when they are *written*, not
when the request comes in: the REST API signs a token client in inside the
view (DRF), after django-auditlog's own middleware has looked at the still
anonymous session. See ``core.audit``.
"""

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

_request_id: ContextVar[str | None] = ContextVar("samverka_request_id", default=None)
_current_request: ContextVar[HttpRequest | None] = ContextVar("samverka_current_request", default=None)
_VALID_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def get_request_id() -> str | None:
    """The current request's id (django-auditlog reads it as the correlation id)."""
    return _request_id.get()


def get_current_request() -> HttpRequest | None:
    """The request being answered in this thread or task (``None`` in commands and workers)."""
    return _current_request.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = request_id  # type: ignore[attr-defined]
        request.client_request_id = incoming if _VALID_CLIENT_ID.match(incoming) else None  # type: ignore[attr-defined]
        id_token = _request_id.set(request_id)
        request_token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(request_token)
            _request_id.reset(id_token)
        response["X-Request-ID"] = request_id
        return response


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware (remote address) without its early guess at the actor.

    It would read ``request.user`` as the request comes in, when a token client is still anonymous;
    ``core.audit`` fills the actor in as each row is written instead.
    """

    @staticmethod
    def _get_actor(request: HttpRequest) -> None:
        return None


class LanguageMiddleware:
    """Swedish unless the person chose otherwise.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a
    Swedish public service shows Swedish by default, so only an explicit choice
    (the language cookie set by the switcher, or the profile setting) counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            user = getattr(request, "user", None)
            language = getattr(user, "language", None) if user is not None and user.is_authenticated else None
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
