"""The model card: what the model is for, how well it works, for whom, and its limits.

Sections follow the EU AI Act: the information for deployers of Art. 13(3) and the
technical documentation of Annex IV. The same sections render as Markdown, as one
self-contained accessible HTML page, or as JSON with the raw figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from openpes.errors import InputError
from openpes.i18n import LANGUAGES
from openpes.profiling._text import Texts

if TYPE_CHECKING:
    from openpes.profiling._model import SupportNeedsModel

__all__ = ["Section", "Table", "card_sections", "render_card"]


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    reference: str
    paragraphs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def _purpose(model: SupportNeedsModel, t: Texts) -> Section:
    _ = t.gettext
    return Section(
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


def _model_section(model: SupportNeedsModel, t: Texts) -> Section:
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
    return Section(
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
                version=report.get("openpes_version", "?"),
                created=report.get("created", "?"),
                seed=report.get("seed", "?"),
            ),
        ],
        warnings,
    )


def _data_section(model: SupportNeedsModel, t: Texts) -> Section:
    _ = t.gettext
    report = model.report
    split = report.get("split", {})
    rows = split.get("rows", {})
    method = (
        _("temporal (by {column})").format(column=report.get("time_column"))
        if split.get("method") == "temporal"
        else _("random")
    )
    table_rows = []
    for key, label in (
        ("train", _("training")),
        ("calibration", _("calibration")),
        ("test", _("test")),
    ):
        period = split.get("periods", {}).get(key)
        table_rows.append(
            [label, t.number(rows.get(key, 0), 0), " – ".join(period) if period else "—"]
        )
    return Section(
        "data",
        _("Data and validation"),
        "Annex IV 2(d), 2(g)",
        [
            _("{rows} rows; {share} of them had the target 1.").format(
                rows=t.number(report.get("rows", 0), 0), share=t.percent(report.get("base_rate"), 1)
            ),
            _(
                "Split: {method}. The model learns on the first part, is calibrated on the second "
                "and tested on the third."
            ).format(method=method),
        ],
        tables=[Table(_("Data splits"), [_("part"), _("rows"), _("period")], table_rows)],
    )


def _features_section(model: SupportNeedsModel, t: Texts) -> Section:
    _ = t.gettext
    importance = model.report.get("importance", {})
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
                names=", ".join(model.report.get("protected_features", []))
            )
        )
    paragraphs = [
        _("Protected attributes, never used as features: {names}.").format(
            names=", ".join(p for p in model.protected if p not in model.features) or "—"
        ),
        _(
            "Recourse only proposes changes to actionable features; it never touches protected or "
            "immutable ones."
        ),
    ]
    return Section(
        "features",
        _("Features"),
        "Annex IV 2(b), 2(d)",
        paragraphs,
        warnings,
        [
            Table(
                _("Features by weight (mean absolute contribution, log-odds)"),
                [_("feature"), _("column"), _("type"), _("role"), _("weight")],
                rows,
            )
        ],
    )


def _performance_section(model: SupportNeedsModel, t: Texts) -> Section:
    _ = t.gettext
    test = model.report.get("test", {})
    paragraphs = [
        _(
            "On the test part ({n} people): AUC {auc}, Brier score {brier}, expected calibration "
            "error {ece}."
        ).format(
            n=t.number(test.get("n", 0), 0),
            auc=t.number(test.get("auc"), 3),
            brier=t.number(test.get("brier"), 3),
            ece=t.number(test.get("ece"), 3),
        )
    ]
    comparison = model.report.get("comparison")
    if comparison:
        paragraphs.append(
            _(
                "Price of interpretability: LightGBM reaches an AUC of {auc} on the same split; "
                "the difference is {difference}."
            ).format(
                auc=t.number(comparison.get("lightgbm_auc"), 3),
                difference=t.number(comparison.get("difference"), 3),
            )
        )
    rows = [
        [t.band(str(b["band"])), t.number(b["n"], 0), t.percent(b["observed_rate"], 1)]
        for b in test.get("bands", [])
    ]
    return Section(
        "performance",
        _("Performance"),
        "Art. 13(3)(b)(ii); Annex IV 2(g), 3",
        paragraphs,
        tables=[
            Table(
                _("Observed rate of the target per band"),
                [_("band"), _("people"), _("observed rate")],
                rows,
            )
        ],
    )


def _calibration_section(model: SupportNeedsModel, t: Texts) -> Section:
    _ = t.gettext
    test = model.report.get("test", {})
    rows = [
        [
            f"{t.percent(c['bin_low'])}–{t.percent(c['bin_high'])}",
            t.number(c["n"], 0),
            t.percent(c["mean_predicted"], 1),
            t.percent(c["observed_rate"], 1),
        ]
        for c in test.get("calibration", [])
        if c["n"]
    ]
    return Section(
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
            Table(
                _("Calibration curve on the test part"),
                [_("probability"), _("people"), _("mean predicted"), _("observed rate")],
                rows,
            )
        ],
    )


def _groups_section(model: SupportNeedsModel, t: Texts) -> Section:
    _ = t.gettext
    test = model.report.get("test", {})
    groups = test.get("groups", [])
    if not groups:
        return Section(
            "groups",
            _("Performance per group"),
            "Art. 13(3)(b)(iv); Annex IV 2(g)",
            [_("No protected attribute was available, so no group audit was possible.")],
        )
    rows = []
    for g in groups:
        rows.append(
            [g["group"] if g["group"] != "overall" else _("overall"), t.number(g.get("n"), 0)]
            + [t.percent(g.get(m), 1) for m in ("base_rate", "selection_rate", "fpr", "fnr")]
        )
    headers = [
        _("group"),
        _("people"),
        _("target rate"),
        _("share in high need"),
        _("false positive rate"),
        _("false negative rate"),
    ]
    flagged = test.get("disparities", [])
    warnings = []
    if flagged:
        warnings.append(
            _(
                "The audit found {count} disparities beyond the policy's bounds (verdict: "
                "{verdict}). High-need selection that differs by group can reflect historical "
                "bias in the outcomes, not only different needs."
            ).format(count=len(flagged), verdict=test.get("verdict"))
        )
    flagged_rows = [
        [
            d["group"],
            d["reference"],
            d["metric"],
            t.percent(d["value"], 1),
            t.percent(d["reference_value"], 1),
            d["verdict"],
        ]
        for d in flagged
    ]
    tables = [Table(_("Band error rates per group (high need = positive decision)"), headers, rows)]
    gaps = test.get("band_gaps", [])
    if gaps:
        warnings.append(
            _(
                "Within the same band, the observed rate of the target differs between groups "
                "beyond their 95 % intervals in {count} cases: the band does not mean the same "
                "for everyone, and the model understates the need of the group with the higher "
                "rate."
            ).format(count=len(gaps))
        )
        tables.append(
            Table(
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
                        g["attribute"],
                        t.band(g["band"]),
                        "{} (n={})".format(g["group"], g["n"]),
                        t.percent(g["observed_rate"], 1),
                        "{} (n={})".format(g["group_other"], g["n_other"]),
                        t.percent(g["observed_rate_other"], 1),
                    ]
                    for g in gaps
                ],
            )
        )
    band_rows = [
        [
            "{}={}".format(r["attribute"], r["group"]),
            t.band(r["band"]),
            t.number(r["n"], 0),
            "{} ({}–{})".format(
                t.percent(r["observed_rate"], 1),
                t.percent(r["ci_low"], 1),
                t.percent(r["ci_high"], 1),
            ),
        ]
        for r in test.get("band_groups", [])
        if r["n"] >= 10
    ]
    tables.append(
        Table(
            _("Observed rate of the target per band and group (95 % interval)"),
            [_("group"), _("band"), _("people"), _("observed rate")],
            band_rows,
        )
    )
    if flagged_rows:
        tables.append(
            Table(
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
            )
        )
    return Section(
        "groups",
        _("Performance per group"),
        "Art. 13(3)(b)(iv)–(v); Annex IV 2(g), 3",
        [
            _(
                "Overall audit verdict: {verdict}. Groups smaller than 10 people are suppressed."
            ).format(verdict=test.get("verdict")),
            _(
                "Error rates differ between groups whenever their base rates differ, even for a "
                "fair model; the second check is therefore whether each band means the same for "
                "every group (the observed rates within a band agree within their intervals)."
            ),
        ],
        warnings,
        tables,
    )


def _proxy_section(model: SupportNeedsModel, t: Texts) -> Section:
    _ = t.gettext
    proxies = model.report.get("proxies", [])
    level = model.report.get("proxy_warning", 0.7)
    rows = [
        [p["attribute"], t.number(p["auc"], 3), p["target"], _("WARNING") if p["warning"] else "—"]
        for p in proxies
    ]
    warnings = [
        _(
            "The features predict {attribute} with an AUC of {auc} (warning level {level}): the "
            "model can act on it indirectly."
        ).format(attribute=p["attribute"], auc=t.number(p["auc"], 3), level=t.number(level, 2))
        for p in proxies
        if p["warning"]
    ]
    return Section(
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
            Table(
                _("Protected attributes predicted from the features"),
                [_("attribute"), "AUC", _("predicted"), _("warning")],
                rows,
            )
        ],
    )


def _oversight_section(model: SupportNeedsModel, t: Texts) -> Section:
    _ = t.gettext
    return Section(
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


def card_sections(model: SupportNeedsModel, language: str) -> tuple[str, list[Section]]:
    """The card's title and sections in one language."""
    t = Texts(language)
    _ = t.gettext
    title = _("Model card: support-needs assessment")
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
    return title, [build(model, t) for build in builders]


def render_card(model: SupportNeedsModel, format: str, *, language: str) -> str:
    from openpes.profiling._card_render import card_html, card_markdown
    from openpes.profiling._storage import model_dict

    if language not in LANGUAGES:
        raise InputError(
            Texts("en")
            .gettext("language must be one of {choices}, got {value!r}")
            .format(choices=", ".join(LANGUAGES), value=language),
            column="language",
        )
    title, sections = card_sections(model, language)
    if format == "md":
        return card_markdown(title, sections)
    if format == "html":
        return card_html(title, sections, language=language)
    if format == "json":
        values: dict[str, Any] = model_dict(model)
        document = {
            "language": language,
            "title": title,
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "ai_act": s.reference,
                    "paragraphs": s.paragraphs,
                    "warnings": s.warnings,
                    "tables": [
                        {"caption": tb.caption, "headers": tb.headers, "rows": tb.rows}
                        for tb in s.tables
                    ],
                }
                for s in sections
            ],
            "model": {
                k: values[k]
                for k in (
                    "kind",
                    "target",
                    "specs",
                    "protected",
                    "allow_protected",
                    "thresholds",
                    "actions",
                    "immutable",
                )
            },
            "glass_box": model.is_glass_box,
            "report": values["report"],
        }
        return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    raise InputError(
        Texts("en").gettext("format must be md, html or json, got {value!r}").format(value=format),
        column="format",
    )
