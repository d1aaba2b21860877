"""What the register's pages show, as plain values (no ORM rows in templates)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from openpes.i18n import LocalisedText
from openpes.oversight import describe_group
from openpes.register import LiveFacts, Record, fria_reason_text, live_lines, localised, public_live
from openpes.web.register.exports import publication_record
from openpes.web.register.models import Publication, RegisterRecord
from openpes.web.register.selectors import (
    error_reports_open,
    frias_flagged,
    live_facts,
    publications_current,
    record_list,
)

#: Public downloads of a publication: (format, label). Labels are translated at use.
PUBLIC_FORMATS = ("nl-algoritmeregister", "nl-algoritmeregister-csv", "atrs", "atrs-html", "json")


def _format_label(fmt: str) -> str:
    return {
        "nl-algoritmeregister": _("Dutch algorithm register (JSON)"),
        "nl-algoritmeregister-csv": _("Dutch algorithm register (CSV)"),
        "atrs": _("UK transparency record (JSON)"),
        "atrs-html": _("UK transparency record (web page)"),
        "json": _("Full record (JSON)"),
        "annex-viii": _("EU AI Act Annex VIII Section C (JSON)"),
    }[fmt]


@dataclass(frozen=True)
class GroupRow:
    attribute: str
    group: str
    #: The group in words, for the public ("Women", not ``sex=female``); the downloads keep codes.
    label: str
    n: int
    selection: str
    missed: str


@dataclass(frozen=True)
class PublicSystem:
    pk: int
    name: str
    purpose: str
    never: str
    oversight: str
    published: str
    version: int
    downloads: list[tuple[str, str]]
    audit: str
    groups: list[GroupRow] = field(default_factory=list)
    hidden_groups: int = 0


def _percent(value: float | None, language: str) -> str:
    return LocalisedText("openpes.register", language).percent(value, 0)


def _fairness(live: LiveFacts | None, language: str) -> tuple[str, list[GroupRow], int]:
    # ``live`` is a publication's, already in public form (small groups taken out).
    if live is None:
        return "", [], 0
    rows = [
        GroupRow(
            g.attribute,
            g.group,
            describe_group(g.attribute, g.group, language),
            g.n,
            _percent(g.selection_rate, language),
            _percent(g.false_negative_rate, language),
        )
        for g in live.groups
    ]
    audit = live_lines(live, language)[2] if live.audit_date else ""
    return audit, rows, live.groups_withheld


def public_system(publication: Publication, language: str) -> PublicSystem:
    record: Record = publication_record(publication)
    audit, groups, hidden = _fairness(record.live, language)
    return PublicSystem(
        pk=publication.pk,
        name=localised(record.name, language),
        purpose=localised(record.purpose, language),
        never=localised(record.forbidden_uses, language),
        oversight=localised(record.oversight, language),
        published=publication.published_at.date().isoformat(),
        version=publication.version,
        downloads=[
            (_format_label(fmt), reverse("public_ai_download", args=[publication.pk, fmt]))
            for fmt in PUBLIC_FORMATS
        ],
        audit=audit,
        groups=groups,
        hidden_groups=hidden,
    )


def public_systems(language: str) -> list[PublicSystem]:
    return [public_system(p, language) for p in publications_current()]


@dataclass(frozen=True)
class AdminRecord:
    system: str
    name: str
    kind: str
    status: str
    version: int
    live: list[str]
    exports: list[tuple[str, str]]
    documents: list[tuple[str, str]]
    publication: int | None
    published: str


def admin_records(language: str, *, full: bool = False) -> list[AdminRecord]:
    """The register page's records; the live facts in public form unless ``full`` (the
    oversight officer, ``perms.sees_full_figures``)."""
    published = {p.record_id: p for p in publications_current()}
    rows = []
    for record in record_list():
        live = live_facts(record)
        if not full:
            live = public_live(live)
        current = published.get(record.pk)
        rows.append(
            AdminRecord(
                system=record.system,
                name=localised(record.name, language),
                kind=record.get_kind_display(),
                status=record.get_status_display(),
                version=record.version,
                live=live_lines(live, language),
                exports=[
                    (_format_label(fmt), reverse("register_export", args=[record.system, fmt]))
                    for fmt in (*PUBLIC_FORMATS, "annex-viii")
                ],
                documents=[
                    (label, reverse("register_document", args=[record.system, doc, fmt]))
                    for doc, label in (
                        ("annex-iv", _("Technical documentation (Annex IV)")),
                        ("fria", _("Fundamental rights impact assessment")),
                    )
                    for fmt in ("html",)
                ],
                publication=current.pk if current else None,
                published=current.published_at.date().isoformat() if current else "",
            )
        )
    return rows


def open_reports() -> list[dict[str, object]]:
    return [
        {
            "pk": r.pk,
            "system": r.record.system,
            "message": r.message,
            "contact": r.contact,
            "created": r.created_at.date().isoformat(),
        }
        for r in error_reports_open()
    ]


def record_choices() -> list[RegisterRecord]:
    return list(record_list())


__all__ = [
    "AdminRecord",
    "PublicSystem",
    "admin_records",
    "open_reports",
    "public_systems",
]


def frias_flagged_view(language: str) -> list[tuple[str, list[str]]]:
    """(record name, reasons in words) of every flagged FRIA, for the oversight dashboard."""
    names = {r.system: localised(r.name, language) for r in record_list()}
    return [
        (names.get(system, system), [fria_reason_text(r, language=language) for r in reasons])
        for system, reasons in frias_flagged()
    ]
