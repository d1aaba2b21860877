"""The UK Algorithmic Transparency Recording Standard (ATRS) v3.0 record.

ATRS has no official JSON schema; the JSON here keeps the template's attribute names and
groups them as the template does (metadata and title, tier 1, then tier 2 by section),
because two attributes share the name ``phase``. :func:`atrs_document` is the same record
as a readable page through :mod:`openpes.reports`.
"""

from __future__ import annotations

from typing import Any

from openpes import reports
from openpes.i18n import translator
from openpes.register._live import group_lines, live_texts, not_available
from openpes.register._record import Record, localised
from openpes.register._standard import atrs_fields

__all__ = ["atrs_document", "atrs_section_key", "to_atrs", "validate_atrs"]


def atrs_section_key(section: str) -> str:
    """The JSON key of a tier-2 section, its title in snake case.

    Examples
    --------
    >>> atrs_section_key("Risks, mitigations and impact assessments")
    'risks_mitigations_and_impact_assessments'
    """
    return "_".join(section.lower().replace(",", "").replace("-", " ").split())


def _values(record: Record, language: str) -> dict[str, dict[str, Any]]:
    _ = translator("openpes.register", language).gettext
    t = language
    na = not_available(language)
    live = record.live
    lines = live_texts(live, t)

    def text(name: str) -> str:
        return localised(getattr(record, name), t)

    phase = {
        "in_development": _("Pre-deployment"),
        "in_use": _("Production"),
        "out_of_use": _("Retired"),
    }[record.status]
    data_names = "; ".join(localised(d.name, t) for d in record.data)
    protected = [d for d in record.data if d.protected]
    sensitive = (
        "; ".join(f"{localised(d.name, t)}: {localised(d.why, t)}" for d in protected)
        if protected
        else _("None.")
    )
    supplier = bool(record.supplier)
    risks = " ".join(
        _("{risk} Mitigation: {mitigation}").format(
            risk=localised(r.risk, t), mitigation=localised(r.mitigation, t)
        )
        for r in record.risks
    )
    performance = " ".join([lines["audit"]] + group_lines(live, t)) or na
    impact = " ".join(
        filter(
            None,
            [
                localised(record.dpia_summary, t),
                _("DPIA: {url}").format(url=record.dpia_url) if record.dpia_url else "",
                _("FRIA: {url}").format(url=record.fria_url) if record.fria_url else "",
            ],
        )
    )
    updated = (live.last_change if live else None) or record.updated
    archived = record.end_date if record.status == "out_of_use" else None
    return {
        "": {
            "id": record.version,
            "standard_version": "3.0",
            "organisation_type": _("Public employment service"),
            "function": _("Employment and benefits"),
            "capability": _("Decision support"),
            "task": text("purpose"),
            "tags": ", ".join(record.tags) or text("name"),
            "date_of_completion": (record.updated or "")[:10] or None,
            "date_updated": (updated or "")[:10] or None,
            "date_archived": archived,
            "title": text("name"),
            "organisation_name": record.organisation,
            "phase": phase,
            "region": record.organisation_address or na,
            "one_sentence_description": text("purpose"),
        },
        "tier_1": {
            "name": text("name"),
            "description": text("purpose"),
            "website_url": record.website,
            "contact_email": record.contact_email,
        },
        "Owner and Responsibility": {
            "organisation_or_department": record.organisation,
            "team": record.owner_team,
            "senior_responsible_owner": record.senior_responsible_owner,
            "external_supplier_involvement": _("Yes") if supplier else _("No"),
            "external_supplier": record.supplier or None,
            "companies_house_number": None,
            "external_supplier_role": localised(record.supplier_role, t) or None,
            "procurement_procedure_type": None,
            "data_access_terms": None,
        },
        "Description and Rationale": {
            "detailed_description": text("methods"),
            "scope": text("purpose"),
            "benefit": text("proportionality") or na,
            "previous_process": None,
            "alternatives_considered": None,
        },
        "Decision-making Process": {
            "process_integration": text("oversight"),
            "provided_information": text("purpose"),
            "frequency_and_scale_of_usage": lines["overrides"],
            "human_decisions_and_review": " ".join(
                [text("oversight"), lines["overrides"], lines["reviews"]]
            ),
            "required_training": _(
                "Every counsellor completes the AI literacy course for this system "
                "(EU AI Act Art. 4) before seeing its output."
            ),
            "appeals_and_review": _(
                "A person can ask for an explanation and a human review at any time, "
                "online or through their counsellor."
            ),
        },
        "Tool Specification": {
            "system_architecture": text("methods") or na,
            "phase": phase,
            "maintenance": " ".join([lines["monitors"], lines["alerts"]]),
            "models": lines["model"],
        },
        "Model Specification": {
            "model_name": text("name"),
            "model_version": (live.model_version if live else None) or na,
            "model_task": text("purpose"),
            "model_input": data_names or na,
            "model_output": text("purpose"),
            "model_architecture": text("methods") or na,
            "model_performance": performance,
            "datasets": lines["training"],
            "dataset_purposes": _("Training, calibration and a held-out test of fairness."),
        },
        "Data Specification": {
            "source_data_name": data_names or na,
            "data_modality": _("Tabular"),
            "data_description": text("data_description") or na,
            "data_quantities": lines["training"],
            "sensitive_attributes": sensitive,
            "data_completeness_and_representativeness": performance,
            "source_data_url": "; ".join(d.url for d in record.data if d.url) or na,
            "data_collection": "; ".join(localised(d.source, t) for d in record.data) or na,
            "data_cleaning": None,
            "data_sharing_agreements": _("None: the data stay with the organisation."),
            "data_access_and_storage": _(
                "Only counsellors of the person's caseload see their record; every read is "
                "written to a tamper-evident audit trail."
            ),
        },
        "Risks, mitigations and impact assessments": {
            "impact_assessment": impact or na,
            "risks_and_mitigations": risks or na,
        },
    }


def to_atrs(record: Record, *, language: str = "en") -> dict[str, Any]:
    """The record as an ATRS v3.0 record: every tier-1 and tier-2 attribute by its name.

    Optional attributes with nothing to say are ``null``; so is ``date_archived`` while
    the system is in use.

    Examples
    --------
    >>> from openpes.register import Record
    >>> data = to_atrs(Record("m", {"en": "Matching"}, {"en": "Suggests vacancies"}))
    >>> data["standard_version"], sorted(data["tier_1"]), len(data["tier_2"])
    ('3.0', ['contact_email', 'description', 'name', 'website_url'], 7)
    """
    values = _values(record, language)
    out: dict[str, Any] = dict(values[""])
    out["tier_1"] = values["tier_1"]
    out["tier_2"] = {
        atrs_section_key(section): attributes
        for section, attributes in values.items()
        if section not in ("", "tier_1")
    }
    return out


def _flatten(data: dict[str, Any]) -> dict[tuple[str, str], Any]:
    flat = {("", k): v for k, v in data.items() if k not in ("tier_1", "tier_2")}
    flat.update({("tier_1", k): v for k, v in data.get("tier_1", {}).items()})
    for section, attributes in data.get("tier_2", {}).items():
        flat.update({(section, k): v for k, v in attributes.items()})
    return flat


def _where(field: Any) -> str:
    if field.tier is None:
        return ""
    return "tier_1" if field.tier == 1 else atrs_section_key(field.section)


def validate_atrs(data: dict[str, Any]) -> list[str]:
    """The ATRS attributes missing from ``data``, or required but empty (``[]`` if complete).

    ``date_archived`` may be empty while the system is still in use.

    Examples
    --------
    >>> from openpes.register import Record
    >>> validate_atrs(to_atrs(Record("m", {"en": "M"}, {"en": "P"}, updated="2026-01-02")))[:2]
    ['organisation_name', 'website_url']
    """
    flat = _flatten(data)
    problems = []
    for field in atrs_fields():
        key = (_where(field), field.name)
        empty = key in flat and flat[key] in (None, "")
        if key not in flat or (field.required and field.name != "date_archived" and empty):
            problems.append(field.name)
    return problems


def atrs_document(record: Record, *, language: str = "en") -> reports.Document:
    """The ATRS record as a readable page: one section per part of the template.

    Examples
    --------
    >>> from openpes.register import Record
    >>> doc = atrs_document(Record("m", {"en": "Matching"}, {"en": "Suggests vacancies"}))
    >>> [s.id for s in doc.sections][:2]
    ['metadata', 'tier_1']
    """
    _ = translator("openpes.register", language).gettext
    data = to_atrs(record, language=language)
    flat = _flatten(data)
    sections: dict[str, list[list[str]]] = {}
    titles = {"": _("Metadata and title"), "tier_1": _("Tier 1: summary")}
    # Written out so that the catalogue extraction finds every section title.
    section_titles = {
        "Owner and Responsibility": _("Owner and responsibility"),
        "Description and Rationale": _("Description and rationale"),
        "Decision-making Process": _("Decision-making process"),
        "Tool Specification": _("Tool specification"),
        "Model Specification": _("Model specification"),
        "Data Specification": _("Data specification"),
        "Risks, mitigations and impact assessments": _("Risks, mitigations and impact assessments"),
    }
    for field in atrs_fields():
        where = _where(field)
        value = flat.get((where, field.name))
        sections.setdefault(where, []).append(
            [f"{field.ref} {field.name}", "—" if value in (None, "") else str(value)]
        )
        if field.tier == 2:
            titles.setdefault(
                where, _("Tier 2: {section}").format(section=section_titles[field.section])
            )
    headers = [_("Attribute"), _("Value")]
    return reports.Document(
        title=_("Algorithmic transparency record: {name}").format(name=data["title"]),
        language=language,
        navigation=True,
        sections=[
            reports.Section(
                titles[where],
                [reports.Table(titles[where], headers, rows)],
                id=where or "metadata",
                reference="ATRS v3.0",
            )
            for where, rows in sections.items()
        ],
    )
