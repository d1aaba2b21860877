"""EU AI Act Annex VIII Section C: registration by a deployer that is a public authority."""

from __future__ import annotations

from typing import Any

from openpes.i18n import translator
from openpes.register._fria import Fria, fria_summary
from openpes.register._live import not_available
from openpes.register._record import Record, localised

__all__ = ["ANNEX_VIII_ITEMS", "to_annex_viii"]

#: Section C's five items (Art. 49(3)), the keys of the export's ``items``.
ANNEX_VIII_ITEMS: tuple[str, ...] = (
    "deployer",
    "submitter",
    "eu_database_url",
    "fria_summary",
    "dpia_summary",
)


def to_annex_viii(
    record: Record, *, fria: Fria | None = None, language: str = "en"
) -> dict[str, Any]:
    """The information a public-authority deployer registers (Art. 49(3), Annex VIII C).

    Items: (1) the deployer's name, address and contact details; (2) those of the person
    submitting; (3) the URL of the provider's entry in the EU database; (4) a summary of
    the FRIA findings (Art. 27); (5) a summary of the DPIA where applicable.

    Examples
    --------
    >>> from openpes.register import Record
    >>> data = to_annex_viii(Record("m", {"en": "M"}, {"en": "P"}, organisation="PES"))
    >>> data["section"], list(data["items"]) == list(ANNEX_VIII_ITEMS)
    ('C', True)
    """
    _ = translator("openpes.register", language).gettext
    na = not_available(language)
    return {
        "regulation": "Regulation (EU) 2024/1689",
        "annex": "VIII",
        "section": "C",
        "article": "49(3)",
        "language": language,
        "system": localised(record.name, language),
        "items": {
            "deployer": {
                "name": record.organisation or na,
                "address": record.organisation_address or na,
                "contact": record.contact_email or na,
            },
            "submitter": {
                "name": record.submitter_name or record.senior_responsible_owner or na,
                "address": record.organisation_address or na,
                "contact": record.submitter_contact or record.contact_email or na,
            },
            "eu_database_url": record.eu_database_url
            or (
                _("Not applicable: the organisation is the system's own provider.")
                if record.in_house
                else na
            ),
            "fria_summary": fria_summary(fria, language=language),
            "dpia_summary": localised(record.dpia_summary, language)
            or (_("DPIA: {url}").format(url=record.dpia_url) if record.dpia_url else na),
        },
    }
