"""The audit as plain data: the JSON contract and a tidy CSV."""

from __future__ import annotations

import json
import math
from typing import Any

import polars as pl

from openpes.fairness._audit import Audit
from openpes.fairness._disparities import DISPARITY_COLUMNS
from openpes.fairness._metrics import CELLS, METRICS

__all__ = ["SCHEMA_VERSION", "to_csv", "to_dict", "to_json"]

SCHEMA_VERSION = "1.0"

# Everything a disparity row carries after its grouping, attributes and reference.
_DISPARITY_FIELDS = tuple(DISPARITY_COLUMNS[DISPARITY_COLUMNS.index("metric") :])


def _clean(value: Any) -> Any:
    """JSON has no NaN or infinity: an undefined number is null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _attributes(struct: dict[str, Any] | None) -> dict[str, str]:
    return {k: v for k, v in (struct or {}).items() if v is not None}


def to_dict(result: Audit, *, reveal_small_groups: bool = False) -> dict[str, Any]:
    """The audit as the documented JSON contract (``schema/audit.schema.json``).

    Suppressed groups keep null numbers unless ``reveal_small_groups`` is set, which only
    people entitled to the exact small numbers may ask for.

    Examples
    --------
    >>> import polars as pl
    >>> from openpes.fairness import audit
    >>> df = pl.DataFrame({"y": [0, 1] * 20, "p": [1, 1, 0, 0] * 10, "g": ["a", "b"] * 20})
    >>> data = to_dict(audit(df, label="y", prediction="p", sensitive="g"))
    >>> data["schema_version"], data["n"], [g["grouping"] for g in data["groups"]]
    ('1.0', 40, ['overall', 'g', 'g'])
    """
    frame = result.groups_unsuppressed() if reveal_small_groups else result.groups
    groups = []
    for row in frame.iter_rows(named=True):
        groups.append(
            {
                "grouping": row["grouping"],
                "attributes": _attributes(row["attributes"]),
                "n": _clean(row["n"]),
                **{c: _clean(row[c]) for c in CELLS},
                "suppressed": row["suppressed"],
                "metrics": {
                    m: {
                        "value": _clean(row[m]),
                        "ci_low": _clean(row[f"{m}_ci_low"]),
                        "ci_high": _clean(row[f"{m}_ci_high"]),
                    }
                    for m in METRICS
                },
            }
        )
    disparities = []
    for row in result.disparities.iter_rows(named=True):
        reference: str | dict[str, str] = (
            "overall" if result.reference == "overall" else _attributes(row["reference"])
        )
        disparities.append(
            {
                "grouping": row["grouping"],
                "attributes": _attributes(row["attributes"]),
                "reference": reference,
                **{k: _clean(row[k]) for k in _DISPARITY_FIELDS},
            }
        )
    policy = result.policy
    return {
        "schema_version": SCHEMA_VERSION,
        "n": result.n,
        "label": result.spec.label,
        "prediction": result.spec.prediction,
        "score": result.spec.score,
        "weight": result.spec.weight,
        "sensitive": list(result.spec.sensitive),
        "intersections": result.intersections,
        "reference": (
            result.reference if isinstance(result.reference, str) else dict(result.reference)
        ),
        "engine": result.engine,
        "policy": {
            "alpha": policy.alpha,
            "correction": policy.correction,
            "min_group_size": policy.min_group_size,
            "favourable_prediction": policy.favourable_prediction,
            "bounds": {
                m: {
                    "ratio": None
                    if b.ratio_low is None and b.ratio_high is None
                    else [b.ratio_low, b.ratio_high],
                    "difference": b.difference,
                }
                for m, b in policy.bounds.items()
            },
        },
        "groups": groups,
        "disparities": disparities,
        "verdict": result.verdict,
    }


def _describe(struct: pl.Expr, sensitive: tuple[str, ...]) -> pl.Expr:
    """``sex=F; age_band=50+`` from an attribute struct (empty for the whole population)."""
    parts = [
        pl.when(struct.struct.field(a).is_not_null()).then(pl.lit(f"{a}=") + struct.struct.field(a))
        for a in sensitive
    ]
    return pl.concat_str(parts, separator="; ", ignore_nulls=True).fill_null("")


def to_json(result: Audit, *, indent: int | None = 2, reveal_small_groups: bool = False) -> str:
    """The audit as JSON text (strict: no NaN); see :func:`to_dict`.

    Examples
    --------
    >>> import json
    >>> import polars as pl
    >>> from openpes.fairness import audit
    >>> df = pl.DataFrame({"y": [0, 1] * 20, "p": [1, 1, 0, 0] * 10, "g": ["a", "b"] * 20})
    >>> json.loads(to_json(audit(df, label="y", prediction="p", sensitive="g")))["n"]
    40
    """
    return json.dumps(
        to_dict(result, reveal_small_groups=reveal_small_groups),
        indent=indent,
        ensure_ascii=False,
        allow_nan=False,
    )


def to_csv(result: Audit) -> str:
    """Tidy CSV: one row per (group, metric), joined to that metric's disparity if any.

    Examples
    --------
    >>> import polars as pl
    >>> from openpes.fairness import audit
    >>> df = pl.DataFrame({"y": [0, 1] * 20, "p": [1, 1, 0, 0] * 10, "g": ["a", "b"] * 20})
    >>> to_csv(audit(df, label="y", prediction="p", sensitive="g")).splitlines()[0][:33]
    'grouping,group,n,tp,fp,tn,fn,supp'
    """
    sensitive = result.spec.sensitive
    groups = result.groups.with_columns(_describe(pl.col("attributes"), sensitive).alias("group"))
    long = (
        groups.select(
            "grouping",
            "group",
            "n",
            *CELLS,
            "suppressed",
            pl.concat_list(
                pl.struct(
                    pl.lit(m).alias("metric"),
                    pl.col(m).alias("value"),
                    pl.col(f"{m}_ci_low").alias("ci_low"),
                    pl.col(f"{m}_ci_high").alias("ci_high"),
                )
                for m in METRICS
            ).alias("_m"),
        )
        .explode("_m")
        .unnest("_m")
    )
    disparities = result.disparities.with_columns(
        _describe(pl.col("attributes"), sensitive).alias("group"),
        (
            pl.lit("overall")
            if result.reference == "overall"
            else _describe(pl.col("reference"), sensitive)
        ).alias("reference"),
    ).drop("attributes", "value", "reference_value")
    table = long.join(disparities, on=["grouping", "group", "metric"], how="left")
    return table.write_csv()
