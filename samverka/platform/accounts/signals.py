"""Keep this session's record of its second factor in step with the authenticator app.

allauth records a second factor when it is *used* (at login, or a step-up), not when it is set up.
Setting up an app proves the person holds it (they typed its code), so the session that set it up
counts as having used it; removing the app takes that away from the session that removed it.
These hook allauth's own signals: the flows are allauth's, not a service of ours.
"""

from typing import Any

from allauth.account.internal.flows.login import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
    record_authentication,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.dispatch import receiver
from django.http import HttpRequest


@receiver(authenticator_added)
def _app_set_up_counts_as_used(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kwargs: Any) -> None:
    if request is not None and authenticator.type == Authenticator.Type.TOTP and hasattr(request, "session"):
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)


@receiver(authenticator_removed)
def _app_removed_no_longer_counts(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    if request is None or not hasattr(request, "session") or authenticator.type != Authenticator.Type.TOTP:
        return
    records = get_authentication_records(request, user)
    if records:
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [r for r in records if r.get("method") != "mfa"]
