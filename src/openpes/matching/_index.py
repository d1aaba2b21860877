"""``MatchIndex``: the vacancies prepared once, for one job seeker or a national batch."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from openpes._frames import IntoFrame
from openpes.errors import InputError
from openpes.i18n import messages
from openpes.matching._areas import AreaCache
from openpes.matching._parts import VacancyParts, prepare_vacancies
from openpes.matching._schema import JOBSEEKER_SCHEMA, validate
from openpes.matching._score import MatchResult, score_chunk
from openpes.matching._weights import MatchWeights
from openpes.taxonomy import Taxonomy

__all__ = ["AsOf", "MatchIndex"]

_ = messages("openpes.matching")

AsOf = dt.date | Literal["today", "latest"]


@dataclass(frozen=True, eq=False)
class MatchIndex:
    """Vacancies prepared for matching: frozen parts, and a bounded cache of map areas.

    Build it once with :meth:`build` and reuse it; its parts never change and it can be
    pickled (the Spark engine broadcasts it; the copy starts with an empty cache).

    Attributes
    ----------
    parts:
        The skill matrices, spatial grid and constraint arrays of the vacancies
        (:class:`~openpes.matching._parts.VacancyParts`), built once.
    areas:
        The map areas already sliced from ``parts`` (an ``AreaCache``): at most 512 of
        them and 2 GB together, least recently used dropped first. ``areas.clear()``
        empties it.
    """

    parts: VacancyParts
    areas: AreaCache = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Each index owns its cache: areas sliced from other parts would be wrong answers.
        object.__setattr__(self, "areas", AreaCache(self.parts))

    @classmethod
    def build(
        cls,
        vacancies: IntoFrame,
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
        parts = prepare_vacancies(
            vacancies, taxonomy=taxonomy, weights=weights or MatchWeights(), source=source
        )
        return cls(parts)

    @property
    def weights(self) -> MatchWeights:
        """The score weights the index was built with."""
        return self.parts.weights

    def __len__(self) -> int:
        return len(self.parts)

    def resolve_as_of(self, as_of: AsOf) -> dt.date:
        """The reference date for the closing-date constraint."""
        if as_of == "today":
            return dt.date.today()
        if as_of == "latest":
            return self.parts.latest
        if isinstance(as_of, dt.date):
            return as_of
        raise InputError(
            _("as_of must be a date, 'today' or 'latest', got {value!r}").format(value=as_of)
        )

    def iter_match(
        self,
        jobseekers: IntoFrame,
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
            yield score_chunk(
                self.parts, chunk, areas=self.areas, k=k, as_of_day=day, threads=threads
            )

    def match(
        self,
        jobseekers: IntoFrame,
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
                self.parts,
                validate(jobseekers, JOBSEEKER_SCHEMA, source="jobseekers"),
                areas=self.areas,
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
        jobseekers: IntoFrame,
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
