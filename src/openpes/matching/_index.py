"""``MatchIndex``: the vacancies prepared once, for one job seeker or a national batch."""

from __future__ import annotations

import datetime as dt
import os
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt
import polars as pl
import scipy.sparse as sp

from openpes.errors import InputError
from openpes.i18n import translator
from openpes.matching._estimate import occupation_profiles
from openpes.matching._geo import grid_cells
from openpes.matching._schema import CONTRACTS, HOURS, JOBSEEKER_SCHEMA, VACANCY_SCHEMA, validate
from openpes.matching._score import score_chunk
from openpes.matching._vocabulary import SkillSpace, idf, list_matrix, row_normalised
from openpes.matching._weights import MatchWeights

if TYPE_CHECKING:
    from openpes.taxonomy import Taxonomy

__all__ = ["AsOf", "MatchIndex", "MatchResult"]

_ = translator("openpes.matching").gettext

AsOf = dt.date | Literal["today", "latest"]
Ints = npt.NDArray[np.int64]
# Covers the stretch of the equirectangular grid away from its reference latitude
# (under 10% across a country the size of Germany or France).
_GRID_SLACK = 1.15
# Areas (grid neighbourhoods) kept ready; a national batch touches a few hundred, of a few
# megabytes each. The byte budget, not the count, bounds the memory of a long batch.
_AREA_CACHE = 512
_AREA_BYTES = 2_000_000_000


@dataclass(frozen=True)
class MatchResult:
    """Suggestions and, per job seeker, how many vacancies each hard constraint ruled out.

    Attributes
    ----------
    suggestions:
        One row per suggestion (see :meth:`MatchIndex.suggest`).
    dropped:
        ``jobseeker_id`` and one count per constraint in :data:`CONSTRAINTS`: of all the
        vacancies in the index, how many fail that constraint for this person (a vacancy
        failing two constraints counts in both).
    """

    suggestions: pl.DataFrame
    dropped: pl.DataFrame


def _nbytes(matrix: sp.csr_matrix) -> int:
    return int(matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes)


def _codes(values: pl.Series, choices: tuple[str, ...]) -> npt.NDArray[np.int8]:
    """Position of each value in ``choices``; ``-1`` for "any"."""
    mapping = {choice: i for i, choice in enumerate(choices)}
    return values.replace_strict(mapping, default=-1, return_dtype=pl.Int8).to_numpy()


class MatchIndex:
    """Vacancies prepared for matching: skill matrices, a spatial grid and constraint arrays.

    Build it once with :meth:`build` and reuse it; it is immutable and can be pickled (the
    Spark engine broadcasts it).
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
    # Skill rows then constraint-class rows, one column per vacancy (see _score).
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
    _areas: OrderedDict[tuple[int, int, int, int], tuple[sp.csr_matrix, Ints]]
    _area_bytes: int

    @classmethod
    def build(
        cls,
        vacancies: Any,
        *,
        taxonomy: Taxonomy,
        weights: MatchWeights | None = None,
        source: str = "vacancies",
    ) -> MatchIndex:
        """Prepare vacancies for matching.

        Parameters
        ----------
        vacancies:
            A frame with the columns of :data:`VACANCY_SCHEMA` (``openpes synth`` writes them).
        taxonomy:
            The ESCO taxonomy: skill neighbourhoods and ISCO-08 groups.
        weights:
            The score weights; :class:`MatchWeights` defaults when omitted.
        source:
            Name of the input, for error messages (a file name).

        Examples
        --------
        >>> from openpes.synth import generate_world
        >>> from openpes.taxonomy import Taxonomy
        >>> world = generate_world(20, 50, 5, seed=1)
        >>> index = MatchIndex.build(world.vacancies, taxonomy=Taxonomy.load())
        >>> len(index)
        50
        """
        self = cls.__new__(cls)
        self.weights = weights or MatchWeights()
        data = validate(vacancies, VACANCY_SCHEMA, source=source)
        if "optional_skills" not in data.columns:
            data = data.with_columns(optional_skills=pl.lit([], dtype=pl.List(pl.String)))
        data = data.with_columns(
            essential_skills=pl.col("essential_skills").list.unique(maintain_order=True),
            optional_skills=pl.col("optional_skills").list.unique(maintain_order=True),
        )
        extra = pl.concat(
            [data["essential_skills"].explode(), data["optional_skills"].explode()]
        ).drop_nulls()
        self.skills = SkillSpace(taxonomy, extra.unique().to_list())
        n_skills = len(self.skills.uris)

        essential = list_matrix(data["essential_skills"], self.skills.ids, n_skills)
        optional = list_matrix(data["optional_skills"], self.skills.ids, n_skills)
        weight = idf(sp.csr_matrix(essential + optional).sign())
        self.essential_share = row_normalised(sp.csr_matrix(essential @ sp.diags(weight)))
        optional_share = row_normalised(sp.csr_matrix(optional @ sp.diags(weight)))
        # A vacancy without optional skills scores O = E: listing none is neither bonus nor penalty.
        no_optional = np.asarray(optional_share.sum(axis=1)).ravel() == 0
        self.optional_share = sp.csr_matrix(
            optional_share + sp.diags(no_optional.astype(float)) @ self.essential_share
        )
        w = self.weights.normalised()
        skill_part = w["essential"] * self.essential_share + w["optional"] * self.optional_share
        self.idf = weight

        isco = dict(
            zip(taxonomy.occupations["uri"], taxonomy.occupations["isco_group"], strict=True)
        )
        if "isco_group" in data.columns:
            filled = data["isco_group"].fill_null(
                data["occupation_uri"].replace_strict(isco, default=None)
            )
        else:
            filled = data["occupation_uri"].replace_strict(
                isco, default=None, return_dtype=pl.String
            )
        data = data.with_columns(isco_group=filled)
        self.isco = isco
        occupations = sorted(set(isco) | set(data["occupation_uri"].to_list()))
        self.occupation_ids = {uri: i for i, uri in enumerate(occupations)}
        self.occupation_table = pl.DataFrame(
            {"uri": occupations, "occ": np.arange(len(occupations), dtype=np.int64)}
        ).with_columns(
            unit=pl.col("uri")
            .replace_strict(isco, default=None, return_dtype=pl.String)
            .cast(pl.Int64, strict=False)
        )
        self.profiles = (
            occupation_profiles(taxonomy, self.skills.ids, self.occupation_ids, weight)
            if self.weights.estimate_occupation
            else None
        )
        self.vac_occupation = (
            data["occupation_uri"]
            .replace_strict(self.occupation_ids, return_dtype=pl.Int64)
            .to_numpy()
        )
        self.vac_unit = data["isco_group"].cast(pl.Int64, strict=False).fill_null(-1).to_numpy()

        self.vac_lat = data["lat"].to_numpy()
        self.vac_lon = data["lon"].to_numpy()
        self.vac_hours = _codes(data["hours"], HOURS)
        self.vac_contract = _codes(data["contract"], CONTRACTS)
        self.vac_licence = data["requires_driving_licence"].to_numpy()
        languages = sorted(set(data["required_languages"].explode().drop_nulls().to_list()))
        if len(languages) > 63:
            raise InputError(
                _("at most 63 different required languages are supported, found {n}").format(
                    n=len(languages)
                ),
                file=source,
                column="required_languages",
            )
        self.language_bits = {code: 1 << i for i, code in enumerate(languages)}
        self.vac_languages = self._language_masks(data["required_languages"])
        self.vac_closes = data["closes_on"].cast(pl.Int64).to_numpy()
        latest = data["posted_on"].max() if "posted_on" in data.columns else None
        earliest_close = data["closes_on"].min()
        if isinstance(latest, dt.date):
            self.latest = latest
        else:
            self.latest = earliest_close if isinstance(earliest_close, dt.date) else dt.date.today()

        self.reference_lat = float(np.mean(self.vac_lat)) if len(data) else 0.0
        cx, cy = grid_cells(
            self.vac_lat,
            self.vac_lon,
            reference_lat=self.reference_lat,
            cell_km=self.weights.cell_km,
        )
        self.grid_origin = (int(cx.min()), int(cy.min())) if len(data) else (0, 0)
        self.grid_shape = (
            (int(cx.max()) - self.grid_origin[0] + 1, int(cy.max()) - self.grid_origin[1] + 1)
            if len(data)
            else (1, 1)
        )
        classes = np.stack(
            [
                self.vac_hours.astype(np.int64),
                self.vac_contract.astype(np.int64),
                self.vac_licence.astype(np.int64),
                self.vac_languages,
            ],
            axis=1,
        )
        self.classes, class_of = (
            np.unique(classes, axis=0, return_inverse=True)
            if len(data)
            else (np.zeros((0, 4), np.int64), np.zeros(0, np.int64))
        )
        n_classes = max(len(self.classes), 1)
        class_rows = sp.csr_matrix(
            (np.ones(len(data)), (np.asarray(class_of).ravel(), np.arange(len(data)))),
            shape=(n_classes, len(data)),
            dtype=np.float64,
        )
        # Skill rows, then one row per constraint class: see _score._candidates.
        self.augmented = sp.csc_matrix(sp.vstack([sp.csr_matrix(skill_part.T), class_rows]))
        self.essential_pattern = sp.csr_matrix(self.essential_share.sign())
        order = np.lexsort((np.arange(len(data)), cy, cx))
        keys = np.stack([cx[order], cy[order]], axis=1)
        starts = (
            np.flatnonzero(np.r_[True, np.any(keys[1:] != keys[:-1], axis=1)])
            if len(data)
            else np.array([], int)
        )
        ends = np.r_[starts[1:], len(order)]
        self.cells = {
            (int(keys[s, 0]), int(keys[s, 1])): np.sort(order[s:e])
            for s, e in zip(starts, ends, strict=True)
        }
        self.vac_id_rank = np.argsort(
            np.argsort(data["vacancy_id"].to_numpy(), kind="stable"), kind="stable"
        )
        self._areas = OrderedDict()
        self._area_bytes = 0

        keep = ["vacancy_id", "occupation_uri", "isco_group"]
        keep += [c for c in ("salary_eur",) if c in data.columns]
        self.vacancies = data.select(keep)
        self.essential_long = (
            data.select(pl.col("essential_skills").alias("skill"))
            .with_row_index("vac")
            .explode("skill")
            .drop_nulls("skill")
            .with_columns(
                skill=pl.col("skill").replace_strict(self.skills.ids, return_dtype=pl.UInt32),
                pos=pl.int_range(pl.len()).over("vac").cast(pl.UInt32),
            )
        )
        return self

    def __len__(self) -> int:
        return self.vacancies.height

    def __getstate__(self) -> dict[str, Any]:
        # The area cache can hold hundreds of megabytes; a copy (Spark's broadcast) rebuilds it.
        state = dict(self.__dict__)
        state["_areas"] = OrderedDict()
        state["_area_bytes"] = 0
        return state

    def _language_masks(self, lists: pl.Series) -> npt.NDArray[np.int64]:
        bits = {code: bit for code, bit in self.language_bits.items()}
        values = lists.list.eval(
            pl.element().replace_strict(bits, default=0, return_dtype=pl.Int64).fill_null(0)
        )
        return values.list.unique().list.sum().fill_null(0).cast(pl.Int64).to_numpy()

    def resolve_as_of(self, as_of: AsOf) -> dt.date:
        """The reference date for the closing-date constraint."""
        if as_of == "today":
            return dt.date.today()
        if as_of == "latest":
            return self.latest
        if isinstance(as_of, dt.date):
            return as_of
        raise InputError(
            _("as_of must be a date, 'today' or 'latest', got {value!r}").format(value=as_of)
        )

    def area(self, cx: int, cy: int, radius: int, as_of_day: int) -> tuple[sp.csr_matrix, Ints]:
        """Augmented matrix of the open vacancies within ``radius`` cells of (cx, cy).

        Kept in a small LRU cache, so that a warm index answers one person without slicing.
        """
        key = (cx, cy, radius, as_of_day)
        if key in self._areas:
            self._areas.move_to_end(key)
            return self._areas[key]
        parts = [
            self.cells[(x, y)]
            for x in range(cx - radius, cx + radius + 1)
            for y in range(cy - radius, cy + radius + 1)
            if (x, y) in self.cells
        ]
        columns = np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)
        columns = columns[self.vac_closes[columns] >= as_of_day]
        entry = (sp.csr_matrix(self.augmented[:, columns]), columns)
        self._areas[key] = entry
        self._area_bytes += _nbytes(entry[0])
        while len(self._areas) > 1 and (
            len(self._areas) > _AREA_CACHE or self._area_bytes > _AREA_BYTES
        ):
            _, (old, _) = self._areas.popitem(last=False)
            self._area_bytes -= _nbytes(old)
        return entry

    def radius_cells(self, max_distance_km: npt.NDArray[np.float64]) -> Ints:
        """Grid radius (in cells) that covers each maximum distance."""
        return np.ceil(max_distance_km * _GRID_SLACK / self.weights.cell_km).astype(np.int64)

    def iter_match(
        self,
        jobseekers: Any,
        *,
        k: int = 10,
        as_of: AsOf = "today",
        chunk_size: int = 20_000,
        threads: int | None = None,
        source: str = "jobseekers",
    ) -> Iterator[MatchResult]:
        """Match in chunks of ``chunk_size`` job seekers; memory is bounded by the chunk size.

        Yields one :class:`MatchResult` per chunk, in input order. See :meth:`suggest`.
        """
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise InputError(
                _("k must be a whole number of at least 1, got {value!r}").format(value=k)
            )
        if chunk_size < 1:
            raise InputError(
                _("chunk_size must be at least 1, got {value!r}").format(value=chunk_size)
            )
        people = validate(jobseekers, JOBSEEKER_SCHEMA, source=source)
        day = (self.resolve_as_of(as_of) - dt.date(1970, 1, 1)).days
        if threads is None:
            threads = min(2, os.cpu_count() or 1)
        for start in range(0, people.height, chunk_size):
            chunk = people.slice(start, chunk_size)
            yield score_chunk(self, chunk, k=k, as_of_day=day, threads=threads)

    def match(
        self,
        jobseekers: Any,
        *,
        k: int = 10,
        as_of: AsOf = "today",
        chunk_size: int = 20_000,
        progress: Callable[[int], None] | None = None,
    ) -> MatchResult:
        """Suggestions and per-constraint drop counts; see :meth:`suggest`.

        Examples
        --------
        >>> from openpes.synth import generate_world
        >>> from openpes.taxonomy import Taxonomy
        >>> world = generate_world(20, 200, 5, seed=1)
        >>> index = MatchIndex.build(world.vacancies, taxonomy=Taxonomy.load())
        >>> result = index.match(world.jobseekers, k=3, as_of=world.vacancies["posted_on"].min())
        >>> result.dropped.columns[:2]
        ['jobseeker_id', 'closing_date']
        """
        parts = []
        for part in self.iter_match(jobseekers, k=k, as_of=as_of, chunk_size=chunk_size):
            parts.append(part)
            if progress is not None:
                progress(part.dropped.height)
        if not parts:
            empty = score_chunk(
                self,
                validate(jobseekers, JOBSEEKER_SCHEMA, source="jobseekers"),
                k=k,
                as_of_day=0,
                threads=1,
            )
            return empty
        return MatchResult(
            suggestions=pl.concat([p.suggestions for p in parts]),
            dropped=pl.concat([p.dropped for p in parts]),
        )

    def suggest(
        self,
        jobseekers: Any,
        *,
        k: int = 10,
        as_of: AsOf = "today",
        chunk_size: int = 20_000,
        progress: Callable[[int], None] | None = None,
    ) -> pl.DataFrame:
        """Suggest up to ``k`` vacancies to each job seeker, best first, with their reasons.

        Parameters
        ----------
        jobseekers:
            A frame with the columns of :data:`JOBSEEKER_SCHEMA`: one row or a million.
        k:
            Suggestions per job seeker (fewer when fewer vacancies qualify).
        as_of:
            Reference date of the closing-date constraint: a date, ``"today"`` (default) or
            ``"latest"`` (the most recent ``posted_on`` of the vacancies, for snapshots and
            synthetic data).
        chunk_size:
            Job seekers scored together; memory grows with it.
        progress:
            Called with the number of job seekers done after each chunk.

        Returns
        -------
        polars.DataFrame
            ``jobseeker_id, rank, vacancy_id, score, distance_km, essential_coverage,
            optional_coverage, occupation_fit, distance_decay, occupation_match,
            occupation_basis, matched_essential, missing_essential, partial_matches,
            occupation_uri, isco_group`` (and ``salary_eur`` when the vacancies have it).
            ``matched_essential``, ``missing_essential`` and ``partial_matches.required``
            partition the vacancy's essential skills.

        Examples
        --------
        >>> from openpes.synth import generate_world
        >>> from openpes.taxonomy import Taxonomy
        >>> world = generate_world(20, 200, 5, seed=1)
        >>> index = MatchIndex.build(world.vacancies, taxonomy=Taxonomy.load())
        >>> top = index.suggest(world.jobseekers[:1], k=3, as_of=world.vacancies["posted_on"].min())
        >>> top.columns[:5]
        ['jobseeker_id', 'rank', 'vacancy_id', 'score', 'distance_km']
        """
        return self.match(
            jobseekers, k=k, as_of=as_of, chunk_size=chunk_size, progress=progress
        ).suggestions
