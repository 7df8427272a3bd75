"""My page: what waits for me, most urgent first (invitations, minutes, status reports, action items,
decisions, questions and orders, incoming items to triage), my coming meetings, and for the secretariat
what is overdue across each of their spaces."""

from typing import Any

from django.views.generic import TemplateView

from samverka.collaboration.meetings.selectors_my_page import my_tasks
from samverka.platform.core.permissions import PermissionMixin


class MyPageView(PermissionMixin, TemplateView):
    permission_required = "meetings.view_my_page"
    template_name = "meetings/my_page.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(my_tasks(self.request.user))
        return context
