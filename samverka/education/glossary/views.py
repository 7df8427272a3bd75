"""The public glossary page: every term with each actor's definition; filter by topic or text, no JS."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from samverka.education.glossary import selectors
from samverka.platform.core.permissions import PUBLIC, PermissionMixin


class GlossarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("All topics"))] + [(topic.slug, topic.name) for topic in selectors.topics()]
        self.fields["topic"].choices = choices


class TermListView(PermissionMixin, TemplateView):
    permission_required = PUBLIC
    template_name = "glossary/term_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = GlossarySearchForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["form"] = form
        context["terms"] = list(selectors.terms(topic=filters.get("topic") or "", query=filters.get("q") or ""))
        context["filtered"] = bool(filters.get("topic") or filters.get("q"))
        return context
