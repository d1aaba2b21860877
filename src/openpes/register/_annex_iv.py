"""EU AI Act Annex IV technical documentation, generated from what the system knows.

Every statement carries its source (the model card, the training report, an audit, a
monitor, the oversight settings, the trail) and its date, so a reader can check it, and
nothing the system knows is typed by hand. :func:`annex_iv` gathers the statements under
Annex IV's nine points; :func:`annex_iv_document` renders them through the report layer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from openpes import reports
from openpes.errors import InputError
from openpes.fairness import verdict_text
from openpes.i18n import LocalisedText, messages, translator
from openpes.register._live import group_lines, live_texts
from openpes.register._record import Record, localised

if TYPE_CHECKING:  # only a type here: importing profiling costs every process start-up
    from openpes.profiling import TrainingReport

__all__ = [
    "AnnexIV",
    "AnnexIVFormat",
    "Evidence",
    "annex_iv",
    "annex_iv_document",
    "annex_iv_export",
]

_ = messages("openpes.register")

AnnexIVFormat = Literal["html", "md", "json"]


@dataclass(frozen=True)
class Evidence:
    """One statement with where it comes from and when it was true."""

    text: str
    source: str
    date: str


@dataclass(frozen=True)
class AnnexIV:
    """The nine points of Annex IV, each a list of statements, in one language."""

    system: str
    language: str
    points: tuple[tuple[Evidence, ...], ...]

    def __post_init__(self) -> None:
        if len(self.points) != 9:
            n = len(self.points)
            # No noun in English, but other languages agree with the count (lv: "saņemti 8").
            raise InputError(
                _.ngettext(
                    "Annex IV has nine points, got {n}", "Annex IV has nine points, got {n}", n
                ).format(n=n)
            )


def _titles(language: str) -> list[str]:
    _ = translator("openpes.register", language).gettext
    return [
        _("1. General description of the AI system"),
        _("2. Elements of the system and its development"),
        _("3. Monitoring, functioning and control"),
        _("4. Appropriateness of the performance metrics"),
        _("5. Risk management system (Art. 9)"),
        _("6. Relevant changes through the lifecycle"),
        _("7. Harmonised standards and other specifications applied"),
        _("8. EU declaration of conformity (Art. 47)"),
        _("9. Post-market monitoring plan (Art. 72)"),
    ]


def _report_evidence(report: TrainingReport | None, language: str) -> list[Evidence]:
    _ = translator("openpes.register", language).gettext
    if report is None:
        return []
    f = LocalisedText("openpes.register", language)
    source, date = _("training report"), report.created[:10]
    split = ", ".join(f"{part}: {rows}" for part, rows in report.split.rows.items())
    return [
        Evidence(
            f.ngettext(
                "Trained on {rows} row ({split}; split {method}), base rate {rate}.",
                "Trained on {rows} rows ({split}; split {method}), base rate {rate}.",
                report.rows,
            ).format(
                rows=report.rows,
                split=split or "—",
                method=report.split.method,
                rate=f.percent(report.base_rate, 1),
            ),
            source,
            date,
        ),
        Evidence(
            f.ngettext(
                "Test part: {n} person, AUC {auc}, Brier score {brier}, calibration error {ece}.",
                "Test part: {n} people, AUC {auc}, Brier score {brier}, calibration error {ece}.",
                report.test.n,
            ).format(
                n=report.test.n,
                auc=f.number(report.test.auc),
                brier=f.number(report.test.brier),
                ece=f.number(report.test.ece, 3),
            ),
            source,
            date,
        ),
        Evidence(
            f.ngettext(
                "Group audit on the test part: verdict {verdict}, {n} disparity beyond policy.",
                "Group audit on the test part: verdict {verdict}, {n} disparities beyond policy.",
                len(report.test.disparities),
            ).format(
                verdict=verdict_text(report.test.verdict, language), n=len(report.test.disparities)
            ),
            source,
            date,
        ),
    ]


def annex_iv(
    record: Record,
    *,
    card: reports.Document | None = None,
    report: TrainingReport | None = None,
    audits: Sequence[Evidence] = (),
    monitors: Sequence[Evidence] = (),
    oversight: Sequence[Evidence] = (),
    log_retention: Evidence | None = None,
    changes: Sequence[Evidence] = (),
    monitoring_plan: Sequence[Evidence] = (),
    language: str = "en",
) -> AnnexIV:
    """Gather the technical documentation's statements under Annex IV's nine points.

    Parameters
    ----------
    record
        The register record (purpose, provider, version, data, risks, live facts).
    card
        The model card (:func:`openpes.profiling.card_document`); each of its sections
        is cited under point 2.
    report
        The model's :class:`~openpes.profiling.TrainingReport`.
    audits, monitors
        The latest fairness audits and oversight-monitor results, with their dates.
    oversight
        The human-oversight measures actually configured (counsellor-first, the stop
        switch, alert rules).
    log_retention
        How long the trail and logs are kept (Art. 12, Art. 26(6)).
    changes
        The change history from the audit trail.
    monitoring_plan
        The monitors' schedule and rules (Art. 72).

    Examples
    --------
    >>> from openpes.register import Record
    >>> record = Record("m", {"en": "Matching"}, {"en": "Suggests"}, updated="2026-01-02")
    >>> doc = annex_iv(record)
    >>> len(doc.points), all(doc.points)
    (9, True)
    """
    _ = translator("openpes.register", language).gettext
    as_of = record.live.as_of if record.live else record.updated[:10]
    reg = _("register record v{version}").format(version=record.version)
    rdate = record.updated[:10]
    live_src = _("running system")
    live = live_texts(record.live, language)
    trained = _report_evidence(report, language)

    def from_record(text: str) -> Evidence:
        return Evidence(text, reg, rdate)

    provider = record.supplier or _("In-house ({organisation})").format(
        organisation=record.organisation
    )
    p1 = [
        from_record(_("Intended purpose: {text}").format(text=localised(record.purpose, language))),
        from_record(
            _("Never used to: {text}").format(
                text=localised(record.forbidden_uses, language) or "—"
            )
        ),
        from_record(_("Provider: {provider}").format(provider=provider)),
        Evidence(live["model"], live_src, as_of),
    ]
    p2 = [from_record(localised(record.methods, language) or "—")] + trained[:1]
    if card is not None:
        cdate = report.created[:10] if report else as_of
        p2 += [
            Evidence(_("Model card section: {title}").format(title=s.title), _("model card"), cdate)
            for s in card.sections
        ]
    p2 += list(oversight)
    p3 = trained[1:] + [Evidence(g, live_src, as_of) for g in group_lines(record.live, language)]
    p3 += list(audits) + [
        from_record(
            _("Data used: {text}").format(
                text="; ".join(localised(d.name, language) for d in record.data) or "—"
            )
        )
    ]
    p3 += [
        Evidence(line, live_src, as_of)
        for line in (live["alerts"], live["overrides"], live["reviews"])
    ]
    p4 = [
        from_record(
            _(
                "Performance is measured by calibration (the probability means what it says), "
                "AUC, and error rates per group with 95% intervals, because the model offers "
                "support and both missed and unneeded support matter."
            )
        )
    ] + trained[1:2]
    p5 = [
        from_record(
            _("Risk: {risk} Mitigation: {mitigation}").format(
                risk=localised(r.risk, language), mitigation=localised(r.mitigation, language)
            )
        )
        for r in record.risks
    ] + list(monitors)
    if not p5:
        p5.append(from_record(_("No risk is recorded in the register yet.")))
    if record.fria_url:
        p5.append(
            from_record(
                _("Fundamental rights impact assessment: {url}").format(url=record.fria_url)
            )
        )
    p6 = list(changes) or [Evidence(live["last_change"], live_src, as_of)]
    p7 = [
        from_record(
            _(
                "No harmonised standard has been published yet; the record follows the Dutch "
                "algorithm register standard 1.0 and the UK ATRS v3.0."
            )
        )
    ]
    p8 = [
        from_record(
            _("EU declaration of conformity: {value}").format(
                value=record.declaration_of_conformity_url or _("not issued yet")
            )
        )
    ]
    p9 = list(monitoring_plan) + [Evidence(live["monitors"], live_src, as_of)]
    if log_retention is not None:
        p9.append(log_retention)
    points = [p1, p2, p3, p4, p5, p6, p7, p8, p9]
    return AnnexIV(
        system=localised(record.name, language),
        language=language,
        points=tuple(tuple(p) for p in points),
    )


def annex_iv_document(annex: AnnexIV) -> reports.Document:
    """The documentation as a report: one section per point, a table of statements.

    Examples
    --------
    >>> from openpes.register import Record
    >>> doc = annex_iv_document(annex_iv(Record("m", {"en": "M"}, {"en": "P"})))
    >>> len(doc.sections), doc.sections[0].reference
    (9, 'EU AI Act Annex IV(1)')
    """
    _ = translator("openpes.register", annex.language).gettext
    headers = [_("Statement"), _("Source"), _("Date")]
    sections = [
        reports.Section(
            title,
            [reports.Table(title, headers, [[e.text, e.source, e.date or "—"] for e in point])],
            id=f"point-{number}",
            reference=f"EU AI Act Annex IV({number})",
        )
        for number, (title, point) in enumerate(
            zip(_titles(annex.language), annex.points, strict=True), start=1
        )
    ]
    return reports.Document(
        title=_("Technical documentation (Annex IV): {system}").format(system=annex.system),
        language=annex.language,
        sections=sections,
        navigation=True,
    )


def annex_iv_export(annex: AnnexIV, *, format: AnnexIVFormat) -> str:
    """The documentation as HTML, Markdown or JSON (points with their statements).

    Examples
    --------
    >>> from openpes.register import Record
    >>> annex = annex_iv(Record("m", {"en": "M"}, {"en": "P"}))
    >>> data = json.loads(annex_iv_export(annex, format="json"))
    >>> len(data["points"]), sorted(data["points"][0]["statements"][0])
    (9, ['date', 'source', 'text'])
    """
    if format == "json":
        titles = _titles(annex.language)
        data: dict[str, Any] = {
            "system": annex.system,
            "language": annex.language,
            "points": [
                {"number": i, "title": titles[i - 1], "statements": [asdict(e) for e in point]}
                for i, point in enumerate(annex.points, start=1)
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    document = annex_iv_document(annex)
    if format == "html":
        return reports.to_html(document)
    if format == "md":
        return reports.to_markdown(document)
    raise InputError(
        _("format must be html, md or json, got {value!r}").format(value=format), column="format"
    )
