"""Scoring one chunk of job seekers: sparse top-k candidates, then exact re-scoring.

1. Each person's skill vector holds 1 for a held skill and the partial credit for an ESCO
   neighbour of a held skill. Its product with the IDF-weighted vacancy × skill matrix is
   exactly the skill part ``w_e·E + w_o·O`` of the score.
2. People are grouped by grid cell, search radius and hard-constraint profile; each group
   multiplies against only the vacancies in reach that pass its constraints
   (``sparse_dot_topn``, on every core), keeping the best ``candidates`` per person.
3. The candidates are re-scored exactly with distance and occupation fit, and the best
   ``k`` are explained (matched, missing and partially matched skills).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn

from openpes.matching._areas import AreaCache
from openpes.matching._estimate import closest_occupations
from openpes.matching._geo import grid_cells, haversine_km
from openpes.matching._parts import Ints, VacancyParts
from openpes.matching._schema import CONTRACTS, HOURS
from openpes.matching._vocabulary import RELATIONS
from openpes.matching._weights import OCCUPATION_LEVELS

__all__ = ["CONSTRAINTS", "MatchResult", "score_chunk"]

#: The hard constraints, in the order of the ``dropped`` columns.
CONSTRAINTS: tuple[str, ...] = ("closing_date", "hours", "contract", "driving_licence", "languages")
_MATCH_NAMES = ("none", "same_minor_group", "same_unit_group", "same_occupation")
_LEVEL_VALUES = np.array([OCCUPATION_LEVELS[name] for name in _MATCH_NAMES])
_BASES = (None, "experience", "preference", "skills")

# Added to the product for a feasible vacancy in reach; above any skill score (at most 1).
_REACH_WEIGHT = 2.0
# Scores lie in [0, 1]; this minus the score in units of 1e-12 is a sort key (smaller = better).
_SCALE = 2**41
_THREADED_ROWS = 64


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


def _occupations(
    parts: VacancyParts, chunk: pl.DataFrame, held: sp.csr_matrix
) -> tuple[Ints, Ints, Ints]:
    """Padded (people × slots) occupation ids, ISCO unit groups and sources.

    Sources: 1 a past occupation, 2 a wished one, 3 the occupation closest to the person's
    skills, used only for people who name no occupation at all.
    """
    pieces = []
    for source, name in ((1, "past_occupations"), (2, "preferred_occupations")):
        if name in chunk.columns:
            pieces.append(
                pl.DataFrame({"uri": chunk[name]})
                .with_row_index("row")
                .explode("uri")
                .drop_nulls("uri")
                .with_columns(src=pl.lit(source, dtype=pl.Int64))
            )
    long = pl.concat(pieces) if pieces else pl.DataFrame()
    if long.height:
        long = (
            long.join(parts.occupation_table, on="uri", how="left")
            .with_columns(pl.col("occ").fill_null(-1), pl.col("unit").fill_null(-1))
            .sort("row", maintain_order=True)
            .with_columns(slot=pl.int_range(pl.len()).over("row"))
        )
    slots = int(long["slot"].max()) + 1 if long.height else 1  # type: ignore[arg-type]
    occ = np.full((chunk.height, slots), -2, dtype=np.int64)
    unit = np.full((chunk.height, slots), -2, dtype=np.int64)
    src = np.zeros((chunk.height, slots), dtype=np.int64)
    if long.height:
        r, s = long["row"].to_numpy(), long["slot"].to_numpy()
        occ[r, s] = long["occ"].to_numpy()
        unit[r, s] = long["unit"].to_numpy()
        src[r, s] = long["src"].to_numpy()
    if parts.profiles is not None:
        unnamed = np.flatnonzero((src == 0).all(axis=1))
        if unnamed.size:
            guess = closest_occupations(held[unnamed], parts.profiles, parts.idf)
            found = guess >= 0
            units = parts.occupation_table["unit"].fill_null(-1).to_numpy()
            rows = unnamed[found]
            occ[rows, 0] = guess[found]
            unit[rows, 0] = units[guess[found]]
            src[rows, 0] = 3
    return occ, unit, src


def _profiles(parts: VacancyParts, chunk: pl.DataFrame) -> tuple[npt.NDArray[np.int64], Ints]:
    """Distinct constraint profiles (hours, contract, licence, languages) and each person's."""
    hours = chunk["preferred_hours"].replace_strict(
        {h: i for i, h in enumerate(HOURS)}, default=-1, return_dtype=pl.Int64
    )
    contract = chunk["preferred_contract"].replace_strict(
        {c: i for i, c in enumerate(CONTRACTS)}, default=-1, return_dtype=pl.Int64
    )
    profile = np.stack(
        [
            hours.to_numpy(),
            contract.to_numpy(),
            chunk["driving_licence"].to_numpy().astype(np.int64),
            parts.language_masks(chunk["languages"]),
        ],
        axis=1,
    )
    if len(profile) == 0:
        return np.zeros((0, 4), np.int64), np.zeros(0, np.int64)
    profiles, profile_of = np.unique(profile, axis=0, return_inverse=True)
    return profiles, np.asarray(profile_of).ravel()


def _failures(
    profile: npt.NDArray[np.int64],
    hours: Any,
    contract: Any,
    licence: Any,
    languages: Any,
) -> dict[str, Any]:
    """Which vacancies (or classes) fail each constraint for one profile."""
    h, c, has_licence, held = (int(x) for x in profile)
    return {
        "hours": (hours != h) if h >= 0 else np.zeros(len(hours), bool),
        "contract": (contract != c) if c >= 0 else np.zeros(len(contract), bool),
        "driving_licence": licence.astype(bool) & (not has_licence),
        "languages": (languages & ~held) != 0,
    }


def _candidates(
    parts: VacancyParts,
    areas: AreaCache,
    chunk: pl.DataFrame,
    credits: sp.csr_matrix,
    as_of_day: int,
    threads: int,
) -> tuple[Ints, Ints, npt.NDArray[np.float64], dict[str, Ints]]:
    """Best skill matches in reach that pass every hard constraint, and the drop counts."""
    n = chunk.height
    profiles, profile_of = _profiles(parts, chunk)
    dropped = {name: np.zeros(n, dtype=np.int64) for name in CONSTRAINTS}
    dropped["closing_date"][:] = int((parts.vac_closes < as_of_day).sum())
    classes = parts.classes
    accepted = np.zeros((len(profiles), len(classes)), dtype=bool)
    for p, profile in enumerate(profiles):
        members = profile_of == p
        per_vacancy = _failures(
            profile,
            parts.vac_hours,
            parts.vac_contract,
            parts.vac_licence,
            parts.vac_languages,
        )
        for name, fail in per_vacancy.items():
            dropped[name][members] = int(fail.sum())
        per_class = _failures(profile, classes[:, 0], classes[:, 1], classes[:, 2], classes[:, 3])
        accepted[p] = ~np.logical_or.reduce(list(per_class.values()))
    if n == 0 or len(parts) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), dropped

    # Each person's row gets REACH_WEIGHT on the constraint classes they accept; a vacancy
    # has 1 on its class, so feasible vacancies score REACH_WEIGHT + skill and the rest
    # fall under the threshold of the product.
    person, klass = np.nonzero(accepted[profile_of])
    accepts = sp.csr_matrix(
        (np.full(len(person), _REACH_WEIGHT), (person, klass)), shape=(n, max(len(classes), 1))
    )
    augmented = sp.csr_matrix(sp.hstack([credits, accepts]))

    lat, lon = chunk["lat"].to_numpy(), chunk["lon"].to_numpy()
    cx, cy = grid_cells(lat, lon, reference_lat=parts.reference_lat, cell_km=parts.weights.cell_km)
    radius = parts.radius_cells(chunk["max_distance_km"].to_numpy())
    keys = np.stack([cx, cy, radius], axis=1)
    groups, group_of = np.unique(keys, axis=0, return_inverse=True)
    group_of = np.asarray(group_of).ravel()
    order = np.argsort(group_of, kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(group_of, minlength=len(groups)))]
    rows_out, vacs_out, skill_out = [], [], []
    for g, (gx, gy, gr) in enumerate(groups):
        rows = order[bounds[g] : bounds[g + 1]]
        matrix, columns = areas.area(int(gx), int(gy), int(gr), as_of_day)
        if columns.size == 0:
            continue
        product = sp_matmul_topn(
            augmented[rows],
            matrix,
            top_n=min(parts.weights.candidates, columns.size),
            threshold=_REACH_WEIGHT - 0.5,
            # Most map-area groups are small; below ~64 people a second thread costs more
            # than it saves (measured on 2 cores).
            n_threads=threads if rows.size >= _THREADED_ROWS else None,
        )
        skill = product.data - _REACH_WEIGHT
        # Reach alone is no reason to suggest a vacancy: at least one skill must count.
        useful = skill > 1e-12
        rows_out.append(np.repeat(rows, np.diff(product.indptr))[useful])
        vacs_out.append(columns[product.indices[useful]])
        skill_out.append(skill[useful])
    if not rows_out:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), dropped
    return np.concatenate(rows_out), np.concatenate(vacs_out), np.concatenate(skill_out), dropped


def _csr_lists(matrix: sp.csr_matrix, uris: pa.Array) -> pl.Series:
    """Each CSR row's column positions as a list of URIs."""
    matrix.sort_indices()
    items = uris.take(pa.array(matrix.indices.astype(np.int64)))
    offsets = pa.array(matrix.indptr.astype(np.int64), type=pa.int64())
    return pl.Series(pl.from_arrow(pa.LargeListArray.from_arrays(offsets, items)))


def _skill_lists(
    parts: VacancyParts,
    held: sp.csr_matrix,
    has: sp.csr_matrix,
    credit_rows: sp.csr_matrix,
    rows: Ints,
    vacs: Ints,
) -> tuple[pl.Series, pl.Series, pl.Series]:
    """Matched, missing and partially matched essential skills of each (person, vacancy) row."""
    space = parts.skills
    required = parts.essential_pattern[vacs]
    matched = sp.csr_matrix(required.multiply(has))
    lacking = sp.csr_matrix(required - matched)
    lacking.eliminate_zeros()
    near = sp.csr_matrix(credit_rows - has)
    near.eliminate_zeros()
    partial = sp.csr_matrix(lacking.multiply(near.sign()))
    partial.eliminate_zeros()
    missing = sp.csr_matrix(lacking - partial)
    missing.eliminate_zeros()

    partial.sort_indices()
    entry_row = np.repeat(np.arange(len(rows), dtype=np.uint32), np.diff(partial.indptr))
    entries = pl.DataFrame(
        {
            "entry": np.arange(partial.nnz, dtype=np.uint32),
            "person": rows[entry_row].astype(np.uint32),
            "required": partial.indices.astype(np.uint32),
        }
    )
    holder = np.repeat(np.arange(held.shape[0], dtype=np.uint32), np.diff(held.indptr))
    holdings = pl.DataFrame({"person": holder, "held": held.indices.astype(np.uint32)})
    # The held skill named for each partial match: the closest relation, then ESCO order.
    named = (
        entries.join(space.neighbours, on="required")
        .join(holdings, on=["person", "held"], how="semi")
        .sort(["entry", "relation", "held"])
        .unique("entry", keep="first", maintain_order=True)
    )
    relation_names = np.array(RELATIONS, dtype=object)[named["relation"].to_numpy()]
    structs = pa.StructArray.from_arrays(
        [
            space.arrow_uris.take(pa.array(named["required"].to_numpy().astype(np.int64))),
            space.arrow_uris.take(pa.array(named["held"].to_numpy().astype(np.int64))),
            pa.array(relation_names, type=pa.large_string()),
        ],
        names=["required", "held", "relation"],
    )
    offsets = pa.array(partial.indptr.astype(np.int64), type=pa.int64())
    partial_lists = pl.Series(pl.from_arrow(pa.LargeListArray.from_arrays(offsets, structs)))
    return (
        _csr_lists(matched, space.arrow_uris),
        _csr_lists(missing, space.arrow_uris),
        partial_lists,
    )


def _shortlist(rows: Ints, key: Ints, people: int, k: int) -> Ints:
    """Positions whose key is within each person's ``k`` smallest (ties at the edge kept).

    Sorting a few hundred candidates per person only to keep ``k`` costs most of the
    re-scoring time; a per-person partition finds the cut, and only what passes is sorted.
    """
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    by_person = np.argsort(rows, kind="stable")  # candidates already come in runs per person
    sorted_rows = rows[by_person]
    counts = np.bincount(sorted_rows, minlength=people)
    width = int(counts.max())
    if width <= k or people * width > 8 * len(rows):
        # Nothing to cut, or a few people with very many candidates (an exhaustive run):
        # padding would cost more than sorting everything.
        return np.arange(len(rows), dtype=np.int64)
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    slot = np.arange(len(rows)) - starts[sorted_rows]
    padded = np.full((people, width), np.iinfo(np.int64).max, dtype=np.int64)
    padded[sorted_rows, slot] = key[by_person]
    cut = np.partition(padded, k - 1, axis=1)[:, k - 1]
    return np.flatnonzero(key <= cut[rows])


def _rowwise_dot(left: sp.csr_matrix, right: sp.csr_matrix) -> npt.NDArray[np.float64]:
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


def score_chunk(
    parts: VacancyParts,
    chunk: pl.DataFrame,
    *,
    areas: AreaCache,
    k: int,
    as_of_day: int,
    threads: int,
) -> MatchResult:
    """Suggestions for one validated chunk of job seekers (see the module docstring).

    ``areas`` is the index's cache of map areas, sliced from ``parts``.
    """
    w = parts.weights.normalised()
    held = parts.skills.held(chunk["skills"])
    credits = parts.skills.credits(held, parts.weights.partial_credit)
    rows, vacs, skill_score, dropped = _candidates(parts, areas, chunk, credits, as_of_day, threads)

    lat, lon, limit = (
        chunk["lat"].to_numpy(),
        chunk["lon"].to_numpy(),
        chunk["max_distance_km"].to_numpy(),
    )
    distance = haversine_km(lat[rows], lon[rows], parts.vac_lat[vacs], parts.vac_lon[vacs])
    near = distance <= limit[rows]
    rows, vacs, skill_score, distance = rows[near], vacs[near], skill_score[near], distance[near]
    decay = np.where(limit[rows] > 0, 1.0 - distance / np.maximum(limit[rows], 1e-9), 1.0)

    occ, unit, src = _occupations(parts, chunk, held)
    v_occ, v_unit = parts.vac_occupation[vacs][:, None], parts.vac_unit[vacs][:, None]
    p_occ, p_unit = occ[rows], unit[rows]
    level = np.where(
        p_occ == v_occ,
        3,
        np.where(
            (p_unit == v_unit) & (v_unit >= 0),
            2,
            np.where((p_unit // 10 == v_unit // 10) & (v_unit >= 0) & (p_unit >= 0), 1, 0),
        ),
    )
    # Among equal levels, name work experience before a stated preference.
    best = (
        np.argmax(level * 4 + (src[rows] == 1), axis=1) if level.shape[0] else np.zeros(0, np.int64)
    )
    best_level = level[np.arange(len(best)), best] if len(best) else np.zeros(0, np.int64)
    basis = np.where(best_level > 0, src[rows][np.arange(len(best)), best] if len(best) else 0, 0)
    fit = _LEVEL_VALUES[best_level]
    score = skill_score + w["occupation"] * fit + w["distance"] * decay

    # Best first; ties broken by vacancy id so that every engine gives the same order.
    # Scores equal to 12 decimals tie; an integer key makes "equal" exact.
    key = _SCALE - np.rint(score * 1e12).astype(np.int64)
    shortlist = _shortlist(rows, key, chunk.height, k)
    order = shortlist[
        np.lexsort((parts.vac_id_rank[vacs[shortlist]], key[shortlist], rows[shortlist]))
    ]
    rows_sorted = rows[order]
    first = (
        np.r_[0, np.flatnonzero(np.diff(rows_sorted)) + 1] if len(order) else np.zeros(0, np.int64)
    )
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    keep = order[rank < k]
    rank = rank[rank < k] + 1
    rows, vacs = rows[keep], vacs[keep]

    held_rows, credit_rows = held[rows], credits[rows]
    essential = _rowwise_dot(credit_rows, parts.essential_share[vacs])
    optional = _rowwise_dot(credit_rows, parts.optional_share[vacs])
    matched, missing, partial = _skill_lists(parts, held, held_rows, credit_rows, rows, vacs)
    ids = chunk["jobseeker_id"]
    suggestions = pl.DataFrame(
        {
            "jobseeker_id": ids.gather(rows),
            "rank": pl.Series(rank, dtype=pl.Int32),
            "vacancy_id": parts.vacancies["vacancy_id"].gather(vacs),
            "score": score[keep],
            "distance_km": distance[keep],
            "essential_coverage": essential,
            "optional_coverage": optional,
            "occupation_fit": fit[keep],
            "distance_decay": decay[keep],
            "occupation_match": pl.Series(_MATCH_NAMES).gather(best_level[keep]),
            "occupation_basis": pl.Series(_BASES, dtype=pl.String).gather(basis[keep]),
            "matched_essential": matched,
            "missing_essential": missing,
            "partial_matches": partial,
        }
    ).hstack(parts.vacancies.drop("vacancy_id")[vacs])
    dropped_frame = pl.DataFrame(
        {"jobseeker_id": ids, **{name: dropped[name] for name in CONSTRAINTS}}
    )
    return MatchResult(suggestions=suggestions, dropped=dropped_frame)
