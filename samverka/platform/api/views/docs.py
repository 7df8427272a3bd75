"""The API's entry points: the root listing, the OpenAPI schema and its Swagger UI page."""

from typing import Any

from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import APIRootView

from samverka.platform.api.permissions import PUBLIC_RULE, RulesPermission


class ApiRootView(APIRootView):
    """Links to the API's collections (``/api/v1/``)."""

    permission_required = PUBLIC_RULE
    permission_classes = [RulesPermission]
    renderer_classes = [JSONRenderer]


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of one API version (YAML, or JSON with ``?format=json``)."""

    permission_required = PUBLIC_RULE
    permission_classes = [RulesPermission]


class SwaggerView(SpectacularSwaggerView):
    """Swagger UI from our own static files (npm's swagger-ui-dist), in a page with a language.

    The online validator badge is switched off: it would load an image from
    validator.swagger.io, a third-party request we do not make.
    """

    permission_required = PUBLIC_RULE
    permission_classes = [RulesPermission]
    template_name = "api/swagger_ui.html"

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        ui_settings = {**spectacular_settings.SWAGGER_UI_SETTINGS, "validatorUrl": None}
        response.data["settings"] = self._dump(ui_settings)
        return response
