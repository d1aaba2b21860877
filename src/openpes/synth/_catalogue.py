"""Occupations, their skills and their demand, as integer-indexed arrays.

Sampling skills for a million people is done with integer arrays in compressed sparse
row (CSR) layout: ``offsets[o]:offsets[o + 1]`` slices the skills of occupation ``o``.
Strings only come back when the frames are assembled.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import polars as pl

from openpes.errors import InputError
from openpes.i18n import translator
from openpes.synth._demand import load_demand

__all__ = ["Catalogue", "TaxonomyLike", "build_catalogue", "skill_level_of_major"]

_ = translator("openpes.synth").gettext


class TaxonomyLike(Protocol):
    """What the generator needs from :class:`openpes.taxonomy.Taxonomy`."""

    @property
    def occupations(self) -> pl.DataFrame: ...

    @property
    def occupation_skills(self) -> pl.DataFrame: ...


# ISCO-08 skill level of each major group (ILO, ISCO-08 vol. 1, table 2); major group 1
# spans levels 3-4 and 0 (armed forces) spans 1-4, so both get their usual level.
_SKILL_LEVEL_OF_MAJOR = np.array([2, 4, 4, 3, 2, 2, 2, 2, 2, 1], dtype=np.int8)


def skill_level_of_major(major: np.ndarray) -> np.ndarray:
    """ISCO-08 skill level (1-4) of ISCO major groups (0-9)."""
    return _SKILL_LEVEL_OF_MAJOR[major]


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Occupations (sorted by URI) and their essential and optional skills."""

    occupation_uri: pl.Series
    occupation_label: pl.Series
    isco_group: pl.Series
    major: np.ndarray
    skill_level: np.ndarray
    job_offers: np.ndarray
    salary_eur: np.ndarray
    skill_uri: pl.Series
    essential_offsets: np.ndarray
    essential_skills: np.ndarray
    optional_offsets: np.ndarray
    optional_skills: np.ndarray
    fingerprint: str

    @property
    def n_occupations(self) -> int:
        return len(self.occupation_uri)

    @property
    def n_skills(self) -> int:
        return len(self.skill_uri)

    @property
    def essential_count(self) -> np.ndarray:
        return np.diff(self.essential_offsets)

    def essential_matrix(self) -> np.ndarray:
        """Flat boolean ``occupation * n_skills + skill`` -> is the skill essential.

        About 40 MB for ESCO; a direct lookup is several times faster than a binary search
        over the relations when millions of (person, skill) pairs are probed.
        """
        occupation = np.repeat(np.arange(self.n_occupations, dtype=np.int64), self.essential_count)
        matrix = np.zeros(self.n_occupations * self.n_skills, dtype=bool)
        matrix[occupation * self.n_skills + self.essential_skills] = True
        return matrix

    def describe(self) -> dict[str, Any]:
        return {
            "occupations": self.n_occupations,
            "occupations_with_offers": int((self.job_offers > 0).sum()),
            "skills": self.n_skills,
            "essential_relations": len(self.essential_skills),
            "optional_relations": len(self.optional_skills),
            "job_offers": int(self.job_offers.sum()),
            "fingerprint": self.fingerprint,
        }


def _csr(occupation: np.ndarray, skill: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((skill, occupation))
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(occupation, minlength=n), out=offsets[1:])
    return offsets, skill[order].astype(np.int32)


def build_catalogue(taxonomy: TaxonomyLike) -> Catalogue:
    """Join the taxonomy's occupations and skill relations with the demand bundle."""
    occupations = taxonomy.occupations
    relations = taxonomy.occupation_skills
    for frame, name, needed in (
        (occupations, "occupations", ("uri", "label", "isco_group")),
        (relations, "occupation_skills", ("occupation_uri", "skill_uri", "relation")),
    ):
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise InputError(
                _("the taxonomy's {table} table lacks the columns {columns}").format(
                    table=name, columns=", ".join(missing)
                ),
                column=missing[0],
            )
    demand = load_demand().select("occupation_uri", "job_offers", "salary_eur")
    table = (
        occupations.select("uri", "label", pl.col("isco_group").cast(pl.String))
        .unique("uri", keep="first")
        .sort("uri")
        .join(demand, left_on="uri", right_on="occupation_uri", how="left", maintain_order="left")
        .with_columns(
            major=pl.col("isco_group").str.slice(0, 1).cast(pl.Int8, strict=False).fill_null(9),
            job_offers=pl.col("job_offers").fill_null(0),
        )
        .with_columns(
            salary_eur=pl.coalesce(
                "salary_eur",
                pl.col("salary_eur").median().over("major"),
                demand["salary_eur"].median(),
            )
        )
    )
    if table.height == 0:
        raise InputError(_("the taxonomy has no occupations"), column="uri")
    occupation_index = table.select(
        occupation_uri="uri", occupation=pl.int_range(pl.len(), dtype=pl.Int64)
    )
    linked = relations.select("occupation_uri", "skill_uri", "relation").join(
        occupation_index, on="occupation_uri", how="inner"
    )
    skill_uri = linked["skill_uri"].unique().sort()
    skill_index = pl.DataFrame(
        {"skill_uri": skill_uri, "skill": np.arange(len(skill_uri), dtype=np.int64)}
    )
    # A skill listed as both essential and optional for one occupation counts as essential.
    linked = (
        linked.join(skill_index, on="skill_uri", how="inner")
        .with_columns(essential=pl.col("relation") == "essential")
        .group_by("occupation", "skill")
        .agg(pl.col("essential").any())
    )
    n = table.height
    essential = linked.filter(pl.col("essential"))
    optional = linked.filter(~pl.col("essential"))
    essential_offsets, essential_skills = _csr(
        essential["occupation"].to_numpy(), essential["skill"].to_numpy(), n
    )
    optional_offsets, optional_skills = _csr(
        optional["occupation"].to_numpy(), optional["skill"].to_numpy(), n
    )
    major = table["major"].to_numpy().astype(np.int8)
    digest = hashlib.sha256()
    for part in (table["uri"], skill_uri):
        digest.update("\n".join(part.to_list()).encode())
    for array in (essential_offsets, essential_skills, optional_offsets, optional_skills):
        digest.update(np.ascontiguousarray(array).tobytes())
    return Catalogue(
        occupation_uri=table["uri"],
        occupation_label=table["label"],
        isco_group=table["isco_group"],
        major=major,
        skill_level=skill_level_of_major(major),
        job_offers=table["job_offers"].to_numpy().astype(np.float64),
        salary_eur=table["salary_eur"].to_numpy().astype(np.float64),
        skill_uri=skill_uri,
        essential_offsets=essential_offsets,
        essential_skills=essential_skills,
        optional_offsets=optional_offsets,
        optional_skills=optional_skills,
        fingerprint=digest.hexdigest()[:16],
    )
