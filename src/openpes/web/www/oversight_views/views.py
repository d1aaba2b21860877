"""The oversight dashboard: AI systems and their stop switch, alerts, monitors."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from openpes.errors import InputError, OpenPESError
from openpes.i18n import translate
from openpes.oversight import (
    describe_group,
    describe_metric,
    group_code,
    monitor_name,
    monitor_names,
)
from openpes.reports import to_html, to_markdown
from openpes.web.accounts.decorators import role_required
from openpes.web.accounts.enums import Role
from openpes.web.oversight.documents import document_from_dict, document_to_dict
from openpes.web.oversight.enums import OversightAction
from openpes.web.oversight.models import AISystem, SystemPause
from openpes.web.oversight.monitoring import oversight_run, record_document
from openpes.web.oversight.notice import provider_notice
from openpes.web.oversight.selectors import (
    active_pauses,
    alert_get,
    alert_list,
    latest_run,
    latest_verification,
    monitor_record_get,
    monitor_trend,
    run_records,
    system_get,
    system_list,
)
from openpes.web.oversight.services import (
    alert_acknowledge,
    alert_resolve,
    system_pause,
    system_pause_confirm,
    system_resume,
)
from openpes.web.register.literacy import can_pause
from openpes.web.register.presenters import frias_flagged_view
from openpes.web.trail.services import event_record
from openpes.web.www.oversight_views.forms import (
    AlertAcknowledgeForm,
    AlertResolveForm,
    ConfirmPauseForm,
    PauseForm,
    ResumeForm,
)

OVERSEERS = (Role.OVERSIGHT, Role.ADMIN)


def _system_or_404(key: str) -> AISystem:
    system = system_get(key)
    if system is None:
        raise Http404
    return system


def _system_card(system: AISystem, run: Any, bound: dict[str, Any]) -> dict[str, Any]:
    pauses = list(active_pauses(system=system))
    whole = next((p for p in pauses if p.team_id is None), None)
    prefix = f"pause-{system.key}"
    language = get_language() or "en"
    return {
        "system": system,
        "whole_pause": whole,
        "pauses": [
            {
                "pause": p,
                "resume_form": bound.get(f"resume-{p.pk}")
                or ResumeForm(prefix=f"resume-{p.pk}", initial={"pause": p.pk}),
                "confirm_form": bound.get(f"confirm-{p.pk}")
                or ConfirmPauseForm(prefix=f"confirm-{p.pk}", initial={"pause": p.pk}),
            }
            for p in pauses
        ],
        "pause_form": bound.get(prefix) or PauseForm(prefix=prefix),
        "alerts": [
            {
                "alert": a,
                # The officer writes policies with the codes: the words, then the codes in a
                # quieter type (the template's ``muted``).
                "metric": describe_metric(a.metric, language),
                "group": describe_group(a.attribute, a.group, language),
                "group_code": group_code(a.attribute, a.group),
                "ack_form": bound.get(f"ack-{a.pk}") or AlertAcknowledgeForm(prefix=f"ack-{a.pk}"),
                "resolve_form": bound.get(f"resolve-{a.pk}")
                or AlertResolveForm(prefix=f"resolve-{a.pk}"),
            }
            for a in alert_list(system_key=system.key)[:20]
        ],
        "records": list(run_records(run=run, system_key=system.key)) if run else [],
    }


def _dashboard(request: HttpRequest, *, bound: dict[str, Any] | None = None, status: int = 200):
    bound = bound or {}
    run = latest_run()
    errors = [form for form in bound.values() if form.errors]
    return render(
        request,
        "oversight/dashboard.html",
        {
            "cards": [_system_card(s, run, bound) for s in system_list()],
            "run": run,
            "verification": latest_verification(),
            "error_forms": errors,
            # The core's monitor names: one list for the dashboard, the mail and the FRIA.
            "monitor_labels": monitor_names(get_language() or "en"),
            # Art. 27(2): a FRIA whose monitor raised an alert, or whose system changed.
            "frias_flagged": frias_flagged_view(get_language() or "en"),
        },
        status=status,
    )


@role_required(*OVERSEERS)
def oversight_home(request: HttpRequest) -> HttpResponse:
    """Per AI system: status, pauses, open alerts and the latest monitor verdicts."""
    return _dashboard(request)


def _field_error(exc: InputError) -> str:
    """A service's refusal as a sentence for the field it is shown at.

    The services speak to the command line too, which names the place ("column 'team': this
    system is already paused there"); on the page the field is the place.
    """
    text = translate(exc.reason, get_language() or "en")
    return text[:1].upper() + text[1:]


def _back(system: AISystem) -> HttpResponse:
    return redirect(reverse("oversight_home") + f"#system-{system.key}")


def _untrained(request: HttpRequest, system: AISystem) -> HttpResponse | None:
    """Pausing and resuming need the oversight AI-literacy course (AI Act Art. 4, 14(4)).

    Nothing changes without it; the officer is told why and where the course is. A rule's
    automatic pause and the confirmation of one (both keep the safe state) are not gated.
    """
    if can_pause(request.user):
        return None
    messages.error(
        request,
        _(
            "You can pause or resume an AI system only after completing the oversight "
            "AI-literacy course. Nothing was changed: %(system)s is as it was. The course is "
            "on the AI literacy page (%(url)s); until then, ask an oversight officer who has "
            "completed it."
        )
        % {"system": system.label, "url": reverse("literacy_course", args=["oversight"])},
    )
    return _back(system)


@require_POST
@role_required(*OVERSEERS)
def system_pause_view(request: HttpRequest, key: str) -> HttpResponse:
    system = _system_or_404(key)
    if (refused := _untrained(request, system)) is not None:
        return refused
    prefix = f"pause-{key}"
    form = PauseForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            system_pause(
                system=system,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                team=form.cleaned_data["team"],
            )
            messages.success(request, _("%(system)s is paused.") % {"system": system.label})
            return _back(system)
        except InputError as exc:
            form.add_error("team", _field_error(exc))
    return _dashboard(request, bound={prefix: form}, status=400)


def _pause_of(system: AISystem, form: Any) -> SystemPause | None:
    return system.pauses.filter(pk=form.cleaned_data["pause"], resumed_at__isnull=True).first()


@require_POST
@role_required(*OVERSEERS)
def system_resume_view(request: HttpRequest, key: str) -> HttpResponse:
    system = _system_or_404(key)
    if (refused := _untrained(request, system)) is not None:
        return refused
    prefix = f"resume-{request.POST.get('which', '')}"
    form = ResumeForm(request.POST, prefix=prefix)
    if form.is_valid():
        pause = _pause_of(system, form)
        if pause is None:
            messages.error(request, _("That pause has already ended."))
            return _back(system)
        try:
            system_resume(
                system=system,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                team=pause.team,
            )
            messages.success(request, _("%(system)s is active again.") % {"system": system.label})
            return _back(system)
        except InputError as exc:
            form.add_error("reason", _field_error(exc))
    return _dashboard(request, bound={prefix: form}, status=400)


@require_POST
@role_required(*OVERSEERS)
def system_confirm_view(request: HttpRequest, key: str) -> HttpResponse:
    system = _system_or_404(key)
    prefix = f"confirm-{request.POST.get('which', '')}"
    form = ConfirmPauseForm(request.POST, prefix=prefix)
    if form.is_valid():
        pause = _pause_of(system, form)
        if pause is not None:
            try:
                system_pause_confirm(
                    pause=pause, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The automatic pause is confirmed."))
                return _back(system)
            except InputError as exc:
                form.add_error("reason", _field_error(exc))
        else:
            return _back(system)
    return _dashboard(request, bound={prefix: form}, status=400)


@require_POST
@role_required(*OVERSEERS)
def alert_acknowledge_view(request: HttpRequest, pk: int) -> HttpResponse:
    alert = alert_get(pk)
    if alert is None:
        raise Http404
    prefix = f"ack-{pk}"
    form = AlertAcknowledgeForm(request.POST, prefix=prefix)
    if not form.is_valid():
        # The dashboard again with the note kept and the message at it; a redirect would drop
        # the refusal silently and leave the alert open.
        return _dashboard(request, bound={prefix: form}, status=400)
    try:
        alert_acknowledge(alert=alert, actor=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("Alert acknowledged."))
    except InputError as exc:
        messages.error(request, _field_error(exc))
    return redirect(reverse("oversight_home") + f"#alert-{pk}")


@require_POST
@role_required(*OVERSEERS)
def alert_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    alert = alert_get(pk)
    if alert is None:
        raise Http404
    prefix = f"resolve-{pk}"
    form = AlertResolveForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            alert_resolve(alert=alert, actor=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("Alert resolved."))
            return redirect(reverse("oversight_home") + f"#system-{alert.system_key}")
        except InputError as exc:
            form.add_error("note", _field_error(exc))
    return _dashboard(request, bound={prefix: form}, status=400)


@require_POST
@role_required(*OVERSEERS)
def monitors_run_view(request: HttpRequest) -> HttpResponse:
    try:
        outcome = oversight_run(actor=request.user)
    except OpenPESError as exc:
        messages.error(request, exc.translate(get_language()))
        return redirect("oversight_home")
    count = len(outcome.new_alerts)
    messages.success(
        request,
        ngettext(
            "The monitors ran: %(count)d new alert.",
            "The monitors ran: %(count)d new alerts.",
            count,
        )
        % {"count": count},
    )
    return redirect("oversight_home")


@require_GET
@role_required(*OVERSEERS)
def monitor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One monitor's stored report (report layer), its trend over earlier runs, downloads."""
    record = monitor_record_get(pk)
    if record is None:
        raise Http404
    language = get_language() or "en"
    data = record_document(record, language)
    if data is None:
        raise Http404
    document = document_from_dict(data)
    fmt = request.GET.get("format", "")
    if fmt in ("html", "md"):
        body = to_html(document) if fmt == "html" else to_markdown(document)
        response = HttpResponse(
            body, content_type="text/html" if fmt == "html" else "text/markdown"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="oversight-{record.system_key}-{record.monitor}.{fmt}"'
        )
        return response
    system = system_get(record.system_key)
    return render(
        request,
        "oversight/monitor.html",
        {
            "record": record,
            "system": system,
            "document": document_to_dict(document),
            "trend": monitor_trend(system_key=record.system_key, monitor=record.monitor),
            "monitor_label": monitor_name(record.monitor, get_language() or "en"),
        },
    )


NOTICE_FORMATS = {"html": "text/html", "md": "text/markdown", "json": "application/json"}


@require_GET
@role_required(*OVERSEERS)
def provider_notice_view(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    system = _system_or_404(key)
    if fmt not in NOTICE_FORMATS:
        raise Http404
    document = provider_notice(system=system, language=get_language() or "en")
    if fmt == "html":
        body = to_html(document)
    elif fmt == "md":
        body = to_markdown(document)
    else:
        body = json.dumps(document_to_dict(document), ensure_ascii=False, indent=2)
    event_record(
        actor=request.user,
        action=OversightAction.NOTICE_EXPORTED,
        subject=f"ai_system:{system.key}",
        details={"format": fmt},
    )
    response = HttpResponse(body, content_type=f"{NOTICE_FORMATS[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="provider-notice-{key}.{fmt}"'
    return response
