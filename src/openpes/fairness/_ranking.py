"""Exact AUC for every group of every grouping, from one packed key per score.

Each score and its label are packed into one 64-bit sort key: the bits of a
non-negative double order like the double itself, and one spare bit below them holds
"is negative", so among equal scores positives sort first. The keys are grouped by
finest cell once (a radix sort on the cell number). For a grouping, the keys of the
cells in a group are laid side by side and sorted (a sort of plain integers, without
an index, is several times faster than an argsort), and the Mann–Whitney count
follows from the positions of the positives: a positive at position ``r`` of its
group, with ``k`` positives before it, has ``r - k`` negatives strictly below it.
Tied scores count half, as in scikit-learn's ``roc_auc_score``. Weighted (and
Spark's binned) scores take the same route with an argsort, so the weights follow
their keys.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from openpes.fairness._cells import normalise_keys
from openpes.fairness._engine import ECE_BINS

__all__ = ["ScoreRanking"]

Array = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def _sort_keys(scores: Array, positive: npt.NDArray[np.bool_]) -> Ints:
    """One int64 per row that sorts by score, positives before negatives on ties."""
    # Scores are checked to be >= 0, so the sign bit is set only for -0.0, and the shift
    # drops it: -0.0 and 0.0 get the same key.
    keys = scores.view(np.int64) << 1
    keys |= ~positive
    return keys


class ScoreRanking:
    """Every score as a packed sort key, grouped by finest cell, for the AUC of any grouping.

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
        cells = cell_keys.height
        self.cell_keys = cell_keys.select(keys)
        small = np.int16 if cells < 2**15 else np.int64  # a stable sort of int16 is a radix sort
        cell = to_cell.astype(small)[ranking["_key"].to_numpy()]
        # Rows of the ranking per cell (on Spark a row is a grid step, not a person).
        sizes = np.bincount(cell, minlength=cells)
        by_cell = np.argsort(cell, kind="stable")
        del cell
        label = ranking["_label"].cast(pl.Boolean).to_numpy()
        keys_by_cell = _sort_keys(ranking["_s"].cast(pl.Float64).to_numpy(), label)[by_cell]
        del label
        weight = None
        if "_w" in ranking.columns:
            weight = ranking["_w"].cast(pl.Float64).to_numpy()[by_cell]
        del by_cell
        self.sizes = sizes
        self.starts = np.concatenate([[0], np.cumsum(sizes)])
        if weight is not None:
            # Sorted runs per cell let the stable sort of a group merge them (``auc``);
            # unweighted keys gain nothing from it, as their sort does not exploit runs.
            for c in np.flatnonzero(sizes):
                run = slice(self.starts[c], self.starts[c + 1])
                within = np.argsort(keys_by_cell[run])
                keys_by_cell[run] = keys_by_cell[run][within]
                weight[run] = weight[run][within]
        #: Sort keys, grouped by finest cell (and sorted within each cell when weighted).
        self.keys = keys_by_cell
        #: Weights aligned with ``keys``; None when every row counts once.
        self.weight = weight
        # The cell table already holds each cell's (weighted) positives and negatives.
        counts = cell_keys.select(
            (pl.col("tp") + pl.col("fn")).cast(pl.Float64).alias("positive"),
            (pl.col("fp") + pl.col("tn")).cast(pl.Float64).alias("negative"),
        )
        self.cell_positive = counts["positive"].to_numpy()
        self.cell_negative = counts["negative"].to_numpy()
        #: False once the whole population showed no tied scores (none within a group then).
        self.has_ties: bool | None = None

    def scores(self) -> Array:
        """The scores, in the order of ``keys``."""
        return (self.keys >> 1).view(np.float64)

    def calibration_table(self) -> pl.DataFrame:
        """Per (cell, label, calibration bin): summed weight and weighted score.

        The same table the Spark engine computes with a group-by, here from the scores
        already in memory, which saves a second pass over the rows.
        """
        score = self.scores()
        # key = (cell * 2 + label) * ECE_BINS + bin; for scores >= 0, truncation is floor.
        scaled = score * ECE_BINS
        key = scaled.astype(np.int64)
        del scaled
        np.minimum(key, ECE_BINS - 1, out=key)
        for c in np.flatnonzero(self.sizes):
            key[self.starts[c] : self.starts[c + 1]] += c * 2 * ECE_BINS
        key[_is_positive(self.keys)] += ECE_BINS
        size = self.cell_keys.height * 2 * ECE_BINS
        counts = np.bincount(key, minlength=size)
        present = counts > 0
        if self.weight is None:
            w = counts.astype(np.float64)
            ws = np.bincount(key, score, minlength=size)
        else:
            w = np.bincount(key, self.weight, minlength=size)
            ws = np.bincount(key, self.weight * score, minlength=size)
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

    def auc(self, group_of_cell: Ints, groups: int) -> Array:
        """AUC per group, given each cell's group number (NaN where a class is absent)."""
        positives = np.bincount(group_of_cell, self.cell_positive, minlength=groups)
        negatives = np.bincount(group_of_cell, self.cell_negative, minlength=groups)
        # Lay each group's cells side by side, then sort each group's block.
        cell_order = np.argsort(group_of_cell, kind="stable")
        blocks = [
            slice(self.starts[c], self.starts[c + 1]) for c in cell_order if self.sizes[c] > 0
        ]
        keys = np.concatenate([self.keys[b] for b in blocks]) if blocks else self.keys[:0]
        weight: Array | None = None
        if self.weight is not None:
            weight = np.concatenate([self.weight[b] for b in blocks]) if blocks else np.zeros(0)
        del blocks
        sizes = np.bincount(group_of_cell, self.sizes, minlength=groups).astype(np.int64)
        starts = np.concatenate([[0], np.cumsum(sizes)])
        for g in np.flatnonzero(sizes):
            block = slice(starts[g], starts[g + 1])
            if weight is None:
                keys[block].sort()
            else:
                # Runs already sorted per cell: the stable sort merges them.
                within = np.argsort(keys[block], kind="stable")
                keys[block] = keys[block][within]
                weight[block] = weight[block][within]
        if weight is None:
            twice_u = 2 * _strict_pairs(keys, starts)
        else:
            twice_u = 2 * _strict_pairs_weighted(keys, weight, starts)
        if self.has_ties is not False:
            ties = _tied_pairs(keys, weight, starts)
            if groups == 1:
                self.has_ties = ties is not None
            if ties is not None:
                twice_u += ties
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(
                (positives > 0) & (negatives > 0), twice_u / 2 / (positives * negatives), np.nan
            )


def _is_positive(keys: Ints) -> npt.NDArray[np.bool_]:
    """The label of each sort key (positives have the lowest bit clear)."""
    if np.little_endian and keys.flags.c_contiguous:
        # Reading one byte in eight is much cheaper than int64 arithmetic on all of them.
        return (keys.view(np.uint8)[:: keys.itemsize] & 1) == 0
    return (keys & 1) == 0


def _group_sums(values: npt.NDArray[Any], at: Ints, groups: int) -> npt.NDArray[Any]:
    """Sum ``values`` over consecutive runs that begin at ``at`` (empty runs give 0)."""
    out = np.zeros(groups, dtype=values.dtype)
    bounds = np.concatenate([at, [values.size]])
    filled = np.flatnonzero(bounds[1:] > bounds[:-1])
    if filled.size:
        out[filled] = np.add.reduceat(values, at[filled])
    return out


def _strict_pairs(keys: Ints, starts: Ints) -> Array:
    """Per group, the number of (positive, negative) pairs with the negative lower.

    With positives first among ties, a positive at position ``r`` of its group, with
    ``k`` positives before it in the group, has ``r - k`` negatives strictly below it;
    summed over the group's ``P`` positives that is ``sum(r) - P (P - 1) / 2``.
    """
    at = np.flatnonzero(_is_positive(keys))
    groups = starts.size - 1
    first = np.searchsorted(at, starts[:-1])
    count = np.diff(np.append(first, at.size))
    position_sum = _group_sums(at, first, groups)
    pairs = position_sum - count * starts[:-1] - count * (count - 1) // 2
    return pairs.astype(np.float64)


def _strict_pairs_weighted(keys: Ints, weight: Array, starts: Ints) -> Array:
    """Weighted ``_strict_pairs``: sum of w(pos) w(neg) with the negative lower."""
    groups = starts.size - 1
    if keys.size == 0:
        return np.zeros(groups)
    negative = (keys & 1).astype(bool)
    neg = np.where(negative, weight, 0.0)
    below = np.cumsum(neg)
    # The running sum at a group's first row, less the negatives of the groups before.
    before = np.where(starts[:-1] > 0, below[np.maximum(starts[:-1] - 1, 0)], 0.0)
    below -= neg
    below -= np.repeat(before, np.diff(starts))
    below *= np.where(negative, 0.0, weight)
    return _group_sums(below, starts[:-1], groups).astype(np.float64)


def _tied_pairs(keys: Ints, weight: Array | None, starts: Ints) -> Array | None:
    """Per group, the (weighted) number of positive–negative pairs with equal scores.

    None when no two scores in the same group are equal.
    """
    groups = starts.size - 1
    score = keys >> 1
    new_block = np.ones(keys.size, dtype=bool)
    new_block[1:] = score[1:] != score[:-1]
    new_block[starts[:-1][starts[:-1] < keys.size]] = True
    if new_block.all():
        return None
    del score
    block_starts = np.flatnonzero(new_block)
    del new_block
    negative = (keys & 1).astype(bool)
    w = np.ones(keys.size) if weight is None else weight
    pos = np.add.reduceat(np.where(negative, 0.0, w), block_starts)
    neg = np.add.reduceat(np.where(negative, w, 0.0), block_starts)
    block_group = np.searchsorted(starts, block_starts, side="right") - 1
    return np.bincount(block_group, pos * neg, minlength=groups)
