"""A fundamental-rights impact assessment (EU AI Act Art. 27), elements (a) to (f).

Each risk to a group of people is scored severity x likelihood (1 to 4 each) and given a
priority, as in the Danish Institute for Human Rights / ECNL template: the priority
orders the mitigation work, it does not say which harm is acceptable. Each risk names the
oversight monitor that watches it and the complaint route people can use.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from openpes import reports
from openpes.errors import InputError
from openpes.i18n import messages, translator
from openpes.register._fria_reasons import fria_reason_text
from openpes.register._record import Text, localised

__all__ = [
    "ELEMENTS",
    "Fria",
    "FriaFormat",
    "FriaRisk",
    "Priority",
    "fria_document",
    "fria_export",
    "fria_summary",
    "risk_priority",
]

_ = messages("openpes.register")

Priority = Literal["low", "medium", "high"]
FriaFormat = Literal["html", "md", "json"]
_TONES: dict[str, reports.Tone] = {"high": "fail", "medium": "warn", "low": "pass"}
#: Art. 27(1) (a)-(f), the keys of :attr:`Fria.elements`.
ELEMENTS: tuple[str, ...] = ("a", "b", "c", "d", "e", "f")


def risk_priority(severity: int, likelihood: int) -> Priority:
    """The priority of a risk from its severity and likelihood (each 1 to 4).

    Severe harms stay a priority even when unlikely: a very serious harm (4) is never
    low, and a product of 9 or more is high.

    Examples
    --------
    >>> risk_priority(1, 1), risk_priority(2, 3), risk_priority(4, 1), risk_priority(3, 3)
    ('low', 'medium', 'medium', 'high')
    """
    for name, value in (("severity", severity), ("likelihood", likelihood)):
        if not isinstance(value, int) or not 1 <= value <= 4:
            raise InputError(
                _("{name} must be a whole number from 1 to 4, got {value!r}").format(
                    name=name, value=value
                ),
                column=name,
            )
    score = severity * likelihood
    if score >= 9:
        return "high"
    if score >= 4 or severity == 4:
        return "medium"
    return "low"


@dataclass(frozen=True)
class FriaRisk:
    """A specific risk of harm to a group (Art. 27(1)(d)) and what answers it."""

    group: Text
    harm: Text
    severity: int
    likelihood: int
    mitigation: Text = field(default_factory=dict)
    monitor: str = ""
    complaint_route: str = ""

    @property
    def priority(self) -> Priority:
        return risk_priority(self.severity, self.likelihood)


@dataclass(frozen=True)
class Fria:
    """The assessment: Art. 27(1)'s elements as per-language text, the risks, the flag.

    ``flagged`` holds the reasons it must be updated (Art. 27(2)): a linked monitor's
    alert, a new model version, a new group affected.
    """

    system: str
    elements: dict[str, Text]
    risks: Sequence[FriaRisk] = ()
    updated: str = ""
    flagged: Sequence[str] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "risks", tuple(self.risks))
        object.__setattr__(self, "flagged", tuple(self.flagged))


def _element_titles(language: str) -> dict[str, str]:
    _ = translator("openpes.register", language).gettext
    return {
        "a": _("(a) The processes in which the system is used"),
        "b": _("(b) Period and frequency of use"),
        "c": _("(c) Categories of people and groups likely to be affected"),
        "d": _("(d) Specific risks of harm to those groups"),
        "e": _("(e) Human oversight measures"),
        "f": _("(f) Measures if the risks materialise, governance and complaints"),
    }


def _priority_label(priority: str, language: str) -> str:
    _ = translator("openpes.register", language).gettext
    return {"low": _("low"), "medium": _("medium"), "high": _("high")}[priority]


def _reasons(fria: Fria, language: str) -> list[str]:
    return [fria_reason_text(r, language=language) for r in fria.flagged]


def _reasons_in_a_line(fria: Fria, language: str) -> str:
    # The separator is the language's: French writes a no-break space before the ";".
    _ = translator("openpes.register", language).gettext
    # TRANSLATORS: between two reasons in a line, as in "reason one; reason two".
    return _("; ").join(_reasons(fria, language))


def fria_document(fria: Fria, *, language: str = "en") -> reports.Document:
    """The FRIA as a document, one section per element, risks in a table under (d).

    Examples
    --------
    >>> risk = FriaRisk({"en": "Women"}, {"en": "Under-support"}, 3, 3)
    >>> f = Fria("m", {"a": {"en": "Counselling"}}, [risk])
    >>> doc = fria_document(f)
    >>> [s.id for s in doc.sections]
    ['a', 'b', 'c', 'd', 'e', 'f']
    """
    _ = translator("openpes.register", language).gettext
    titles = _element_titles(language)
    lead: list[reports.Block] = []
    if fria.flagged:
        # One reason an item: a list reads better than a line of them in HTML and Markdown.
        lead.append(
            reports.Paragraph(_("This assessment must be updated (Art. 27(2)):"), tone="warning")
        )
        lead.append(reports.BulletList(_reasons(fria, language), tone="warning"))
    sections = []
    for key in ELEMENTS:
        blocks: list[reports.Block] = [
            reports.Paragraph(localised(fria.elements.get(key), language) or "—")
        ]
        if key == "d" and fria.risks:
            rows: list[list[reports.Cell | str]] = [
                [
                    localised(r.group, language),
                    localised(r.harm, language),
                    reports.Cell(str(r.severity), numeric=True),
                    reports.Cell(str(r.likelihood), numeric=True),
                    reports.Cell(
                        _priority_label(r.priority, language),
                        tone=_TONES[r.priority],
                    ),
                    localised(r.mitigation, language) or "—",
                    r.monitor or "—",
                    r.complaint_route or "—",
                ]
                for r in fria.risks
            ]
            headers = [
                _("Group"),
                _("Harm"),
                _("Severity (1-4)"),
                _("Likelihood (1-4)"),
                _("Priority"),
                _("Mitigation"),
                _("Monitor"),
                _("Complaint route"),
            ]
            blocks.append(reports.Table(_("Risks by priority"), headers, rows))
        sections.append(
            reports.Section(titles[key], blocks, id=key, reference="EU AI Act Art. 27(1)")
        )
    return reports.Document(
        title=_("Fundamental rights impact assessment: {system}").format(system=fria.system),
        language=language,
        sections=sections,
        lead=lead,
        navigation=True,
    )


def fria_summary(fria: Fria | None, *, language: str = "en") -> str:
    """A one-paragraph summary of the findings, for Annex VIII Section C.

    Examples
    --------
    >>> fria_summary(Fria("m", {}, [FriaRisk({"en": "Women"}, {"en": "x"}, 3, 3)]))
    'Fundamental rights impact assessment: 1 risk assessed (1 high, 0 medium, 0 low).'
    """
    texts = translator("openpes.register", language)
    _ = texts.gettext
    if fria is None:
        return _("No fundamental rights impact assessment recorded yet.")
    counts = {p: sum(r.priority == p for r in fria.risks) for p in ("high", "medium", "low")}
    text = texts.ngettext(
        "Fundamental rights impact assessment: {n} risk assessed "
        "({high} high, {medium} medium, {low} low).",
        "Fundamental rights impact assessment: {n} risks assessed "
        "({high} high, {medium} medium, {low} low).",
        len(fria.risks),
    ).format(n=len(fria.risks), **counts)
    if fria.flagged:
        text += " " + _("Flagged for update: {reasons}").format(
            reasons=_reasons_in_a_line(fria, language)
        )
    return text


def fria_export(fria: Fria, *, format: FriaFormat, language: str = "en") -> str:
    """The FRIA as HTML, Markdown or JSON (JSON adds each risk's computed priority).

    Examples
    --------
    >>> f = Fria("m", {"a": {"en": "x"}}, [FriaRisk({"en": "g"}, {"en": "h"}, 2, 2)])
    >>> json.loads(fria_export(f, format="json"))["risks"][0]["priority"]
    'medium'
    """
    if format == "json":
        data: dict[str, Any] = asdict(fria)
        data["risks"] = [{**asdict(r), "priority": r.priority} for r in fria.risks]
        return json.dumps(data, ensure_ascii=False, indent=2)
    document = fria_document(fria, language=language)
    if format == "html":
        return reports.to_html(document)
    if format == "md":
        return reports.to_markdown(document)
    raise InputError(
        _("format must be html, md or json, got {value!r}").format(value=format), column="format"
    )
