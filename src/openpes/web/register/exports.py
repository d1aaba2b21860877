"""Every export of a register record, for the CLI and the administrator's pages alike.

The record is read with its live facts now (or from a frozen publication), turned into
the core's :class:`openpes.register.Record` and handed to the core exporters. Every export
and every publication is read outside the oversight role, so its live facts are in public
form (:func:`openpes.register.public_record`: no group or rate over fewer than 10 people). Annex IV
is assembled here from what the system holds: the model card and training report of the
installed model, the audits and monitors, the oversight measures in force, the log
retention, the record's change history and the monitoring plan. It is in public form too
unless ``full=True``, which only an oversight officer asks for: on ``/register/``
(``perms.sees_full_figures``) or with the CLI's ``--full-figures --as USER``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, ngettext

from openpes import register as core
from openpes import reports
from openpes.errors import InputError
from openpes.fairness import verdict_text
from openpes.i18n import LANGUAGES
from openpes.profiling import card_document
from openpes.web.register.enums import SystemKind
from openpes.web.register.live import oversight_facts
from openpes.web.register.models import Publication, RegisterRecord
from openpes.web.register.selectors import (
    fria_core,
    installed_model,
    live_facts,
    record_core,
    record_versions,
)

# Its refusals are translated in the web register's catalogue (Django is set up in the CLI too).
_ = gettext_lazy

#: The export formats: (media type, file extension).
FORMATS: dict[str, tuple[str, str]] = {
    "nl-algoritmeregister": ("application/json", "json"),
    "nl-algoritmeregister-csv": ("text/csv", "csv"),
    "atrs": ("application/json", "json"),
    "atrs-html": ("text/html", "html"),
    "annex-viii": ("application/json", "json"),
    "json": ("application/json", "json"),
}
DOCUMENT_FORMATS: dict[str, tuple[str, str]] = {
    "html": ("text/html", "html"),
    "md": ("text/markdown", "md"),
    "json": ("application/json", "json"),
}


@dataclass(frozen=True)
class Export:
    content: str
    media_type: str
    extension: str


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _check(value: str, allowed: dict[str, Any], option: str) -> None:
    if value not in allowed:
        raise InputError(
            _("{option} must be one of {choices}, got {value!r}").format(
                option=option, choices=", ".join(allowed), value=value
            ),
            column=option,
        )


def check_language(language: str) -> str:
    _check(language, {code: None for code in LANGUAGES}, "--lang")
    return language


def record_export(
    record: RegisterRecord | core.Record, *, format: str, language: str = "en"
) -> Export:
    """One record in one export format (live facts read now for a database record), with
    its live facts in public form."""
    _check(format, FORMATS, "--format")
    check_language(language)
    fria = fria_core(record) if isinstance(record, RegisterRecord) else None
    data = core.public_record(record_core(record) if isinstance(record, RegisterRecord) else record)
    media_type, extension = FORMATS[format]
    if format == "nl-algoritmeregister":
        content = _json(core.to_nl_algoritmeregister(data))
    elif format == "nl-algoritmeregister-csv":
        content = core.nl_csv([core.to_nl_algoritmeregister(data)])
    elif format == "atrs":
        content = _json(core.to_atrs(data, language=language))
    elif format == "atrs-html":
        content = reports.to_html(core.atrs_document(data, language=language))
    elif format == "annex-viii":
        content = _json(core.to_annex_viii(data, fria=fria, language=language))
    else:
        content = _json(core.record_to_dict(data))
    return Export(content, media_type, extension)


def publication_record(publication: Publication) -> core.Record:
    """The frozen record of a publication, with the live facts of its day in public form.

    The filter is applied on every read, not only when publishing, so a publication stored
    before the rule (or by hand) cannot show a small group either.
    """
    return core.public_record(core.record_from_dict(publication.snapshot))


def _ev(text: str, source: str, date: str) -> core.Evidence:
    return core.Evidence(text, source, date)


def annex_iv_for(
    record: RegisterRecord, *, language: str = "en", full: bool = False
) -> core.AnnexIV:
    """Annex IV for one record, each statement with its source and date.

    The live facts are in public form (no group of fewer than 10 people, no rate over
    fewer than 10 decisions, and a statement that says so) unless ``full`` is true: for the
    oversight role only.
    """
    check_language(language)
    with translation.override(language):
        return _annex_iv_for(record, language, full=full)


def _annex_iv_for(record: RegisterRecord, language: str, *, full: bool) -> core.AnnexIV:
    today = timezone.localdate().isoformat()
    live = live_facts(record)
    if not full:
        live = core.public_live(live)
    data = record_core(record, live=live)
    card = report = None
    audits: list[core.Evidence] = []
    if record.kind == SystemKind.SUPPORT_NEEDS:
        loaded = installed_model()
        if loaded is not None:
            model, _sha = loaded
            card, report = card_document(model, language=language), model.report  # type: ignore[arg-type]
            audits.append(
                _ev(
                    gettext("Fairness audit at training: verdict {verdict}.").format(
                        verdict=verdict_text(report.test.verdict, language)
                    ),
                    gettext("training report"),
                    report.created[:10],
                )
            )
    facts = oversight_facts(record.system)
    na = gettext("not available yet")
    if live.audit_date and facts and facts.get("latest_audit"):
        audits.append(
            _ev(core.live_lines(live, language)[2], gettext("oversight monitors"), live.audit_date)
        )
    monitors = [
        _ev(
            f"{m.monitor}: {verdict_text(m.verdict, language)}",
            gettext("oversight monitors"),
            m.checked,
        )
        for m in (live.monitor_verdicts or ())
    ]
    oversight = [
        _ev(
            gettext(
                "Counsellor first: the counsellor's own assessment is recorded before the "
                "output is shown."
            ),
            gettext("counselling app"),
            today,
        ),
        _ev(
            gettext("Stop switch: {value}").format(
                value=gettext("an oversight officer can pause the system")
                if facts is not None
                else na
            ),
            gettext("oversight app"),
            today,
        ),
        _ev(
            gettext("Alert rules: {value}").format(value=(facts or {}).get("alert_rules") or na),
            gettext("oversight app"),
            today,
        ),
    ]
    retention_days = getattr(settings, "OPENPES_LOG_RETENTION_DAYS", None)
    retention = _ev(
        gettext(
            "Every read of a person's record and every decision is kept in a hash-chained "
            "audit trail for {days}."
        ).format(
            days=ngettext("{n} day", "{n} days", retention_days).format(n=retention_days)
            if retention_days
            else gettext("at least six months (Art. 26(6))")
        ),
        gettext("audit trail settings"),
        today,
    )
    changes = [
        _ev(
            gettext("Version {number}: changed {fields}.").format(
                number=v.number, fields=", ".join(v.changed_fields) or "—"
            ),
            gettext("audit trail"),
            v.changed_at.date().isoformat(),
        )
        for v in record_versions(record=record)[:20]
    ]
    plan = [
        _ev(
            gettext("Monitoring plan: {value}").format(
                value=(facts or {}).get("monitoring_plan") or na
            ),
            gettext("oversight app"),
            today,
        )
    ]
    return core.annex_iv(
        data,
        card=card,
        report=report,
        audits=audits,
        monitors=monitors,
        oversight=oversight,
        log_retention=retention,
        changes=changes,
        monitoring_plan=plan,
        language=language,
    )


def annex_iv_export(
    record: RegisterRecord, *, format: str, language: str = "en", full: bool = False
) -> Export:
    """Annex IV as a file; ``full`` as for :func:`annex_iv_for` (oversight use only)."""
    _check(format, DOCUMENT_FORMATS, "--format")
    media_type, extension = DOCUMENT_FORMATS[format]
    annex = annex_iv_for(record, language=language, full=full)
    return Export(core.annex_iv_export(annex, format=format), media_type, extension)  # type: ignore[arg-type]


def fria_export(record: RegisterRecord, *, format: str, language: str = "en") -> Export:
    _check(format, DOCUMENT_FORMATS, "--format")
    check_language(language)
    fria = fria_core(record)
    if fria is None:
        raise InputError(_("no fundamental rights impact assessment is recorded for this system"))
    media_type, extension = DOCUMENT_FORMATS[format]
    return Export(
        core.fria_export(fria, format=format, language=language),  # type: ignore[arg-type]
        media_type,
        extension,
    )
