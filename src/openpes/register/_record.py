"""A register record: what one AI system is for, who answers for it, and what is true now.

The record is data. Free text is held per language (``{"en": ..., "nl": ...}``) because a
register publishes in its own language (the Dutch register in Dutch); fixed texts come from
the translation catalogue when a record is exported. :class:`LiveFacts` are the figures the
running system knows (model version, training data, audits, monitors, overrides): they are
filled by the web app, never typed by a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, get_args

__all__ = [
    "THEMES",
    "DataCategory",
    "GroupPerformance",
    "Link",
    "LiveFacts",
    "MonitorVerdict",
    "PublicationCategory",
    "Record",
    "Risk",
    "Status",
    "Text",
    "Theme",
    "localised",
]

#: Free text in several languages, keyed by language code.
Text: TypeAlias = Mapping[str, str]
Status = Literal["in_development", "in_use", "out_of_use"]
#: The Dutch register's three publication categories (high-risk AI, impactful, other).
PublicationCategory = Literal["high_risk_ai", "impactful", "other"]
Theme = Literal[
    "organisation",
    "culture",
    "economy",
    "public_finance",
    "housing",
    "international",
    "migration",
    "environment",
    "education",
    "public_order",
    "law",
    "infrastructure",
    "social_security",
    "traffic",
    "work",
    "health",
]
#: Every theme, in the order of the Dutch standard's ``category`` list (the Literal's order).
THEMES: tuple[Theme, ...] = get_args(Theme)


def localised(text: Text | None, language: str) -> str:
    """``text`` in ``language``, else in English, else in any language it has.

    Examples
    --------
    >>> localised({"en": "Matching", "nl": "Matchen"}, "nl"), localised({"en": "x"}, "fr")
    ('Matchen', 'x')
    >>> localised({}, "en")
    ''
    """
    if not text:
        return ""
    return text.get(language) or text.get("en") or next(iter(text.values()), "")


def _tuple(value: Iterable[Any] | None) -> tuple[Any, ...]:
    return tuple(value) if value is not None else ()


@dataclass(frozen=True)
class Link:
    """A titled link (a law, a data source, an impact assessment)."""

    title: Text
    url: str


@dataclass(frozen=True)
class DataCategory:
    """One category of data the system uses, where it comes from, and why it is needed.

    ``protected`` marks a protected attribute (GDPR Art. 9, equality law); ``why`` then
    says why it is held (for OpenPES: fairness monitoring only, never as a feature).
    """

    name: Text
    source: Text
    protected: bool = False
    why: Text = field(default_factory=dict)
    url: str = ""


@dataclass(frozen=True)
class Risk:
    """A risk and how it is mitigated."""

    risk: Text
    mitigation: Text


@dataclass(frozen=True)
class GroupPerformance:
    """The latest audit's figures for one group (rates are shares, ``None`` if unknown)."""

    attribute: str
    group: str
    n: int
    selection_rate: float | None = None
    false_positive_rate: float | None = None
    false_negative_rate: float | None = None


@dataclass(frozen=True)
class MonitorVerdict:
    """The latest verdict of one oversight monitor."""

    monitor: str
    verdict: str
    checked: str


@dataclass(frozen=True)
class LiveFacts:
    """What the running system knows about an AI system, at ``as_of``.

    A value of ``None`` means the system does not know it (for example no oversight
    monitors are installed yet); exporters then say "not available" instead of guessing.
    ``groups_withheld`` and ``rates_withheld`` are set by :func:`public_live`, which takes
    out what is too small to publish; exporters then say that something was left out.
    """

    as_of: str
    model_version: str | None = None
    model_sha256: str | None = None
    training_rows: int | None = None
    training_period: tuple[str, str] | None = None
    audit_date: str | None = None
    audit_verdict: str | None = None
    groups: Sequence[GroupPerformance] = ()
    monitor_verdicts: Sequence[MonitorVerdict] | None = None
    open_alerts: int | None = None
    pauses: int | None = None
    paused: bool | None = None
    decisions: int | None = None
    override_rate: float | None = None
    review_requests: int | None = None
    review_rate: float | None = None
    last_change: str | None = None
    groups_withheld: int = 0
    rates_withheld: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "groups", _tuple(self.groups))
        if self.monitor_verdicts is not None:
            object.__setattr__(self, "monitor_verdicts", _tuple(self.monitor_verdicts))


@dataclass(frozen=True)
class Record:
    """One AI system's register record.

    ``supplier`` empty means the organisation built the system itself. Dates are
    ``YYYY-MM`` (the Dutch standard's month precision) and ``updated`` is ISO 8601.

    Examples
    --------
    >>> record = Record("matching", {"en": "Job matching"}, {"en": "Suggests vacancies"},
    ...                 organisation="PES", contact_email="ai@pes.example")
    >>> record.status, record.in_house
    ('in_use', True)
    """

    id: str
    name: Text
    purpose: Text
    forbidden_uses: Text = field(default_factory=dict)
    status: Status = "in_use"
    begin_date: str | None = None
    end_date: str | None = None
    organisation: str = ""
    organisation_address: str = ""
    owner_team: str = ""
    senior_responsible_owner: str = ""
    contact_email: str = ""
    website: str = ""
    supplier: str = ""
    supplier_role: Text = field(default_factory=dict)
    publication_category: PublicationCategory = "high_risk_ai"
    themes: Sequence[Theme] = ("work", "social_security")
    lawful_basis: Text = field(default_factory=dict)
    lawful_basis_links: Sequence[Link] = ()
    data_description: Text = field(default_factory=dict)
    data: Sequence[DataCategory] = ()
    oversight: Text = field(default_factory=dict)
    risks: Sequence[Risk] = ()
    proportionality: Text = field(default_factory=dict)
    methods: Text = field(default_factory=dict)
    dpia_url: str = ""
    dpia_summary: Text = field(default_factory=dict)
    fria_url: str = ""
    eu_database_url: str = ""
    declaration_of_conformity_url: str = ""
    source_code_url: str = ""
    submitter_name: str = ""
    submitter_contact: str = ""
    tags: Sequence[str] = ()
    version: int = 1
    updated: str = ""
    live: LiveFacts | None = None

    def __post_init__(self) -> None:
        for name in ("themes", "lawful_basis_links", "data", "risks", "tags"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))

    @property
    def in_house(self) -> bool:
        """True when the organisation built the system itself."""
        return not self.supplier
