"""The vacancies prepared once: frozen arrays, matrices and masks that scoring reads.

:func:`prepare_vacancies` validates a vacancy frame and builds every part of the index
exactly once; :class:`VacancyParts` holds them and never changes afterwards, so it can be
shared between threads and pickled for Spark. The cache of map areas, which does change,
lives apart in :mod:`openpes.matching._areas`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
import scipy.sparse as sp

from openpes._frames import IntoFrame
from openpes.errors import InputError
from openpes.i18n import messages
from openpes.matching._estimate import occupation_profiles
from openpes.matching._geo import grid_cells
from openpes.matching._schema import CONTRACTS, HOURS, VACANCY_SCHEMA, validate
from openpes.matching._vocabulary import SkillSpace, idf, list_matrix, row_normalised
from openpes.matching._weights import MatchWeights
from openpes.taxonomy import Taxonomy

__all__ = ["Area", "Ints", "VacancyParts", "prepare_vacancies"]

_ = messages("openpes.matching")

Ints = npt.NDArray[np.int64]
#: An area's augmented matrix (skill rows then constraint-class rows, one column per open
#: vacancy in reach) and the vacancy positions of its columns.
Area = tuple[sp.csr_matrix, Ints]
# Covers the stretch of the equirectangular grid away from its reference latitude
# (under 10% across a country the size of Germany or France).
_GRID_SLACK = 1.15


@dataclass(frozen=True, eq=False, repr=False)
class VacancyParts:
    """Everything scoring needs about the vacancies, built once by :func:`prepare_vacancies`.

    The dense arrays are read-only; nothing here changes after it is built.
    """

    weights: MatchWeights
    skills: SkillSpace
    vacancies: pl.DataFrame
    # Vacancy × skill IDF shares (rows sum to 1) and the 0/1 pattern of essential skills.
    essential_share: sp.csr_matrix
    optional_share: sp.csr_matrix
    essential_pattern: sp.csr_matrix
    essential_long: pl.DataFrame
    idf: npt.NDArray[np.float64]
    # Skill rows then constraint-class rows, one column per vacancy (see _score._candidates).
    augmented: sp.csc_matrix
    isco: dict[str, str]
    occupation_ids: dict[str, int]
    occupation_table: pl.DataFrame
    # Skills × occupations ESCO profiles, for people who name no occupation (see _estimate).
    profiles: sp.csr_matrix | None
    vac_occupation: Ints
    vac_unit: Ints
    vac_lat: npt.NDArray[np.float64]
    vac_lon: npt.NDArray[np.float64]
    vac_hours: npt.NDArray[np.int8]
    vac_contract: npt.NDArray[np.int8]
    vac_licence: npt.NDArray[np.bool_]
    vac_languages: Ints
    vac_closes: Ints
    vac_id_rank: Ints
    language_bits: dict[str, int]
    latest: dt.date
    reference_lat: float
    grid_origin: tuple[int, int]
    grid_shape: tuple[int, int]
    classes: Ints
    cells: dict[tuple[int, int], Ints]

    def __post_init__(self) -> None:
        for value in (*vars(self).values(), *self.cells.values()):
            if isinstance(value, np.ndarray):
                value.flags.writeable = False

    def __repr__(self) -> str:
        return f"VacancyParts({len(self)} vacancies, {len(self.skills.uris)} skills)"

    def __len__(self) -> int:
        return self.vacancies.height

    def language_masks(self, lists: pl.Series) -> Ints:
        """One bit per required language of the index, OR-ed over each list of codes.

        Codes no vacancy requires get no bit: they can never be missing.
        """
        return _language_masks(lists, self.language_bits)

    def radius_cells(self, max_distance_km: npt.NDArray[np.float64]) -> Ints:
        """Grid radius (in cells) that covers each maximum distance."""
        return np.ceil(max_distance_km * _GRID_SLACK / self.weights.cell_km).astype(np.int64)

    def area(self, cx: int, cy: int, radius: int, as_of_day: int) -> Area:
        """The open vacancies within ``radius`` cells of (cx, cy), sliced (not cached)."""
        parts = [
            self.cells[(x, y)]
            for x in range(cx - radius, cx + radius + 1)
            for y in range(cy - radius, cy + radius + 1)
            if (x, y) in self.cells
        ]
        columns = np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)
        columns = columns[self.vac_closes[columns] >= as_of_day]
        return sp.csr_matrix(self.augmented[:, columns]), columns


def _codes(values: pl.Series, choices: tuple[str, ...]) -> npt.NDArray[np.int8]:
    """Position of each value in ``choices``; ``-1`` for "any"."""
    mapping = {choice: i for i, choice in enumerate(choices)}
    return values.replace_strict(mapping, default=-1, return_dtype=pl.Int8).to_numpy()


def _language_masks(lists: pl.Series, bits: dict[str, int]) -> Ints:
    values = lists.list.eval(
        pl.element().replace_strict(bits, default=0, return_dtype=pl.Int64).fill_null(0)
    )
    return values.list.unique().list.sum().fill_null(0).cast(pl.Int64).to_numpy()


def _language_bits(data: pl.DataFrame, source: str) -> dict[str, int]:
    languages = sorted(set(data["required_languages"].explode().drop_nulls().to_list()))
    if len(languages) > 63:
        raise InputError(
            # No noun in English, but other languages agree with the count (fr: "64 trouvées").
            _.ngettext(
                "at most 63 different required languages are supported, found {n}",
                "at most 63 different required languages are supported, found {n}",
                len(languages),
            ).format(n=len(languages)),
            file=source,
            column="required_languages",
        )
    return {code: 1 << i for i, code in enumerate(languages)}


def prepare_vacancies(
    vacancies: IntoFrame, *, taxonomy: Taxonomy, weights: MatchWeights, source: str
) -> VacancyParts:
    """Validate ``vacancies`` and build every part of the index (see :class:`VacancyParts`).

    Examples
    --------
    >>> from openpes.synth import generate_world
    >>> world = generate_world(20, 50, 5, seed=1)
    >>> parts = prepare_vacancies(
    ...     world.vacancies, taxonomy=Taxonomy.load(), weights=MatchWeights(), source="v"
    ... )
    >>> len(parts), parts.augmented.shape[1]
    (50, 50)
    """
    data = validate(vacancies, VACANCY_SCHEMA, source=source)
    if data.height == 0:
        raise InputError(
            _("there are no vacancies to match: at least one row was expected"), file=source
        )
    if "optional_skills" not in data.columns:
        data = data.with_columns(optional_skills=pl.lit([], dtype=pl.List(pl.String)))
    data = data.with_columns(
        essential_skills=pl.col("essential_skills").list.unique(maintain_order=True),
        optional_skills=pl.col("optional_skills").list.unique(maintain_order=True),
    )
    extra = pl.concat(
        [data["essential_skills"].explode(), data["optional_skills"].explode()]
    ).drop_nulls()
    skills = SkillSpace(taxonomy, extra.unique().to_list())
    n_skills = len(skills.uris)

    essential = list_matrix(data["essential_skills"], skills.ids, n_skills)
    optional = list_matrix(data["optional_skills"], skills.ids, n_skills)
    weight = idf(sp.csr_matrix(essential + optional).sign())
    essential_share = row_normalised(sp.csr_matrix(essential @ sp.diags(weight)))
    optional_only = row_normalised(sp.csr_matrix(optional @ sp.diags(weight)))
    # A vacancy without optional skills scores O = E: listing none is neither bonus nor penalty.
    no_optional = np.asarray(optional_only.sum(axis=1)).ravel() == 0
    optional_share = sp.csr_matrix(
        optional_only + sp.diags(no_optional.astype(float)) @ essential_share
    )
    w = weights.normalised()
    skill_part = w["essential"] * essential_share + w["optional"] * optional_share

    isco = dict(zip(taxonomy.occupations["uri"], taxonomy.occupations["isco_group"], strict=True))
    if "isco_group" in data.columns:
        filled = data["isco_group"].fill_null(
            data["occupation_uri"].replace_strict(isco, default=None)
        )
    else:
        filled = data["occupation_uri"].replace_strict(isco, default=None, return_dtype=pl.String)
    data = data.with_columns(isco_group=filled)
    occupations = sorted(set(isco) | set(data["occupation_uri"].to_list()))
    occupation_ids = {uri: i for i, uri in enumerate(occupations)}
    occupation_table = pl.DataFrame(
        {"uri": occupations, "occ": np.arange(len(occupations), dtype=np.int64)}
    ).with_columns(
        unit=pl.col("uri")
        .replace_strict(isco, default=None, return_dtype=pl.String)
        .cast(pl.Int64, strict=False)
    )
    profiles = (
        occupation_profiles(taxonomy, skills.ids, occupation_ids, weight)
        if weights.estimate_occupation
        else None
    )
    vac_occupation = (
        data["occupation_uri"].replace_strict(occupation_ids, return_dtype=pl.Int64).to_numpy()
    )
    vac_unit = data["isco_group"].cast(pl.Int64, strict=False).fill_null(-1).to_numpy()

    vac_lat = data["lat"].to_numpy()
    vac_lon = data["lon"].to_numpy()
    vac_hours = _codes(data["hours"], HOURS)
    vac_contract = _codes(data["contract"], CONTRACTS)
    vac_licence = data["requires_driving_licence"].to_numpy()
    language_bits = _language_bits(data, source)
    vac_languages = _language_masks(data["required_languages"], language_bits)
    vac_closes = data["closes_on"].cast(pl.Int64).to_numpy()
    newest = data["posted_on"].max() if "posted_on" in data.columns else None
    earliest_close = data["closes_on"].min()
    if isinstance(newest, dt.date):
        latest = newest
    else:
        latest = earliest_close if isinstance(earliest_close, dt.date) else dt.date.today()

    reference_lat = float(np.mean(vac_lat)) if len(data) else 0.0
    cx, cy = grid_cells(vac_lat, vac_lon, reference_lat=reference_lat, cell_km=weights.cell_km)
    grid_origin = (int(cx.min()), int(cy.min())) if len(data) else (0, 0)
    grid_shape = (
        (int(cx.max()) - grid_origin[0] + 1, int(cy.max()) - grid_origin[1] + 1)
        if len(data)
        else (1, 1)
    )
    stacked = np.stack(
        [
            vac_hours.astype(np.int64),
            vac_contract.astype(np.int64),
            vac_licence.astype(np.int64),
            vac_languages,
        ],
        axis=1,
    )
    classes, class_of = (
        np.unique(stacked, axis=0, return_inverse=True)
        if len(data)
        else (np.zeros((0, 4), np.int64), np.zeros(0, np.int64))
    )
    n_classes = max(len(classes), 1)
    class_rows = sp.csr_matrix(
        (np.ones(len(data)), (np.asarray(class_of).ravel(), np.arange(len(data)))),
        shape=(n_classes, len(data)),
        dtype=np.float64,
    )
    order = np.lexsort((np.arange(len(data)), cy, cx))
    keys = np.stack([cx[order], cy[order]], axis=1)
    starts = (
        np.flatnonzero(np.r_[True, np.any(keys[1:] != keys[:-1], axis=1)])
        if len(data)
        else np.array([], int)
    )
    ends = np.r_[starts[1:], len(order)]
    cells = {
        (int(keys[s, 0]), int(keys[s, 1])): np.sort(order[s:e])
        for s, e in zip(starts, ends, strict=True)
    }
    vac_id_rank = np.argsort(
        np.argsort(data["vacancy_id"].to_numpy(), kind="stable"), kind="stable"
    )

    keep = ["vacancy_id", "occupation_uri", "isco_group"]
    keep += [c for c in ("salary_eur",) if c in data.columns]
    essential_long = (
        data.select(pl.col("essential_skills").alias("skill"))
        .with_row_index("vac")
        .explode("skill")
        .drop_nulls("skill")
        .with_columns(
            skill=pl.col("skill").replace_strict(skills.ids, return_dtype=pl.UInt32),
            pos=pl.int_range(pl.len()).over("vac").cast(pl.UInt32),
        )
    )
    return VacancyParts(
        weights=weights,
        skills=skills,
        vacancies=data.select(keep),
        essential_share=essential_share,
        optional_share=optional_share,
        essential_pattern=sp.csr_matrix(essential_share.sign()),
        essential_long=essential_long,
        idf=weight,
        # Skill rows, then one row per constraint class: see _score._candidates.
        augmented=sp.csc_matrix(sp.vstack([sp.csr_matrix(skill_part.T), class_rows])),
        isco=isco,
        occupation_ids=occupation_ids,
        occupation_table=occupation_table,
        profiles=profiles,
        vac_occupation=vac_occupation,
        vac_unit=vac_unit,
        vac_lat=vac_lat,
        vac_lon=vac_lon,
        vac_hours=vac_hours,
        vac_contract=vac_contract,
        vac_licence=vac_licence,
        vac_languages=vac_languages,
        vac_closes=vac_closes,
        vac_id_rank=vac_id_rank,
        language_bits=language_bits,
        latest=latest,
        reference_lat=reference_lat,
        grid_origin=grid_origin,
        grid_shape=grid_shape,
        classes=classes,
        cells=cells,
    )
