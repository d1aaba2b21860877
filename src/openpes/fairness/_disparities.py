"""Disparities of every group against its reference, with intervals, tests and verdicts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from openpes.errors import InputError
from openpes.fairness._groups import OVERALL
from openpes.fairness._intervals import katz_ratio, newcombe_difference, wilson
from openpes.fairness._metrics import HIGHER_IS_BETTER, RATE_DEFINITIONS
from openpes.fairness._policy import Policy
from openpes.fairness._significance import (
    adjust_p_values,
    min_detectable_difference,
    two_proportion_test,
)
from openpes.i18n import messages

__all__ = [
    "DISPARITY_COLUMNS",
    "Reference",
    "Verdict",
    "check_reference",
    "disparity_table",
    "overall_verdict",
]

Reference = Literal["largest", "best", "overall"] | Mapping[str, str]
Verdict = Literal["pass", "warn", "fail", "insufficient"]
Array = npt.NDArray[np.float64]
_ = messages("openpes.fairness")
_SEVERITY: dict[str, int] = {"pass": 0, "insufficient": 1, "warn": 2, "fail": 3}


def overall_verdict(verdicts: list[str]) -> Verdict:
    """The worst verdict: fail > warn > insufficient > pass.

    An audit with no comparison at all (a single group) is ``insufficient``: nothing was
    shown to be fair.
    """
    worst = max(verdicts, key=_SEVERITY.__getitem__, default="insufficient")
    return worst  # type: ignore[return-value]


def _weighted_parts(groups: pl.DataFrame, metric: str) -> tuple[Array, Array, Array]:
    """Weighted numerator, denominator and squared-weight denominator of a rate."""
    num_cells, den_cells = RATE_DEFINITIONS[metric]
    col = groups.get_column
    num = np.sum([col(c).to_numpy().astype(np.float64) for c in num_cells], axis=0)
    den = np.sum([col(c).to_numpy().astype(np.float64) for c in den_cells], axis=0)
    den_sq = np.sum([col(f"{c}_w2").to_numpy().astype(np.float64) for c in den_cells], axis=0)
    return num, den, den_sq


def _effective(num: Array, den: Array, den_sq: Array) -> tuple[Array, Array, Array]:
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(den > 0, num / den, np.nan)
        n_eff = np.where(den_sq > 0, den * den / den_sq, 0.0)
    return rate, np.nan_to_num(rate * n_eff), n_eff


def _pick_references(
    groups: pl.DataFrame,
    suppressed: npt.NDArray[np.bool_],
    reference: Reference,
    metric: str,
    policy: Policy,
) -> dict[str, int | None]:
    """Row index of the reference group of each grouping (None: no usable reference)."""
    names = groups["grouping"].to_list()
    attrs = groups["attributes"].to_list()
    rows = groups["rows"].to_numpy()
    values = groups[metric].to_numpy().astype(np.float64)
    direction = HIGHER_IS_BETTER[metric]
    if direction is None:
        direction = policy.favourable_prediction == 1
    largest_value: dict[str, str] = {}
    if isinstance(reference, Mapping):
        for name in {n for n in names if " × " not in n and n != OVERALL}:
            idx = [i for i, n in enumerate(names) if n == name]
            best = max(idx, key=lambda i: rows[i])
            largest_value[name] = attrs[best][name]
    chosen: dict[str, int | None] = {}
    for name in dict.fromkeys(names):
        if name == OVERALL:
            continue
        idx = [i for i, n in enumerate(names) if n == name]
        usable = [i for i in idx if not suppressed[i]]
        pick: int | None = None
        if isinstance(reference, Mapping):
            members = name.split(" × ")
            wanted = {a: reference.get(a, largest_value.get(a)) for a in members}
            pick = next((i for i in idx if all(attrs[i][a] == wanted[a] for a in members)), None)
            if pick is not None and suppressed[pick]:
                pick = None
        elif reference == "largest":
            pick = max(usable, key=lambda i: rows[i], default=None)
        elif reference == "best":
            defined = [i for i in usable if not np.isnan(values[i])]
            sign = 1.0 if direction else -1.0
            pick = max(defined, key=lambda i: (sign * values[i], rows[i]), default=None)
        chosen[name] = pick
    return chosen


def check_reference(reference: Reference, sensitive: tuple[str, ...], cells: pl.DataFrame) -> None:
    """Fail early on a reference that names an unknown attribute or value."""
    if isinstance(reference, str):
        if reference not in ("largest", "best", "overall"):
            raise InputError(
                _(
                    "reference must be 'largest', 'best', 'overall' or a mapping, got {value}"
                ).format(value=repr(reference))
            )
        return
    for attr, value in reference.items():
        if attr not in sensitive:
            raise InputError(
                _("reference names {name}, which is not a sensitive attribute {sensitive}").format(
                    name=repr(attr), sensitive=str(list(sensitive))
                )
            )
        present = set(cells[attr].unique().to_list())
        if str(value) not in present:
            raise InputError(
                _("reference value {value} does not occur; found {found}").format(
                    value=repr(value), found=str(sorted(present)[:10])
                ),
                column=attr,
            )


def disparity_table(
    groups: pl.DataFrame,
    suppressed: npt.NDArray[np.bool_],
    *,
    reference: Reference,
    policy: Policy,
    confidence: float = 0.95,
) -> pl.DataFrame:
    """One row per (group, policy metric) outside the overall population.

    With ``reference="overall"`` each group is tested against everyone else (the two
    samples of a test must not overlap) and the ratio, difference, their intervals and
    the detectable difference are then rescaled exactly to the group-versus-overall scale.
    """
    names = groups["grouping"].to_list()
    attributes = groups["attributes"]
    frames = []
    for metric, bound in policy.bounds.items():
        num, den, den_sq = _weighted_parts(groups, metric)
        p_all_w = num[0] / den[0] if den[0] > 0 else np.nan
        if reference == "overall":
            g = np.array([i for i, n in enumerate(names) if n != OVERALL], dtype=np.int64)
            r = np.full(g.size, -1, dtype=np.int64)
            r_num, r_den, r_den_sq = num[0] - num[g], den[0] - den[g], den_sq[0] - den_sq[g]
        else:
            refs = _pick_references(groups, suppressed, reference, metric, policy)
            pairs = [
                (i, -1 if refs[n] is None else refs[n])
                for i, n in enumerate(names)
                if n != OVERALL and i != refs[n]
            ]
            g = np.array([a for a, _ in pairs], dtype=np.int64)
            r = np.array([b for _, b in pairs], dtype=np.int64)
            safe = np.maximum(r, 0)
            r_num, r_den, r_den_sq = num[safe], den[safe], den_sq[safe]
            missing = r < 0
            r_den = np.where(missing, 0.0, r_den)
            r_den_sq = np.where(missing, 0.0, r_den_sq)
        p1, x1, n1 = _effective(num[g], den[g], den_sq[g])
        p2, x2, n2 = _effective(r_num, r_den, r_den_sq)
        usable = ~suppressed[g] & (r_den > 0) & (den[g] > 0)
        if reference != "overall":
            usable &= ~suppressed[np.maximum(r, 0)] & (r >= 0)
        l1, h1 = wilson(x1, n1, confidence=confidence)
        l2, h2 = wilson(x2, n2, confidence=confidence)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = p1 / p2
        difference = p1 - p2
        d_low, d_high = newcombe_difference(p1, l1, h1, p2, l2, h2)
        r_low, r_high = katz_ratio(x1, n1, x2, n2, confidence=confidence)
        p_value, method = two_proportion_test(x1, n1, x2, n2)
        p_ref = p2
        mdd = min_detectable_difference(n1, n2, p2, alpha=policy.alpha)
        if reference == "overall":
            with np.errstate(divide="ignore", invalid="ignore"):
                share = den[g] / den[0]
                ratio = p1 / p_all_w
                r_low = 1 / (share + (1 - share) / r_low)
                r_high = 1 / (share + (1 - share) / r_high)
            difference, d_low, d_high, mdd = (
                (1 - share) * v for v in (difference, d_low, d_high, mdd)
            )
            p_ref = np.full(g.size, p_all_w)
        effect = np.array([bound.smallest_effect(float(v)) for v in np.nan_to_num(p_ref)])
        crossed = np.zeros(g.size, dtype=bool)
        with np.errstate(invalid="ignore"):
            if bound.ratio_low is not None:
                crossed |= ratio < bound.ratio_low
            if bound.ratio_high is not None:
                crossed |= ratio > bound.ratio_high
            if bound.difference is not None:
                crossed |= np.abs(difference) > bound.difference + 1e-12
        blank = ~usable
        values = {
            "value": p1,
            "reference_value": p_ref,
            "ratio": ratio,
            "ratio_ci_low": r_low,
            "ratio_ci_high": r_high,
            "difference": difference,
            "difference_ci_low": d_low,
            "difference_ci_high": d_high,
            "p_value": p_value,
            "min_detectable_difference": mdd,
        }
        frame = pl.DataFrame(
            {
                # Typed, so that a grouping with no comparison (one value) stays a String.
                "grouping": pl.Series([names[i] for i in g], dtype=pl.String),
                "attributes": attributes.gather(g),
                "reference": (
                    pl.Series([None] * g.size, dtype=attributes.dtype)
                    if reference == "overall"
                    else attributes.gather(np.maximum(r, 0))
                ),
                "_has_reference": r >= 0,
                "metric": pl.Series([metric] * g.size, dtype=pl.String),
                **{
                    k: pl.Series(k, np.where(blank, np.nan, v).astype(np.float64), nan_to_null=True)
                    for k, v in values.items()
                },
                "test": pl.Series(np.where(blank, "", method)).replace("", None),
                "_crossed": crossed & usable,
                "_underpowered": usable & (np.nan_to_num(mdd, nan=np.inf) > effect),
                "_usable": usable,
            }
        )
        frames.append(
            frame.with_columns(
                pl.when(pl.col("_has_reference") | (reference == "overall"))
                .then(pl.col("reference"))
                .alias("reference")
            )
        )
    if not frames:
        return _empty(groups)
    table = pl.concat(frames, how="vertical_relaxed")
    adjusted = adjust_p_values(
        table["p_value"].fill_null(np.nan).to_numpy(), method=policy.correction
    )
    table = table.with_columns(pl.Series("p_adjusted", adjusted, nan_to_null=True))
    significant = pl.col("p_adjusted").fill_null(1.0) < policy.alpha
    verdict = (
        pl.when(~pl.col("_usable"))
        .then(pl.lit("insufficient"))
        .when(pl.col("_crossed") & significant)
        .then(pl.lit("fail"))
        .when(pl.col("_crossed"))
        .then(pl.lit("warn"))
        # Not crossed is only a pass if the test could have seen the policy's effect.
        .when(pl.col("_underpowered"))
        .then(pl.lit("insufficient"))
        .otherwise(pl.lit("pass"))
    )
    return table.with_columns(verdict.alias("verdict")).select(DISPARITY_COLUMNS)


DISPARITY_COLUMNS = [
    "grouping",
    "attributes",
    "reference",
    "metric",
    "value",
    "reference_value",
    "ratio",
    "ratio_ci_low",
    "ratio_ci_high",
    "difference",
    "difference_ci_low",
    "difference_ci_high",
    "test",
    "p_value",
    "p_adjusted",
    "min_detectable_difference",
    "verdict",
]


def _empty(groups: pl.DataFrame) -> pl.DataFrame:
    struct = groups["attributes"].dtype
    schema: dict[str, pl.DataType | type[pl.DataType]] = {c: pl.Float64 for c in DISPARITY_COLUMNS}
    schema.update(
        grouping=pl.String,
        attributes=struct,
        reference=struct,
        metric=pl.String,
        test=pl.String,
        verdict=pl.String,
    )
    return pl.DataFrame(schema=schema)
