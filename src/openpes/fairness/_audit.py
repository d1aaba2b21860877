"""The audit: one pass for counts, then groups, disparities and verdicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from openpes._frames import IntoFrame
from openpes.errors import InputError
from openpes.fairness._cells import confusion_cells
from openpes.fairness._disparities import (
    Reference,
    Verdict,
    check_reference,
    disparity_table,
    overall_verdict,
)
from openpes.fairness._engine import CountSpec, Engine, backend_for
from openpes.fairness._groups import group_table
from openpes.fairness._inputs import as_backend_frame, build_spec
from openpes.fairness._metrics import CELLS
from openpes.fairness._policy import DEFAULT_POLICY, Policy, load_policy
from openpes.i18n import messages

__all__ = ["Audit", "audit"]

_ = messages("openpes.fairness")
_HIDDEN = ["rows", *(f"{c}_w2" for c in CELLS)]


@dataclass(frozen=True)
class Audit:
    """The result of :func:`audit`.

    ``groups`` and ``disparities`` are Polars frames in which groups smaller than the
    minimum group size are *suppressed*: their counts and metrics are null. Callers who
    are entitled to the exact small numbers ask for them with
    :meth:`groups_unsuppressed`.

    An audit is data only: reports and exports are functions of it
    (:func:`~openpes.fairness.to_html`, :func:`~openpes.fairness.to_markdown`,
    :func:`~openpes.fairness.to_json`, :func:`~openpes.fairness.to_csv`).
    """

    spec: CountSpec
    policy: Policy
    reference: Reference
    intersections: int
    engine: Engine
    weighted: bool
    disparities: pl.DataFrame
    verdict: Verdict
    _groups: pl.DataFrame = field(repr=False)

    @property
    def n(self) -> float | int:
        """Size of the whole population (weighted when a weight column was given)."""
        value = self._groups["n"][0]
        return float(value) if self.weighted else int(value)

    @property
    def groups(self) -> pl.DataFrame:
        """Every group with counts, rates and intervals; small groups suppressed."""
        full = self._groups
        hide = pl.col("suppressed")
        values = [c for c in full.columns if c not in ("grouping", "attributes", "suppressed")]
        return full.with_columns(pl.when(~hide).then(pl.col(c)).alias(c) for c in values).drop(
            _HIDDEN
        )

    def groups_unsuppressed(self) -> pl.DataFrame:
        """Every group with its exact numbers, small groups included.

        Only for people entitled to see them: small groups can identify individuals.
        """
        return self._groups.drop(_HIDDEN)


def audit(
    data: IntoFrame,
    *,
    label: str,
    prediction: str,
    score: str | None = None,
    sensitive: str | Sequence[str],
    intersections: int = 1,
    reference: Reference = "largest",
    weight: str | None = None,
    policy: Policy | str | None = None,
    min_group_size: int | None = None,
    engine: Engine | None = None,
) -> Audit:
    """Audit decisions for disparities between protected and intersectional groups.

    Parameters
    ----------
    data
        Polars DataFrame or LazyFrame, any frame Narwhals accepts (pandas, PyArrow,
        DuckDB), or a PySpark DataFrame.
    label, prediction
        0/1 (or boolean) columns: what really happened, and what was decided.
    score
        Optional probability column, for AUC, Brier score and calibration error.
    sensitive
        One or more protected-attribute columns. Missing values form ``(missing)``.
    intersections
        Add every combination of up to this many sensitive attributes.
    reference
        ``"largest"`` group, ``"best"`` (most favourable value, per metric),
        ``"overall"`` (each group against everyone else, reported on the overall scale)
        or a mapping ``{attribute: value}``.
    weight
        Optional non-negative weight column; intervals then use Kish's effective size.
    policy
        A :class:`Policy`, a path to a TOML policy, or None for the default policy.
    min_group_size
        Groups with fewer people are suppressed; defaults to the policy's (10).
    engine
        ``"polars"`` or ``"spark"``; by default Spark frames stay on Spark.

    Returns
    -------
    Audit

    Examples
    --------
    >>> import polars as pl
    >>> df = pl.DataFrame({
    ...     "found_work": [1, 0, 1, 1, 0, 0] * 20,
    ...     "high_need": [1, 0, 0, 1, 1, 0] * 20,
    ...     "sex": ["F", "M", "F", "M", "F", None] * 20,
    ... })
    >>> result = audit(df, label="found_work", prediction="high_need", sensitive="sex")
    >>> result.groups["grouping"].to_list()
    ['overall', 'sex', 'sex', 'sex']
    >>> result.verdict in {"pass", "warn", "fail", "insufficient"}
    True
    """
    if isinstance(policy, str):
        policy = load_policy(policy)
    policy = policy or DEFAULT_POLICY
    if min_group_size is not None:
        if (
            isinstance(min_group_size, bool)
            or not isinstance(min_group_size, int)
            or min_group_size < 1
        ):
            raise InputError(
                _("min_group_size must be a positive integer, got {value}").format(
                    value=repr(min_group_size)
                )
            )
        policy = Policy(
            bounds=policy.bounds,
            alpha=policy.alpha,
            correction=policy.correction,
            min_group_size=min_group_size,
            favourable_prediction=policy.favourable_prediction,
        )
    frame, engine_name = as_backend_frame(data, engine)
    backend = backend_for(frame, engine_name)
    spec = build_spec(
        backend.columns(frame),
        label=label,
        prediction=prediction,
        score=score,
        sensitive=sensitive,
        weight=weight,
        intersections=intersections,
    )
    counts = backend.cells(frame, spec)
    cells = confusion_cells(counts.cells, spec)
    if isinstance(reference, Mapping):
        reference = {str(k): str(v) for k, v in reference.items()}
    check_reference(reference, spec.sensitive, cells)
    groups = group_table(
        cells,
        counts.calibration,
        counts.ranking,
        counts.ranking_keys,
        spec.sensitive,
        intersections,
    )
    suppressed = groups["rows"].to_numpy() < policy.min_group_size
    groups = groups.with_columns(pl.Series("suppressed", suppressed))
    if not weight:
        groups = groups.with_columns(pl.col(["n", *CELLS]).cast(pl.Int64))
    order = ["grouping", "attributes", "rows", "n", *CELLS, "suppressed"]
    groups = groups.select(*order, pl.exclude(order))
    disparities = disparity_table(
        groups, np.asarray(suppressed), reference=reference, policy=policy
    )
    return Audit(
        spec=spec,
        policy=policy,
        reference=reference,
        intersections=intersections,
        engine=engine_name,
        weighted=weight is not None,
        disparities=disparities,
        verdict=overall_verdict(disparities["verdict"].to_list()),
        _groups=groups,
    )
