"""The exchange: on a member, build the bundle, show it, share the chosen parts; on the
hub, benchmarks, safeguards side by side, the case library and the members.

Views parse the request, check permissions, call services, selectors and presenters, and
render.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from openpes.errors import InputError
from openpes.exchange import PARTS
from openpes.web.accounts.decorators import role_required
from openpes.web.exchange import config
from openpes.web.exchange.builder import available_parts
from openpes.web.exchange.enums import Theme
from openpes.web.exchange.perms import HUB_ROLES, SHARE_ROLES, can_share
from openpes.web.exchange.presenters import benchmark_rows, localised, safeguard_columns
from openpes.web.exchange.selectors import (
    case_countries,
    case_search,
    current_versions,
    grouping_values,
    hub_benchmarks,
    member_list,
    own_cases,
    peers_go_further,
    safeguard_comparison,
    sendings,
)
from openpes.web.exchange.services import bundle_send, bundle_sign, case_create, key_create
from openpes.web.www.exchange_views.forms import (
    PART_LABELS,
    BenchmarkFilterForm,
    CaseFilterForm,
    CaseForm,
    ShareForm,
    error_list,
)


def _language() -> str:
    return get_language() or "en"


def _hub_or_404() -> None:
    if not config.hub_enabled():
        raise Http404


# -- member ---------------------------------------------------------------------------
def _share_page(request: HttpRequest, form: ShareForm, status: int = 200) -> HttpResponse:
    parts = available_parts()
    previews = [
        {
            "name": name,
            "label": PART_LABELS[name],
            "count": len(parts[name]),
            "json": json.dumps(parts[name], indent=2, ensure_ascii=False),
        }
        for name in PARTS
    ]
    return render(
        request,
        "exchange/share.html",
        {
            "form": form,
            "errors": error_list(form),
            "previews": previews,
            "has_key": config.key_path().exists(),
            "hub_url": config.hub_url(),
            "member": config.member_id(),
            "sendings": sendings(),
            "cases": own_cases(),
            "hub": config.hub_enabled(),
            "can_share": True,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@role_required(*SHARE_ROLES)
def exchange_share(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _share_page(request, ShareForm())
    form = ShareForm(request.POST)
    if not form.is_valid():
        return _share_page(request, form, status=400)
    try:
        bundle = bundle_sign(form.cleaned_data["parts"])
        if request.POST.get("action") == "download":
            response = HttpResponse(
                json.dumps(bundle, indent=2, ensure_ascii=False),
                content_type="application/json",
            )
            response["Content-Disposition"] = 'attachment; filename="bundle.json"'
            return response
        answer = bundle_send(actor=request.user, bundle=bundle)
    except InputError as error:
        form.add_error(None, error.translate(_language()))
        return _share_page(request, form, status=400)
    if answer.accepted:
        messages.success(
            request, _("The hub accepted the bundle: %(answer)s") % {"answer": answer.message}
        )
        return redirect("exchange_share")
    form.add_error(None, _("The hub refused the bundle: %(answer)s") % {"answer": answer.message})
    return _share_page(request, form, status=400)


@require_POST
@role_required(*SHARE_ROLES)
def exchange_keygen(request: HttpRequest) -> HttpResponse:
    try:
        public = key_create()
    except InputError as error:
        messages.error(request, error.translate(_language()))
    else:
        messages.success(
            request,
            _("Key created. Give the hub this public key: %(key)s") % {"key": public},
        )
    return redirect("exchange_share")


@require_http_methods(["GET", "POST"])
@role_required(*SHARE_ROLES)
def exchange_case_new(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Case saved. Tick “Our cases” to share it."))
        return redirect("exchange_share")
    return render(
        request,
        "exchange/case_form.html",
        {"form": form, "errors": error_list(form)},
        status=400 if request.method == "POST" else 200,
    )


# -- hub ------------------------------------------------------------------------------
@require_GET
@role_required(*HUB_ROLES)
def exchange_hub(request: HttpRequest) -> HttpResponse:
    _hub_or_404()
    versions = current_versions()
    return render(
        request,
        "exchange/hub.html",
        {
            "members": member_list().count(),
            "sharing": len(versions),
            "cases": len(case_search()),
            "can_share": can_share(request.user),
        },
    )


@require_GET
@role_required(*HUB_ROLES)
def exchange_benchmarks(request: HttpRequest) -> HttpResponse:
    _hub_or_404()
    form = BenchmarkFilterForm(request.GET or None, values=grouping_values())
    filters: dict[str, str] = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    bench = hub_benchmarks()
    lang = _language()
    return render(
        request,
        "exchange/benchmarks.html",
        {
            "form": form,
            "errors": error_list(form),
            "k": bench.k,
            "readiness": benchmark_rows(bench, filters, prefix="readiness:", language=lang),
            "indicators": benchmark_rows(bench, filters, prefix="indicators:", language=lang),
        },
        status=200 if form.is_valid() or not request.GET else 400,
    )


@require_GET
@role_required(*HUB_ROLES)
def exchange_compare(request: HttpRequest) -> HttpResponse:
    _hub_or_404()
    lang = _language()
    rows = safeguard_comparison()
    columns = safeguard_columns()
    systems: dict[str, dict[str, object]] = {}
    for row in rows:
        entry = systems.setdefault(row.system, {"name": localised(row.name, lang), "rows": []})
        entry["rows"].append(  # type: ignore[union-attr]
            {
                "member": row.member,
                "country": row.country,
                "marks": [bool(row.safeguards.get(key)) for key, _label in columns],
                "monitors": ", ".join(row.safeguards.get("monitors") or ()),
                "data_used": ", ".join(row.data_used),
                "groups": ", ".join(row.groups_audited),
            }
        )
    own = config.member_id()
    further = peers_go_further(rows, own=own)
    return render(
        request,
        "exchange/compare.html",
        {
            "systems": systems,
            "columns": columns,
            "further": [(label, further[key]) for key, label in columns if key in further],
        },
    )


@require_GET
@role_required(*HUB_ROLES)
def exchange_cases(request: HttpRequest) -> HttpResponse:
    _hub_or_404()
    form = CaseFilterForm(request.GET or None, countries=case_countries())
    found = []
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if form.is_bound else {}
        found = case_search(
            theme=data.get("theme", ""), country=data.get("country", ""), text=data.get("q", "")
        )
    return render(
        request,
        "exchange/cases.html",
        {
            "form": form,
            "errors": error_list(form),
            "cases": [(c, dict(Theme.choices).get(c.theme, c.theme)) for c in found],
        },
        status=200 if not form.is_bound or form.is_valid() else 400,
    )


@require_GET
@role_required(*HUB_ROLES)
def exchange_members(request: HttpRequest) -> HttpResponse:
    _hub_or_404()
    members = [
        {"member": m, "versions": list(m.versions.order_by("-number")[:5])}
        for m in member_list().prefetch_related("versions")
    ]
    return render(request, "exchange/members.html", {"members": members})
