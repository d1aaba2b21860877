"""Django REST framework and drf-spectacular settings, imported by ``settings.py``.

Kept here so the API's configuration sits with the API. Values that operators tune come
from ``OPENPES_API_*`` environment variables (docs/deployment.md).
"""

from __future__ import annotations

import os

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["openpes.web.www.api_views.auth.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["openpes.web.www.api_views.auth.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["openpes.web.www.api_views.auth.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("OPENPES_API_RATE", "600/min")},
    "DEFAULT_PAGINATION_CLASS": "openpes.web.www.api_views.pagination.ReferenceCursorPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "openpes.web.www.api_views.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "OpenPES API",
    "DESCRIPTION": (
        "Job seekers, vacancies, trainings and outcomes in; decisions, assessments and "
        "review requests out. See docs/integration.md."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "openpes.web.www.api_views.schema_hooks.strict_requests",
    ],
}
