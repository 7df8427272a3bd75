"""The Django admin, signed in through the site's own login.

The admin's login form would be a second way in: no rate limit on wrong passwords and no second
factor. Here it only forwards to allauth's login (with ``next`` back to the admin), so the admin is
reached through the same throttled login with the same TOTP step, and the admin itself admits only
active staff whose session used the second factor. Changing the password goes through allauth too.

Listed in ``INSTALLED_APPS`` as ``samverka.platform.accounts.admin_site.AdminConfig`` in place of
``django.contrib.admin``. Models are imported inside the methods: this module is read while the
app registry is still loading.
"""

from typing import Any

from django.contrib.admin import AdminSite as DjangoAdminSite
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _


class AdminSite(DjangoAdminSite):
    site_header = _("Samverka administration")
    site_title = _("Samverka administration")

    def has_permission(self, request: HttpRequest) -> bool:
        from samverka.platform.accounts.selectors import session_used_two_factor

        return super().has_permission(request) and session_used_two_factor(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Forward to the site's login; answer 403 to a signed-in person who is not staff."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = ""
        next_url = next_url or reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(next_url)
            raise PermissionDenied
        return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")

    def password_change(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:  # type: ignore[override]
        return redirect("account_change_password")


class AdminConfig(DjangoAdminConfig):
    default_site = "samverka.platform.accounts.admin_site.AdminSite"
