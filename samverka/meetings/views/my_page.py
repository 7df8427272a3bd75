"""My page: my coming meetings, invitations to answer, minutes to approve, my action items, and for
the secretariat what is overdue across each of their spaces."""

from typing import Any

from django.views.generic import TemplateView

from samverka.core.permissions import PermissionMixin
from samverka.meetings.selectors_follow_up import my_page


class MyPageView(PermissionMixin, TemplateView):
    permission_required = "meetings.view_my_page"
    template_name = "meetings/my_page.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(my_page(self.request.user))
        return context
