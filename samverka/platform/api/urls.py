"""Routes of the REST API: ``/api/v1/…`` in the URL namespace ``v1`` (DRF's NamespaceVersioning)."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from samverka.platform.api.views.actors import ContactViewSet, OrganisationViewSet
from samverka.platform.api.views.bodies import BodyViewSet, MembershipViewSet
from samverka.platform.api.views.catalogue import EducationViewSet, OfferingViewSet, ProviderViewSet
from samverka.platform.api.views.cohorts import CohortFollowUpViewSet
from samverka.platform.api.views.docs import ApiRootView, SchemaView, SwaggerView
from samverka.platform.api.views.knowledgenodes import KnowledgeNodeViewSet
from samverka.platform.api.views.meetings import ActionItemViewSet, AgendaItemViewSet, DecisionViewSet, MeetingViewSet
from samverka.platform.api.views.myhreports import MyhReportViewSet
from samverka.platform.api.views.orders import EducationOrderViewSet
from samverka.platform.api.views.planning import (
    ActivityViewSet,
    GoalViewSet,
    InputViewSet,
    StatusReportViewSet,
    StatusRoundViewSet,
    WorkPlanViewSet,
)
from samverka.platform.api.views.reference import CountyViewSet, MunicipalityViewSet, SpaceViewSet
from samverka.platform.api.views.registry import CaseViewSet, DiaryViewSet, DocumentViewSet, QuestionViewSet
from samverka.platform.api.views.statistics import DatasetViewSet, IndicatorViewSet, ObservationViewSet
from samverka.platform.api.views.validation import ValidationOfferViewSet, ValidationOutcomeViewSet


class Router(DefaultRouter):
    APIRootView = ApiRootView
    include_format_suffixes = False


router = Router()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("contacts", ContactViewSet, basename="contact")
router.register("spaces", SpaceViewSet, basename="space")
router.register("bodies", BodyViewSet, basename="body")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("goals", GoalViewSet, basename="goal")
router.register("work-plans", WorkPlanViewSet, basename="work-plan")
router.register("activities", ActivityViewSet, basename="activity")
router.register("status-rounds", StatusRoundViewSet, basename="status-round")
router.register("status-reports", StatusReportViewSet, basename="status-report")
router.register("inputs", InputViewSet, basename="input")
router.register("cases", CaseViewSet, basename="case")
router.register("documents", DocumentViewSet, basename="document")
router.register("diary", DiaryViewSet, basename="diary")
router.register("questions", QuestionViewSet, basename="question")
router.register("counties", CountyViewSet, basename="county")
router.register("municipalities", MunicipalityViewSet, basename="municipality")
router.register("datasets", DatasetViewSet, basename="dataset")
router.register("observations", ObservationViewSet, basename="observation")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("education-providers", ProviderViewSet, basename="education-provider")
router.register("educations", EducationViewSet, basename="education")
router.register("offerings", OfferingViewSet, basename="offering")
router.register("knowledge-nodes", KnowledgeNodeViewSet, basename="knowledge-node")
router.register("validation-offers", ValidationOfferViewSet, basename="validation-offer")
router.register("validation-outcomes", ValidationOutcomeViewSet, basename="validation-outcome")
router.register("cohorts", CohortFollowUpViewSet, basename="cohort")
router.register("education-orders", EducationOrderViewSet, basename="education-order")
router.register("myh-reports", MyhReportViewSet, basename="myh-report")

v1_patterns: list[URLPattern | URLResolver] = [
    path("", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

urlpatterns = [
    path("v1/", include((v1_patterns, "api"), namespace="v1")),
]
