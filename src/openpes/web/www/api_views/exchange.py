"""The exchange hub's API: members upload signed bundles and withdraw them, and read the
published benchmark cells (never one with fewer than 5 contributors)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from openpes.exchange import BundleRefused
from openpes.web.exchange.config import hub_enabled
from openpes.web.exchange.enums import Via
from openpes.web.exchange.selectors import hub_benchmarks
from openpes.web.exchange.services import bundle_receive, withdrawal_receive
from openpes.web.integrations.enums import Scope
from openpes.web.www.api_views.problems import ProblemSerializer, problem
from openpes.web.www.api_views.views import READ_ERRORS, WRITE_ERRORS


def _refused(request: Request, refused: BundleRefused) -> Response:
    return problem(
        422,
        _("Bundle refused"),
        refused.translate(get_language() or "en"),
        request.get_full_path(),
        rule=refused.rule,
    )


def _hub_only() -> None:
    if not hub_enabled():
        raise Http404


def _problem(description: str) -> OpenApiResponse:
    return OpenApiResponse(ProblemSerializer, description)


_NOT_HUB = {(404, "application/problem+json"): _problem("This instance is not a hub.")}
_REFUSED = {
    **WRITE_ERRORS,
    **_NOT_HUB,
    (422, "application/problem+json"): _problem(
        "Refused: tampered, unknown member, a group below 10, future version."
    ),
}


class BundleUpload(generics.GenericAPIView):
    """Upload a signed bundle (docs/exchange.md); 201 with its version, or 422 and why."""

    scopes = {"POST": Scope.EXCHANGE_WRITE}

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT, **_REFUSED})
    def post(self, request: Request) -> Response:
        _hub_only()
        try:
            version = bundle_receive(
                actor=request.user.actor,
                data=request.data,
                via=Via.API,
                account=request.user.account,
            )
        except BundleRefused as refused:
            return _refused(request, refused)
        return Response(
            {
                "detail": _("Bundle accepted as version %(n)s.") % {"n": version.number},
                "version": version.number,
                "digest": version.digest,
            },
            status=status.HTTP_201_CREATED,
        )


class Withdrawal(generics.GenericAPIView):
    """Withdraw everything the member shared (a signed withdrawal); the benchmarks update."""

    scopes = {"POST": Scope.EXCHANGE_WRITE}

    @extend_schema(request=OpenApiTypes.OBJECT, responses={200: OpenApiTypes.OBJECT, **_REFUSED})
    def post(self, request: Request) -> Response:
        _hub_only()
        try:
            count = withdrawal_receive(
                actor=request.user.actor, data=request.data, account=request.user.account
            )
        except BundleRefused as refused:
            return _refused(request, refused)
        return Response({"detail": _("Withdrawn."), "versions": count})


class BenchmarkCells(generics.GenericAPIView):
    """The published benchmark cells: the same set the hub's pages show."""

    scopes = {"GET": Scope.EXCHANGE_WRITE}
    pagination_class = None

    @extend_schema(responses={200: OpenApiTypes.OBJECT, **READ_ERRORS, **_NOT_HUB})
    def get(self, request: Request) -> Response:
        _hub_only()
        bench = hub_benchmarks()
        cells: list[dict[str, Any]] = [
            {
                "metric": c.metric,
                "filters": dict(c.filters),
                "contributors": c.contributors,
                "q1": c.q1,
                "median": c.median,
                "q3": c.q3,
            }
            for c in bench.cells
        ]
        return Response({"k": bench.k, "cells": cells})


urlpatterns = [
    path("bundles", BundleUpload.as_view(), name="api_exchange_bundles"),
    path("withdrawal", Withdrawal.as_view(), name="api_exchange_withdrawal"),
    path("benchmarks", BenchmarkCells.as_view(), name="api_exchange_benchmarks"),
]
