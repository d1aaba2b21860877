"""The model card: what the model is for, how well it works, for whom, and its limits.

Sections follow the EU AI Act: the information for deployers of Art. 13(3) and the
technical documentation of Annex IV. :func:`card_document` builds the card as one
:class:`openpes.reports.Document`; :func:`model_card` renders it as Markdown or as one
self-contained accessible HTML page through :mod:`openpes.reports`, or as JSON with the
raw figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from openpes import reports
from openpes.errors import InputError
from openpes.fairness import verdict_text
from openpes.i18n import LANGUAGES, Language, messages
from openpes.profiling._model import SupportNeedsModel
from openpes.profiling._storage import model_dict
from openpes.profiling._text import Texts

__all__ = ["CardFormat", "card_document", "model_card"]

_ = messages("openpes.profiling")

CardFormat = Literal["markdown", "html", "json"]
#: Every section names the provisions of the EU AI Act it answers.
_AI_ACT = "EU AI Act: "
#: The model's own fields that the JSON card repeats beside its sections.
_MODEL_FIELDS = (
    "kind",
    "target",
    "specs",
    "protected",
    "allow_protected",
    "thresholds",
    "actions",
    "immutable",
)


def _table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
) -> reports.Table:
    """A table whose ``numeric`` columns are right-aligned in HTML (Markdown is unchanged)."""
    return reports.Table(
        caption,
        tuple(headers),
        tuple(
            tuple(reports.Cell(c, numeric=True) if i in numeric else c for i, c in enumerate(row))
            for row in rows
        ),
    )


def _section(
    key: str,
    title: str,
    reference: str,
    paragraphs: Sequence[str],
    warnings: Sequence[str] = (),
    tables: Sequence[reports.Table] = (),
) -> reports.Section:
    """A card section: warnings first (they must not be missed), then text, then tables."""
    blocks: list[reports.Block] = [reports.Paragraph(w, tone="warning") for w in warnings]
    blocks += [reports.Paragraph(p) for p in paragraphs]
    blocks += tables
    return reports.Section(title, tuple(blocks), id=key, reference=_AI_ACT + reference)


def _purpose(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    return _section(
        "purpose",
        _("Intended purpose and forbidden uses"),
        "Art. 13(3)(b)(i); Annex IV 1(a)",
        [
            t.purpose(),
            _(
                "Forbidden uses: refusing, reducing or ending a benefit or a service; sanctions; "
                "ranking people for anything other than an offer of more support; any decision "
                "taken without a counsellor."
            ),
        ],
    )


def _model_section(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    report = model.report
    warnings = []
    if not model.is_glass_box:
        warnings.append(
            _(
                "This is a black-box model, trained for comparison only. Do not use it to assess "
                "people."
            )
        )
    low, high = model.thresholds
    return _section(
        "model",
        _("Model"),
        "Annex IV 1(b), 2(b)",
        [
            _("Model type: {kind}.").format(kind=t.model_kind(model.kind)),
            _(
                "It estimates the probability that the target {target} is 1: not back in work "
                "within 12 months."
            ).format(target=model.target),
            _(
                "Bands: low need below {low}, medium need from {low} to below {high}, high need "
                "from {high}."
            ).format(low=t.percent(low), high=t.percent(high)),
            _("Trained with OpenPES {version} on {created}, seed {seed}.").format(
                version=report.openpes_version,
                created=report.created,
                seed="?" if report.seed is None else report.seed,
            ),
        ],
        warnings,
    )


def _data_section(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    report = model.report
    split = report.split
    method = (
        _("temporal (by {column})").format(column=report.time_column)
        if split.method == "temporal"
        else _("random")
    )
    table_rows = []
    for key, label in (
        ("train", _("training")),
        ("calibration", _("calibration")),
        ("test", _("test")),
    ):
        period = split.periods.get(key)
        table_rows.append(
            [label, t.number(split.rows.get(key, 0), 0), " – ".join(period) if period else "—"]
        )
    return _section(
        "data",
        _("Data and validation"),
        "Annex IV 2(d), 2(g)",
        [
            t.ngettext(
                "{rows} row; {share} of it had the target 1.",
                "{rows} rows; {share} of them had the target 1.",
                report.rows,
            ).format(rows=t.number(report.rows, 0), share=t.percent(report.base_rate, 1)),
            _(
                "Split: {method}. The model learns on the first part, is calibrated on the second "
                "and tested on the third."
            ).format(method=method),
        ],
        tables=[
            _table(_("Data splits"), [_("part"), _("rows"), _("period")], table_rows, numeric=[1])
        ],
    )


def _features_section(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    importance = model.report.importance
    rows = []
    for spec in sorted(model.specs, key=lambda s: -importance.get(s.name, 0.0)):
        if spec.name in model.protected:
            role = _("PROTECTED")
        elif spec.name in model.actions:
            role = _("actionable")
        elif spec.name in model.immutable:
            role = _("immutable")
        else:
            role = "—"
        kind = _("number") if spec.kind == "numeric" else _("category")
        rows.append(
            [t.feature(spec.name), spec.name, kind, role, t.number(importance.get(spec.name), 3)]
        )
    warnings = []
    if model.allow_protected:
        warnings.append(
            _("Protected attributes are used as features by explicit choice: {names}.").format(
                names=", ".join(model.report.protected_features)
            )
        )
    unused = [p for p in model.protected if p not in model.features]
    # Never a bare "never used: —" beside a protected feature: it reads as "none was used".
    if unused:
        claim = _("Protected attributes, never used as features: {names}.").format(
            names=", ".join(unused)
        )
    elif model.protected:
        claim = _("Every declared protected attribute is used as a feature.")
    else:
        claim = _(
            "No protected attribute was declared, and no feature is named like one "
            "(sex, age, origin, nationality, disability, health and the others OpenPES knows)."
        )
    paragraphs = [
        claim,
        _(
            "Recourse only proposes changes to actionable features; it never touches protected or "
            "immutable ones."
        ),
    ]
    return _section(
        "features",
        _("Features"),
        "Annex IV 2(b), 2(d)",
        paragraphs,
        warnings,
        [
            _table(
                _("Features by weight (mean absolute contribution, log-odds)"),
                [_("feature"), _("column"), _("type"), _("role"), _("weight")],
                rows,
                numeric=[4],
            )
        ],
    )


def _performance_section(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    test = model.report.test
    paragraphs = [
        t.ngettext(
            "On the test part ({n} person): AUC {auc}, Brier score {brier}, expected calibration "
            "error {ece}.",
            "On the test part ({n} people): AUC {auc}, Brier score {brier}, expected calibration "
            "error {ece}.",
            test.n,
        ).format(
            n=t.number(test.n, 0),
            auc=t.number(test.auc, 3),
            brier=t.number(test.brier, 3),
            ece=t.number(test.ece, 3),
        )
    ]
    comparison = model.report.comparison
    if comparison is not None:
        paragraphs.append(
            _(
                "Price of interpretability: LightGBM reaches an AUC of {auc} on the same split; "
                "the difference is {difference}."
            ).format(
                auc=t.number(comparison.lightgbm_auc, 3),
                difference=t.number(comparison.difference, 3),
            )
        )
    rows = [
        [t.band(str(b.band)), t.number(b.n, 0), t.percent(b.observed_rate, 1)] for b in test.bands
    ]
    return _section(
        "performance",
        _("Performance"),
        "Art. 13(3)(b)(ii); Annex IV 2(g), 3",
        paragraphs,
        tables=[
            _table(
                _("Observed rate of the target per band"),
                [_("band"), _("people"), _("observed rate")],
                rows,
                numeric=[1, 2],
            )
        ],
    )


def _calibration_section(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    rows = [
        [
            f"{t.percent(c.bin_low)}–{t.percent(c.bin_high)}",
            t.number(c.n, 0),
            t.percent(c.mean_predicted, 1),
            t.percent(c.observed_rate, 1),
        ]
        for c in model.report.test.calibration
        if c.n
    ]
    return _section(
        "calibration",
        _("Calibration"),
        "Art. 13(3)(b)(ii); Annex IV 2(g)",
        [
            _("Calibration method: {method}, fitted on the calibration part.").format(
                method=model.calibrator.method
            ),
            _(
                "The interval shown with a probability is a 95 % Wilson interval that reflects "
                "how many calibration cases received a similar probability; it is not a forecast "
                "range for the person."
            ),
        ],
        tables=[
            _table(
                _("Calibration curve on the test part"),
                [_("probability"), _("people"), _("mean predicted"), _("observed rate")],
                rows,
                numeric=[1, 2, 3],
            )
        ],
    )


def _groups_section(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    test = model.report.test
    if not test.groups:
        return _section(
            "groups",
            _("Performance per group"),
            "Art. 13(3)(b)(iv); Annex IV 2(g)",
            [_("No protected attribute was available, so no group audit was possible.")],
        )
    rows = []
    for g in test.groups:
        rows.append(
            [g.group if g.group != "overall" else _("overall"), t.number(g.n, 0)]
            + [t.percent(rate, 1) for rate in (g.base_rate, g.selection_rate, g.fpr, g.fnr)]
        )
    headers = [
        _("group"),
        _("people"),
        _("target rate"),
        _("share in high need"),
        _("false positive rate"),
        _("false negative rate"),
    ]
    flagged = test.disparities
    warnings = []
    if flagged:
        warnings.append(
            t.ngettext(
                "The audit found {count} disparity beyond the policy's bounds (verdict: "
                "{verdict}). High-need selection that differs by group can reflect historical "
                "bias in the outcomes, not only different needs.",
                "The audit found {count} disparities beyond the policy's bounds (verdict: "
                "{verdict}). High-need selection that differs by group can reflect historical "
                "bias in the outcomes, not only different needs.",
                len(flagged),
            ).format(count=len(flagged), verdict=verdict_text(test.verdict, t.language))
        )
    flagged_rows = [
        [
            d.group,
            d.reference,
            d.metric,
            t.percent(d.value, 1),
            t.percent(d.reference_value, 1),
            verdict_text(d.verdict, t.language),
        ]
        for d in flagged
    ]
    tables = [
        _table(
            _("Band error rates per group (high need = positive decision)"),
            headers,
            rows,
            numeric=[1, 2, 3, 4, 5],
        )
    ]
    gaps = test.band_gaps
    if gaps:
        warnings.append(
            t.ngettext(
                "Within the same band, the observed rate of the target differs between groups "
                "beyond their 95 % intervals in {count} case: the band does not mean the same "
                "for everyone, and the model understates the need of the group with the higher "
                "rate.",
                "Within the same band, the observed rate of the target differs between groups "
                "beyond their 95 % intervals in {count} cases: the band does not mean the same "
                "for everyone, and the model understates the need of the group with the higher "
                "rate.",
                len(gaps),
            ).format(count=len(gaps))
        )
        tables.append(
            _table(
                _("Groups whose observed rates differ within a band"),
                [
                    _("attribute"),
                    _("band"),
                    _("group"),
                    _("observed rate"),
                    _("group"),
                    _("observed rate"),
                ],
                [
                    [
                        gap.attribute,
                        t.band(gap.band),
                        f"{gap.group} (n={gap.n})",
                        t.percent(gap.observed_rate, 1),
                        f"{gap.group_other} (n={gap.n_other})",
                        t.percent(gap.observed_rate_other, 1),
                    ]
                    for gap in gaps
                ],
                numeric=[3, 5],
            )
        )
    band_rows = [
        [
            f"{r.attribute}={r.group}",
            t.band(r.band),
            t.number(r.n, 0),
            t.percent(r.observed_rate, 1)
            + f" ({t.percent(r.ci_low, 1)}–{t.percent(r.ci_high, 1)})",
        ]
        for r in test.band_groups
        if r.n >= 10
    ]
    tables.append(
        _table(
            _("Observed rate of the target per band and group (95 % interval)"),
            [_("group"), _("band"), _("people"), _("observed rate")],
            band_rows,
            numeric=[2, 3],
        )
    )
    if flagged_rows:
        tables.append(
            _table(
                _("Disparities beyond the bounds"),
                [
                    _("group"),
                    _("reference"),
                    _("metric"),
                    _("value"),
                    _("reference value"),
                    _("verdict"),
                ],
                flagged_rows,
                numeric=[3, 4],
            )
        )
    return _section(
        "groups",
        _("Performance per group"),
        "Art. 13(3)(b)(iv)–(v); Annex IV 2(g), 3",
        [
            _(
                "Overall audit verdict: {verdict}. Groups smaller than 10 people are suppressed."
            ).format(verdict=verdict_text(test.verdict, t.language)),
            _(
                "Error rates differ between groups whenever their base rates differ, even for a "
                "fair model; the second check is therefore whether each band means the same for "
                "every group (the observed rates within a band agree within their intervals)."
            ),
        ],
        warnings,
        tables,
    )


def _proxy_section(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    proxies = model.report.proxies
    level = model.report.proxy_warning
    rows = [
        [p.attribute, t.number(p.auc, 3), p.target, _("WARNING") if p.warning else "—"]
        for p in proxies
    ]
    warnings = [
        _(
            "The features predict {attribute} with an AUC of {auc} (warning level {level}): the "
            "model can act on it indirectly."
        ).format(attribute=p.attribute, auc=t.number(p.auc, 3), level=t.number(level, 2))
        for p in proxies
        if p.warning
    ]
    return _section(
        "proxies",
        _("Proxy analysis"),
        "Annex IV 2(g); Art. 10(2)(f)",
        [
            _(
                "How well each protected attribute can be predicted from the model's features "
                "(AUC of a LightGBM classifier on the test part; 0.5 = not at all)."
            )
        ],
        warnings,
        [
            _table(
                _("Protected attributes predicted from the features"),
                [_("attribute"), "AUC", _("predicted"), _("warning")],
                rows,
                numeric=[1],
            )
        ],
    )


def _oversight_section(model: SupportNeedsModel, t: Texts) -> reports.Section:
    _ = t.gettext
    return _section(
        "oversight",
        _("Limits and human oversight"),
        "Art. 13(3)(d), Art. 14; Annex IV 2(e), 3",
        [
            _(
                "The counsellor decides. The band is advice; it can always be overruled, and the "
                "final decision is recorded with its reason in the audit trail."
            ),
            _(
                "Counsellors can record their own assessment before they see the model's band, to "
                "counter automation bias."
            ),
            _(
                "Job seekers see the explanation of their band in plain language and can ask for "
                "a human review."
            ),
            _(
                "The target is the recorded outcome: re-employment that the register missed "
                "counts as unemployment, which can make some groups look more in need than they "
                "are."
            ),
            _(
                "The model only knows what is in its features; it cannot see motivation, health "
                "details or the local labour market beyond the region."
            ),
            _(
                "Re-validate the model on recent data at least once a year, and whenever the "
                "audit verdict changes."
            ),
        ],
    )


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise InputError(
            _("language must be one of {choices}, got {value!r}").format(
                choices=", ".join(LANGUAGES), value=language
            ),
            column="language",
        )


def card_document(model: SupportNeedsModel, *, language: Language = "en") -> reports.Document:
    """The model card as one document, in one of the five languages.

    Examples
    --------
    >>> from openpes.profiling import train_demo_model
    >>> from openpes.synth import generate_world
    >>> model = train_demo_model(generate_world(3000, 10, 2, seed=3))
    >>> document = card_document(model, language="fr")
    >>> [s.id for s in document.sections][:3]
    ['purpose', 'model', 'data']
    """
    _check_language(language)
    t = Texts(language)
    builders = (
        _purpose,
        _model_section,
        _data_section,
        _features_section,
        _performance_section,
        _calibration_section,
        _groups_section,
        _proxy_section,
        _oversight_section,
    )
    return reports.Document(
        t.gettext("Model card: support-needs assessment"),
        language,
        tuple(build(model, t) for build in builders),
        navigation=True,
    )


def _text(cell: reports.Cell | str) -> str:
    return cell if isinstance(cell, str) else cell.text


def _json_section(section: reports.Section) -> dict[str, Any]:
    paragraphs = [b for b in section.blocks if isinstance(b, reports.Paragraph)]
    return {
        "key": section.id,
        "title": section.title,
        "ai_act": (section.reference or "").removeprefix(_AI_ACT),
        "paragraphs": [p.text for p in paragraphs if p.tone != "warning"],
        "warnings": [p.text for p in paragraphs if p.tone == "warning"],
        "tables": [
            {
                "caption": b.caption,
                "headers": list(b.headers),
                "rows": [[_text(c) for c in row] for row in b.rows],
            }
            for b in section.blocks
            if isinstance(b, reports.Table)
        ],
    }


def model_card(
    model: SupportNeedsModel,
    *,
    format: CardFormat = "markdown",
    language: Language = "en",
) -> str:
    """The model card, mapped to EU AI Act Art. 13 and Annex IV, as text.

    ``format`` is ``"markdown"``, ``"html"`` (one self-contained accessible page) or
    ``"json"`` (the sections, the model's settings and the raw figures of its report).

    Examples
    --------
    >>> from openpes.profiling import train_demo_model
    >>> from openpes.synth import generate_world
    >>> model = train_demo_model(generate_world(3000, 10, 2, seed=3))
    >>> model_card(model, language="nl").startswith("# ")
    True
    """
    if format not in ("markdown", "html", "json"):
        raise InputError(
            _("format must be markdown, html or json, got {value!r}").format(value=format),
            column="format",
        )
    document = card_document(model, language=language)
    if format == "markdown":
        return reports.to_markdown(document)
    if format == "html":
        return reports.to_html(document)
    values = model_dict(model)
    card = {
        "language": language,
        "title": document.title,
        "sections": [_json_section(s) for s in document.sections],
        "model": {k: values[k] for k in _MODEL_FIELDS},
        "glass_box": model.is_glass_box,
        # Sorted keys, as a saved model's report has always been printed.
        "report": json.loads(json.dumps(values["report"], sort_keys=True)),
    }
    return json.dumps(card, ensure_ascii=False, indent=2, allow_nan=False)
