"""The Dutch Algoritmeregister export: publication standard 1.0 as JSON, and its CSV.

The register publishes in Dutch, so the export is written in Dutch: the record's Dutch
free text (English where it has none yet) and the catalogue's Dutch fixed texts. Every
export goes through :func:`validate_nl_algoritmeregister`, so a record that would break
the standard is refused here, naming the field and the limit, and never uploaded.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpes.i18n import translator
from openpes.register._live import group_lines, live_texts
from openpes.register._record import THEMES, Record, localised
from openpes.register._standard import nl_fields
from openpes.register._validate import validate_nl_algoritmeregister

__all__ = ["NL_LANGUAGE", "nl_csv", "to_nl_algoritmeregister"]

#: The register's language code (ISO 639-3) and the language of its texts.
NL_LANGUAGE = "nld"
_TEXT_LANGUAGE = "nl"

_STATUS = {
    "in_development": "In ontwikkeling",
    "in_use": "In gebruik",
    "out_of_use": "Buiten gebruik",
}
_CATEGORY = {
    "high_risk_ai": "Hoog-risico AI-systeem",
    "impactful": "Impactvolle algoritmes",
    "other": "Overige algoritmes",
}


def _themes(record: Record) -> list[str]:
    # The standard's ``category`` values, in the standard's order; THEMES follows it.
    values = next(f for f in nl_fields() if f.name == "category").values
    by_theme = dict(zip(THEMES, values, strict=True))
    return [by_theme[t] for t in THEMES if t in record.themes]


def _p(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""


def _ul(items: Sequence[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items) + "</ul>"


def _text(record: Record, name: str) -> str:
    return localised(getattr(record, name), _TEXT_LANGUAGE)


def _links(links: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"title": title, "link": url} for title, url in links if title and url]


def _build(record: Record, *, publication_date: str | None) -> dict[str, Any]:
    _ = translator("openpes.register", _TEXT_LANGUAGE).gettext
    t = _TEXT_LANGUAGE
    live = live_texts(record.live, t)
    forbidden = _text(record, "forbidden_uses")
    goal = _p(_text(record, "purpose")) + (
        _p(_("It is never used to: {uses}").format(uses=forbidden)) if forbidden else ""
    )
    human = _p(_text(record, "oversight")) + _ul(
        [live[k] for k in ("alerts", "overrides", "reviews")]
    )
    risks = _ul(
        [
            _("{risk} Mitigation: {mitigation}").format(
                risk=localised(r.risk, t), mitigation=localised(r.mitigation, t)
            )
            for r in record.risks
        ]
    )
    data_items = []
    for item in record.data:
        line = _("{name} (source: {source})").format(
            name=localised(item.name, t), source=localised(item.source, t)
        )
        if item.protected:
            line += " " + _("Protected attribute, held because: {why}").format(
                why=localised(item.why, t)
            )
        data_items.append(line)
    impact = [
        (_("Data protection impact assessment (DPIA)"), record.dpia_url),
        (_("Fundamental rights impact assessment (FRIA)"), record.fria_url),
    ]
    methods = (
        _p(_text(record, "methods"))
        + _ul([live[k] for k in ("model", "training", "audit", "monitors")])
        + _ul(group_lines(record.live, t))
    )
    data: dict[str, Any] = {
        "name": _text(record, "name"),
        "description_short": _text(record, "purpose"),
        "organization": record.organisation,
        "category": _themes(record),
        "status": _STATUS[record.status],
        "begin_date": record.begin_date or "",
        "end_date": record.end_date or "",
        "contact_email": record.contact_email,
        "website": record.website,
        "publication_category": _CATEGORY[record.publication_category],
        "url": "",
        "goal": goal,
        "proportionality": _p(_text(record, "proportionality")),
        "human_intervention": human,
        "risks": risks,
        "lawful_basis": _p(_text(record, "lawful_basis")),
        "lawful_basis_grouping": _links(
            (localised(link.title, t), link.url) for link in record.lawful_basis_links
        ),
        "process_index_url": "",
        "impacttoetsen_grouping": [{"title": title, "link": url} for title, url in impact if url],
        "impacttoetsen": _p(localised(record.dpia_summary, t)),
        "source_data": _p(_text(record, "data_description")) + _ul(data_items),
        "source_data_grouping": _links((localised(item.name, t), item.url) for item in record.data),
        "methods_and_models": methods,
        "provider": record.supplier
        or _("In-house ({organisation})").format(organisation=record.organisation),
        "publiccode": record.source_code_url,
        "lang": NL_LANGUAGE,
        "standard_version": "1.0",
        "source_id": record.id,
        "tags": ", ".join(record.tags),
        "lars": "",
        "publication_dt": publication_date or "",
    }
    # Empty optional fields are left out, as the register's own exports do.
    return {k: v for k, v in data.items() if v not in ("", [])}


def to_nl_algoritmeregister(
    record: Record, *, publication_date: str | None = None
) -> dict[str, Any]:
    """The record as a registration following the Dutch publication standard 1.0.

    Parameters
    ----------
    record
        The register record; its live facts are written into the human-intervention,
        methods-and-models texts.
    publication_date
        ``publication_dt`` (ISO date) of a published, frozen copy.

    Raises
    ------
    openpes.errors.InputError
        When the record would break the standard (a text too long, a value not permitted).

    Examples
    --------
    >>> from openpes.register import Record
    >>> record = Record("m", {"en": "Matching", "nl": "Matchen"}, {"nl": "Stelt vacatures voor"},
    ...                 organisation="UWV", contact_email="ai@uwv.example")
    >>> data = to_nl_algoritmeregister(record)
    >>> data["name"], data["status"], data["lang"], data["standard_version"]
    ('Matchen', 'In gebruik', 'nld', '1.0')
    """
    return validate_nl_algoritmeregister(_build(record, publication_date=publication_date))


def _cell(value: Any) -> str:
    if isinstance(value, list):
        # Lists as the register's download writes them: items joined, objects as title|link.
        return "; ".join(
            " | ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
    return str(value)


def nl_csv(registrations: Iterable[dict[str, Any]]) -> str:
    """Registrations as the register's bulk CSV: one column per field, in the standard's order.

    Examples
    --------
    >>> nl_csv([{"name": "A", "category": ["Werk", "Economie"]}]).splitlines()[1][:14]
    'A,,,Werk; Econ'
    """
    names = [f.name for f in nl_fields()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for data in registrations:
        writer.writerow([_cell(data.get(name, "")) for name in names])
    return buffer.getvalue()
