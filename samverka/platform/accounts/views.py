"""The signed-in person's own profile and API token."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView
from rest_framework.authtoken.models import Token

from samverka.platform.accounts import services
from samverka.platform.accounts.forms import ProfileForm, TokenForm
from samverka.platform.accounts.profile import profile_page
from samverka.platform.accounts.selectors import has_totp
from samverka.platform.core.permissions import PermissionMixin


class ProfileView(PermissionMixin, FormView):
    permission_required = "accounts.view_profile"
    template_name = "accounts/profile.html"
    form_class = ProfileForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["profile_panels"] = profile_page.render(self.request.user)  # e.g. the person's spaces
        context["has_totp"] = has_totp(self.request.user)
        context["token_form"] = TokenForm()
        context["token"] = Token.objects.filter(user=self.request.user).first()
        return context

    def form_valid(self, form: ProfileForm) -> HttpResponse:
        services.user_update_profile(
            user=self.request.user,  # type: ignore[arg-type]
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
        messages.success(self.request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        response.set_cookie("django_language", form.cleaned_data["language"], samesite="Lax")
        return response


class TokenView(PermissionMixin, FormView):
    permission_required = "accounts.manage_token"
    form_class = TokenForm
    template_name = "accounts/profile.html"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("action") == "revoke":
            services.api_token_revoke(user=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Your API token was revoked."))
            return redirect("accounts:profile")
        form = TokenForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Tick the box to confirm that a new token should be created."))
            return redirect("accounts:profile")
        token = services.api_token_rotate(user=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Your new API token: %(key)s — copy it now.") % {"key": token.key})
        return redirect("accounts:profile")
