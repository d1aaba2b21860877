"""The occupation a person's skills point to, for people who name no occupation.

Occupation fit needs a basis: a past or wished occupation. When a person lists neither, the
closest ESCO occupation profile stands in: each occupation's essential (weight 1) and optional
(weight ``OPTIONAL_SHARE``) skills, IDF-weighted like the vacancies, compared with the person's
IDF-weighted held skills by cosine similarity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import polars as pl
import scipy.sparse as sp

if TYPE_CHECKING:
    from openpes.taxonomy import Taxonomy

__all__ = ["OPTIONAL_SHARE", "closest_occupations", "occupation_profiles"]

#: Weight of an optional skill in an occupation profile (an essential skill weighs 1).
OPTIONAL_SHARE = 0.5


def occupation_profiles(
    taxonomy: Taxonomy,
    skill_ids: dict[str, int],
    occupation_ids: dict[str, int],
    idf: npt.NDArray[np.float64],
) -> sp.csr_matrix:
    """Skills × occupations matrix of IDF-weighted, L2-normalised ESCO skill profiles."""
    to_id = {"default": None, "return_dtype": pl.Int64}
    links = (
        taxonomy.occupation_skills.select(
            occ=pl.col("occupation_uri").replace_strict(occupation_ids, **to_id),  # type: ignore[arg-type]
            skill=pl.col("skill_uri").replace_strict(skill_ids, **to_id),  # type: ignore[arg-type]
            weight=pl.when(pl.col("relation") == "essential").then(1.0).otherwise(OPTIONAL_SHARE),
        )
        .drop_nulls()
        .group_by(["occ", "skill"])
        .agg(pl.col("weight").max())
    )
    skill = links["skill"].to_numpy()
    occ = links["occ"].to_numpy()
    values = links["weight"].to_numpy() * idf[skill]
    norms = np.sqrt(np.bincount(occ, weights=values**2, minlength=len(occupation_ids)))
    values = values / norms[occ]
    matrix = sp.csr_matrix(
        (values, (skill, occ)), shape=(len(idf), len(occupation_ids)), dtype=np.float64
    )
    matrix.sort_indices()
    return matrix


def closest_occupations(
    held: sp.csr_matrix, profiles: sp.csr_matrix, idf: npt.NDArray[np.float64]
) -> npt.NDArray[np.int64]:
    """Per row of ``held``, the occupation id with the most similar profile; -1 for none.

    Ties go to the lowest occupation id (the first URI in alphabetical order).
    """
    if held.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    # The person's norm scales a whole row, so it cannot change the row's best occupation.
    similarity = sp.csr_matrix(held @ sp.diags(idf) @ profiles)
    similarity.sort_indices()
    best = np.asarray(similarity.argmax(axis=1)).ravel().astype(np.int64)
    top = np.asarray(similarity.max(axis=1).toarray()).ravel()
    return np.where(top > 0, best, -1)
