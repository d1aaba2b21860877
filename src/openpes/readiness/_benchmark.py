"""Anonymous peer benchmarking with a k-anonymity threshold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.readiness._scoring import Result

_ = messages("openpes.readiness")

__all__ = [
    "MIN_CONTRIBUTORS",
    "Benchmark",
    "DimensionBenchmark",
    "GroupBenchmark",
    "Quartiles",
    "SharedResult",
    "benchmark",
    "share",
]

#: No distribution is ever shown from fewer contributors than this, whatever ``k`` asks for.
MIN_CONTRIBUTORS = 5
GroupBy = Literal["region", "size_band"]
Position = Literal["bottom_quarter", "lower_middle", "upper_middle", "top_quarter"]
OVERALL = "overall"


@dataclass(frozen=True)
class SharedResult:
    """What an opted-in organisation shares: scores and a coarse profile, no identity."""

    framework_id: str
    framework_version: str
    dimensions: Mapping[str, float]
    overall: float
    region: str | None = None
    size_band: str | None = None


@dataclass(frozen=True)
class Quartiles:
    """First quartile, median and third quartile (never the minimum or maximum, which are
    one organisation's exact score)."""

    q1: float
    median: float
    q3: float


@dataclass(frozen=True)
class DimensionBenchmark:
    """Your score on a dimension and, when enough peers contributed, where you stand."""

    dimension_id: str
    own: float
    quartiles: Quartiles | None
    position: Position | None


@dataclass(frozen=True)
class GroupBenchmark:
    """The distribution within one region or size band."""

    value: str
    contributors: int
    dimensions: tuple[DimensionBenchmark, ...]


@dataclass(frozen=True)
class Benchmark:
    """The peer benchmark.

    Below the threshold ``shown`` is False and only your own scores remain: no quartiles,
    no position, not even the number of contributors.
    """

    contributors: int | None
    k: int
    shown: bool
    dimensions: tuple[DimensionBenchmark, ...]
    group_by: GroupBy | None
    groups: tuple[GroupBenchmark, ...] | None
    groups_shown: bool


def share(
    result: Result, *, region: str | None = None, size_band: str | None = None
) -> SharedResult:
    """Strip a result down to what may be shared with peers: scores and a coarse profile.

    Examples
    --------
    >>> from openpes.readiness import Assessment, Respondent, score
    >>> one = Assessment("PES of Examplia (fictional)", (Respondent("r1", "leadership"),))
    >>> shared = share(score(one))
    >>> "Examplia" in repr(shared)
    False
    """
    return SharedResult(
        framework_id=result.framework_id,
        framework_version=result.framework_version,
        dimensions={d.dimension_id: d.score for d in result.dimensions},
        overall=result.score,
        region=region,
        size_band=size_band,
    )


def _own(result: Result) -> dict[str, float]:
    return {OVERALL: result.score} | {d.dimension_id: d.score for d in result.dimensions}


def _distribution(
    own: dict[str, float], peers: Sequence[SharedResult]
) -> tuple[DimensionBenchmark, ...]:
    keys = list(own)
    matrix = np.array(
        [[p.overall] + [p.dimensions[k] for k in keys[1:]] for p in peers], dtype=float
    )
    q1, median, q3 = np.percentile(matrix, [25, 50, 75], axis=0)
    mine = np.array([own[k] for k in keys])
    band = (mine >= q1).astype(int) + (mine >= median) + (mine >= q3)
    names: tuple[Position, ...] = ("bottom_quarter", "lower_middle", "upper_middle", "top_quarter")
    return tuple(
        DimensionBenchmark(
            dimension_id=k,
            own=own[k],
            quartiles=Quartiles(float(q1[i]), float(median[i]), float(q3[i])),
            position=names[int(band[i])],
        )
        for i, k in enumerate(keys)
    )


def benchmark(
    own: Result,
    shared: Sequence[SharedResult],
    *,
    group_by: GroupBy | None = None,
    k: int = MIN_CONTRIBUTORS,
) -> Benchmark:
    """Compare your scores with the anonymous scores peers chose to share.

    The distribution per dimension (quartiles and your position) is shown only when at
    least ``k`` organisations contributed. A grouping by region or size band is shown only
    when *every* group has at least ``k`` contributors: hiding just the small groups would
    let anyone recover them by subtracting the others from the total.

    Parameters
    ----------
    own:
        Your scored assessment.
    shared:
        Results shared by opted-in organisations (yours may be among them). Results of
        another framework or version are left out.
    group_by:
        Also show the distribution within each region or size band.
    k:
        The minimum number of contributors; at least 5.

    Returns
    -------
    Benchmark

    Examples
    --------
    >>> from openpes.readiness import demo_organisations, score
    >>> results = [score(a) for a in demo_organisations()]
    >>> bench = benchmark(results[0], [share(r) for r in results])
    >>> bench.shown, bench.contributors
    (True, 12)
    """
    if k < MIN_CONTRIBUTORS:
        raise InputError(
            _("k must be at least {min} to keep contributors anonymous, got {k}").format(
                min=MIN_CONTRIBUTORS, k=k
            )
        )
    peers = [
        p
        for p in shared
        if (p.framework_id, p.framework_version) == (own.framework_id, own.framework_version)
    ]
    mine = _own(own)
    for row, p in enumerate(peers):
        missing = set(mine) - {OVERALL} - set(p.dimensions)
        if missing:
            raise InputError(
                _.ngettext(
                    "shared result lacks dimension {dimensions}",
                    "shared result lacks dimensions {dimensions}",
                    len(missing),
                ).format(dimensions=", ".join(sorted(missing))),
                row=row,
            )
    shown = len(peers) >= k
    if shown:
        dimensions = _distribution(mine, peers)
    else:
        dimensions = tuple(
            DimensionBenchmark(key, value, None, None) for key, value in mine.items()
        )
    groups: tuple[GroupBenchmark, ...] | None = None
    groups_shown = False
    if group_by is not None and shown:
        values: dict[str, list[SharedResult]] = {}
        for p in peers:
            value = getattr(p, group_by)
            values.setdefault(value if value is not None else "", []).append(p)
        groups_shown = all(len(members) >= k for members in values.values())
        if groups_shown:
            groups = tuple(
                GroupBenchmark(value, len(members), _distribution(mine, members))
                for value, members in sorted(values.items())
            )
    return Benchmark(
        contributors=len(peers) if shown else None,
        k=k,
        shown=shown,
        dimensions=dimensions,
        group_by=group_by,
        groups=groups,
        groups_shown=groups_shown,
    )
