"""Exact AUC for every group of every grouping, from one sort of the scores.

The scores are sorted once. For a grouping, a stable sort by group number (a radix
sort on small integers) keeps each group's scores in order, so a running sum of the
negatives gives, for each positive, how many negatives of its own group score lower:
the Mann–Whitney count. Tied scores count half, as in scikit-learn's ``roc_auc_score``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from openpes.fairness._cells import normalise_keys
from openpes.fairness._engine import ECE_BINS

__all__ = ["ScoreRanking"]

Array = npt.NDArray[np.float64]


class ScoreRanking:
    """All scores sorted once, ready to give the AUC of any grouping of the cells.

    Parameters
    ----------
    ranking
        One row per score (or grid step) with ``_key``, ``_label``, ``_s`` and, when
        weighted or binned, ``_w``.
    ranking_keys
        The raw sensitive values of each ``_key``.
    cell_keys
        The finest cells, one row each, in the order their index refers to.
    sensitive
        The sensitive attribute names.
    """

    def __init__(
        self,
        ranking: pl.DataFrame,
        ranking_keys: pl.DataFrame,
        cell_keys: pl.DataFrame,
        sensitive: tuple[str, ...],
    ) -> None:
        keys = list(sensitive)
        # Raw keys (nulls, any dtype) -> the normalised finest cell they belong to.
        to_cell = (
            normalise_keys(ranking_keys, sensitive)
            .join(cell_keys.select(keys).with_row_index("_cell"), on=keys, how="left")
            .sort("_key")["_cell"]
            .to_numpy()
        )
        weighted = "_w" in ranking.columns
        flat = ranking.select(
            "_key",
            pl.col("_label").cast(pl.Int8),
            pl.col("_s").cast(pl.Float64),
            *(["_w"] if weighted else []),
        ).sort(
            # Positives before negatives among equal scores, so the running count of
            # negatives before a positive is the count of strictly lower negatives.
            ["_s", "_label"],
            descending=[False, True],
        )
        self.sensitive = keys
        self.cell_keys = cell_keys.select(keys)
        self.cell = to_cell[flat["_key"].to_numpy()]
        self.score = flat["_s"].to_numpy()
        self.label = flat["_label"].to_numpy().astype(bool)
        self.weight = flat["_w"].to_numpy().astype(np.float64) if weighted else None
        del flat
        # Unweighted audits keep one byte per row for the labels instead of two floats.
        self.positive = None if self.weight is None else np.where(self.label, self.weight, 0.0)
        self.negative = None if self.weight is None else np.where(self.label, 0.0, self.weight)
        same_as_next = np.zeros(self.score.size, dtype=bool)
        if self.score.size > 1:
            same_as_next[:-1] = self.score[1:] == self.score[:-1]
        self.tied = same_as_next | np.roll(same_as_next, 1)
        cells = cell_keys.height
        self.cell_rows = np.bincount(self.cell, minlength=cells).astype(np.float64)
        if self.positive is None or self.negative is None:
            self.cell_positive = np.bincount(self.cell[self.label], minlength=cells).astype(
                np.float64
            )
            self.cell_negative = self.cell_rows - self.cell_positive
        else:
            self.cell_positive = np.bincount(self.cell, self.positive, minlength=cells)
            self.cell_negative = np.bincount(self.cell, self.negative, minlength=cells)

    def _weight(self, mask: npt.NDArray[np.bool_]) -> Array:
        return np.ones(int(mask.sum())) if self.weight is None else self.weight[mask]

    def calibration_table(self) -> pl.DataFrame:
        """Per (cell, label, calibration bin): summed weight and weighted score.

        The same table the Spark engine computes with a group-by, here from the scores
        already in memory, which saves a second pass over the rows.
        """
        bins = np.clip(np.floor(self.score * ECE_BINS), 0, ECE_BINS - 1).astype(np.int64)
        key = (self.cell.astype(np.int64) * 2 + self.label) * ECE_BINS + bins
        size = self.cell_keys.height * 2 * ECE_BINS
        counts = np.bincount(key, minlength=size)
        present = counts > 0
        if self.weight is None:
            w = counts.astype(np.float64)
            ws = np.bincount(key, self.score, minlength=size)
        else:
            w = np.bincount(key, self.weight, minlength=size)
            ws = np.bincount(key, self.weight * self.score, minlength=size)
        index = np.flatnonzero(present)
        table = pl.DataFrame(
            {
                "_cell": index // (2 * ECE_BINS),
                "_label": ((index // ECE_BINS) % 2).astype(np.int8),
                "_bin": (index % ECE_BINS).astype(np.int8),
                "w": w[index],
                "ws": ws[index],
            }
        )
        cells = self.cell_keys.with_row_index("_cell").with_columns(pl.col("_cell").cast(pl.Int64))
        return table.join(cells, on="_cell", how="left").drop("_cell")

    def auc(self, group_of_cell: npt.NDArray[np.int64], groups: int) -> Array:
        """AUC per group, given each cell's group number (NaN where a class is absent)."""
        sizes = np.bincount(group_of_cell, self.cell_rows, minlength=groups).astype(np.int64)
        positives = np.bincount(group_of_cell, self.cell_positive, minlength=groups)
        negatives = np.bincount(group_of_cell, self.cell_negative, minlength=groups)
        order = None
        if groups > 1:
            dtype = np.int16 if groups < 2**15 else np.int64  # int16 sorts by radix
            order = np.argsort(group_of_cell.astype(dtype)[self.cell], kind="stable")
        if self.positive is None or self.negative is None:
            # Unweighted: move one byte per row instead of two float arrays.
            label = self.label if order is None else self.label[order]
            neg = (~label).astype(np.float64)
            pos = label.astype(np.float64)
            del label
        elif order is None:
            neg, pos = self.negative, self.positive
        else:
            neg, pos = self.negative[order], self.positive[order]
        del order
        # In group order each group is one block; a running sum of negatives, less the
        # negatives of the blocks before, counts the group's negatives below each row.
        offsets = np.concatenate([[0.0], np.cumsum(negatives)[:-1]])
        below = np.cumsum(neg)
        below -= neg
        del neg
        below -= np.repeat(offsets, sizes)
        below *= pos
        u = np.zeros(groups)
        filled = sizes > 0
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        u[filled] = np.add.reduceat(below, starts[filled])
        if self.tied.any():
            ties = (
                pl.DataFrame(
                    {
                        "g": group_of_cell[self.cell[self.tied]],
                        "s": self.score[self.tied],
                        "pos": self.label[self.tied] * self._weight(self.tied),
                        "neg": ~self.label[self.tied] * self._weight(self.tied),
                    }
                )
                .group_by("g", "s")
                .agg((pl.col("pos").sum() * pl.col("neg").sum()).alias("pairs"))
                .group_by("g")
                .agg(pl.col("pairs").sum())
            )
            u += 0.5 * np.bincount(ties["g"].to_numpy(), ties["pairs"].to_numpy(), minlength=groups)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where((positives > 0) & (negatives > 0), u / (positives * negatives), np.nan)
