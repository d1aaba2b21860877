"""Skill and occupation vocabularies, IDF weights and the ESCO neighbourhood of each skill."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa
import scipy.sparse as sp

if TYPE_CHECKING:
    from openpes.taxonomy import Taxonomy

__all__ = ["RELATIONS", "SkillSpace", "list_matrix", "neighbour_sets"]

#: How a held skill relates to a required one, in the order of preference for explanations.
RELATIONS: tuple[str, ...] = ("related", "broader", "narrower")
# Up to this many people, skill lists are read with a dictionary instead of a join.
_SMALL = 64


def list_matrix(
    lists: pl.Series,
    ids: dict[str, int],
    n_columns: int,
    *,
    weights: npt.NDArray[np.float64] | None = None,
) -> sp.csr_matrix:
    """A rows × vocabulary CSR matrix from a list column; unknown entries are ignored.

    Duplicates count once. With ``weights``, each entry gets the weight of its column.
    """
    exploded = (
        pl.DataFrame({"items": lists})
        .with_row_index("row")
        .explode("items")
        .drop_nulls("items")
        .with_columns(col=pl.col("items").replace_strict(ids, default=None, return_dtype=pl.Int64))
        .drop_nulls("col")
        .unique(["row", "col"])
        .sort(["row", "col"])
    )
    rows = exploded["row"].to_numpy()
    cols = exploded["col"].to_numpy()
    data = np.ones(len(rows)) if weights is None else weights[cols]
    return sp.csr_matrix((data, (rows, cols)), shape=(len(lists), n_columns), dtype=np.float64)


def _edges(taxonomy: Taxonomy) -> pl.DataFrame:
    """(required, held, relation code) for every ESCO skill neighbourhood, both directions."""
    return pl.concat(
        [
            taxonomy.skill_relations.select(
                required=pl.col("skill_uri"), held=pl.col("related_uri"), relation=pl.lit(0)
            ),
            taxonomy.skill_relations.select(
                required=pl.col("related_uri"), held=pl.col("skill_uri"), relation=pl.lit(0)
            ),
            taxonomy.broader_relations.select(
                required=pl.col("uri"), held=pl.col("broader_uri"), relation=pl.lit(1)
            ),
            taxonomy.broader_relations.select(
                required=pl.col("broader_uri"), held=pl.col("uri"), relation=pl.lit(2)
            ),
        ]
    )


@lru_cache(maxsize=4)
def neighbour_sets(taxonomy: Taxonomy) -> dict[str, set[str]]:
    """For each skill, the held skills that earn it partial credit (same rule as the index)."""
    grouped = _edges(taxonomy).group_by("required").agg(pl.col("held").unique())
    return {r: set(h) for r, h in zip(grouped["required"], grouped["held"], strict=True)}


class SkillSpace:
    """The skill vocabulary (the taxonomy's skills, then any others the vacancies use).

    Attributes
    ----------
    uris:
        Skill URIs; a skill's position is its column in every matrix.
    arrow_uris:
        The URIs as an Arrow array, to build the output's skill lists by position.
    adjacency:
        Skill × skill 0/1 matrix: ESCO's related, broader and narrower skills.
    neighbours:
        Long frame ``required, held, relation`` (column positions) for explanations:
        ``held`` relates to ``required`` as ``relation`` (``broader``: the held skill is
        the broader concept).
    """

    def __init__(self, taxonomy: Taxonomy, extra: list[str]) -> None:
        base = taxonomy.skills["uri"].to_list()
        known = set(base)
        self.uris: list[str] = base + sorted({u for u in extra if u not in known})
        self.ids: dict[str, int] = {uri: i for i, uri in enumerate(self.uris)}
        self.table = pl.DataFrame(
            {"uri": self.uris, "col": np.arange(len(self.uris), dtype=np.int64)}
        )
        self.arrow_uris = pa.array(self.uris, type=pa.large_string())
        n = len(self.uris)
        to_id = {"default": None, "return_dtype": pl.Int64}
        neighbours = (
            _edges(taxonomy)
            .with_columns(
                required=pl.col("required").replace_strict(self.ids, **to_id),  # type: ignore[arg-type]
                held=pl.col("held").replace_strict(self.ids, **to_id),  # type: ignore[arg-type]
                relation=pl.col("relation").cast(pl.UInt8),
            )
            .drop_nulls()
            .filter(pl.col("required") != pl.col("held"))
            .group_by(["required", "held"])
            .agg(pl.col("relation").min())
            .sort(["required", "held"])
            .with_columns(pl.col("required", "held").cast(pl.UInt32))
        )
        self.neighbours: pl.DataFrame = neighbours
        self.adjacency = sp.csr_matrix(
            (
                np.ones(neighbours.height),
                (neighbours["held"].to_numpy(), neighbours["required"].to_numpy()),
            ),
            shape=(n, n),
            dtype=np.float64,
        )

    def held(self, skills: pl.Series) -> sp.csr_matrix:
        """Rows × skills 0/1 matrix of the skills each person holds (unknown skills ignored)."""
        lists = skills.fill_null(pl.lit([], dtype=pl.List(pl.String)))
        if len(lists) <= _SMALL:
            # A dictionary lookup beats any columnar join for the web's one-person calls.
            pairs = [
                (r, self.ids[s])
                for r, row in enumerate(lists.to_list())
                for s in row
                if s in self.ids
            ]
            rows = np.array([p[0] for p in pairs], dtype=np.int64)
            columns = np.array([p[1] for p in pairs], dtype=np.int64)
        else:
            long = (
                pl.DataFrame({"uri": lists})
                .with_row_index("row")
                .explode("uri")
                .join(self.table, on="uri")
            )
            rows, columns = long["row"].to_numpy(), long["col"].to_numpy()
        matrix = sp.csr_matrix(
            (np.ones(len(rows)), (rows, columns)), shape=(len(lists), len(self.uris))
        )
        matrix.sum_duplicates()
        return sp.csr_matrix(matrix.sign())

    def credits(self, held: sp.csr_matrix, partial_credit: float) -> sp.csr_matrix:
        """Per skill, 1 if held, ``partial_credit`` if a neighbour is held, else 0."""
        if partial_credit <= 0 or self.adjacency.nnz == 0:
            return held
        reach = (held @ self.adjacency).sign() * partial_credit
        return sp.csr_matrix(held.maximum(reach))


def idf(matrix: sp.csr_matrix) -> npt.NDArray[np.float64]:
    """Smoothed inverse document frequency of each column (as scikit-learn's ``smooth_idf``)."""
    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    return np.log((1.0 + n) / (1.0 + df)) + 1.0


def row_normalised(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Scale each row to sum to 1 (empty rows stay empty)."""
    sums = np.asarray(matrix.sum(axis=1)).ravel()
    scale = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
    return sp.csr_matrix(sp.diags(scale) @ matrix)
