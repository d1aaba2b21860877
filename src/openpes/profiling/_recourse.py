"""Recourse: the smallest changes a person could make, with support, to lower their band."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from openpes._frames import IntoFrame
from openpes.errors import InputError
from openpes.i18n import messages
from openpes.profiling._model import SupportNeedsModel

__all__ = ["Change", "RecourseOption", "one_row", "recourse"]

_ = messages("openpes.profiling")


@dataclass(frozen=True)
class Change:
    """One feature moved from ``current`` to ``proposed``."""

    feature: str
    current: Any
    proposed: Any


@dataclass(frozen=True)
class RecourseOption:
    """A set of changes and the probability and band the person would then have."""

    changes: tuple[Change, ...]
    probability: float
    band: str


def _candidates(value: Any, steps: Sequence[Any], dtype: pl.DataType) -> list[Any]:
    """Values to try: numbers move up by each step, anything else is set to the value."""
    out: list[Any] = []
    for step in steps:
        if dtype.is_numeric() and not isinstance(step, bool) and isinstance(step, int | float):
            if value is None:
                continue
            proposed = value + step
            if dtype.is_integer():
                proposed = int(round(proposed))
        else:
            proposed = step
        if proposed != value and proposed not in out:
            out.append(proposed)
    return out


def one_row(model: SupportNeedsModel, row: IntoFrame) -> pl.DataFrame:
    """``row`` as a checked one-row frame: assessment and recourse explain one person."""
    frame = model.checked(row)
    if frame.height != 1:
        raise InputError(
            # No noun in English, but other languages agree with the count (fr: "2 reçues").
            _.ngettext(
                "exactly one row was expected, got {n}",
                "exactly one row was expected, got {n}",
                frame.height,
            ).format(n=frame.height)
        )
    return frame


def recourse(
    model: SupportNeedsModel,
    row: IntoFrame,
    *,
    actionable: Sequence[str] | Mapping[str, Sequence[Any]] | None = None,
    max_changes: int = 2,
    limit: int = 5,
) -> list[RecourseOption]:
    """Smallest changes to actionable features that would lower the person's band.

    Parameters
    ----------
    model
        A trained :class:`~openpes.profiling.SupportNeedsModel`.
    row
        A one-row frame with the model's features.
    actionable
        Feature names (their declared changes are tried) or a mapping from feature
        to the values to try; by default every declared actionable feature.
        Protected and immutable features are refused.
    max_changes
        At most this many features changed together.
    limit
        Return at most this many options, fewest changes first.

    Examples
    --------
    >>> from openpes.profiling import train_demo_model, features_from_world
    >>> from openpes.synth import generate_world
    >>> world = generate_world(3000, 10, 2, seed=3)
    >>> model = train_demo_model(world)
    >>> options = recourse(model, features_from_world(world.jobseekers.head(1)))
    >>> all(c.feature not in model.immutable for o in options for c in o.changes)
    True
    """
    row = one_row(model, row)
    if actionable is None:
        actionable = dict(model.actions)
    elif not isinstance(actionable, Mapping):
        unknown = [name for name in actionable if name not in model.actions]
        if unknown:
            raise InputError(
                _("no changes are declared for {name!r}; pass a mapping of values to try").format(
                    name=unknown[0]
                ),
                column=unknown[0],
            )
        actionable = {name: model.actions[name] for name in actionable}
    for name in actionable:
        if name in model.protected or name in model.immutable:
            raise InputError(
                _("{name!r} is protected or immutable: recourse never changes it").format(
                    name=name
                ),
                column=name,
            )
        if name not in model.features:
            raise InputError(
                _("{name!r} is not a feature of the model").format(name=name), column=name
            )
    if max_changes < 1:
        raise InputError(_("max_changes must be at least 1"), column="max_changes")

    current = model.predict_proba(row)[0]
    current_rank = int(model.bands_of(np.array([current])).to_physical()[0])
    if current_rank == 0:
        return []
    values = row.row(0, named=True)
    single = [
        (name, proposed)
        for name, steps in actionable.items()
        for proposed in _candidates(values[name], tuple(steps), row.schema[name])
    ]
    # The smaller step of the same feature is the smaller change: its position in the list.
    effort: dict[tuple[str, str], int] = {}
    for name, proposed in single:
        effort[(name, repr(proposed))] = sum(1 for key in effort if key[0] == name)
    combos: list[tuple[tuple[str, Any], ...]] = []
    for size in range(1, max_changes + 1):
        for combo in itertools.combinations(single, size):
            if len({name for name, _v in combo}) == size:
                combos.append(combo)
    if not combos:
        return []
    # One frame with a row per candidate: a single vectorised prediction for all of them.
    columns: dict[str, list[Any]] = {name: [values[name]] * len(combos) for name in row.columns}
    for i, combo in enumerate(combos):
        for name, proposed in combo:
            columns[name][i] = proposed
    candidates = pl.DataFrame(columns, schema=row.schema)
    probability = model.predict_proba(candidates)
    ranks = model.bands_of(probability).to_physical().to_numpy()
    found: list[RecourseOption] = []
    chosen: list[set[str]] = []
    order = sorted(
        range(len(combos)),
        key=lambda i: (
            len(combos[i]),
            sum(effort[(name, repr(p))] for name, p in combos[i]),
            probability[i],
        ),
    )
    for i in order:
        if ranks[i] >= current_rank:
            continue
        names = {name for name, _v in combos[i]}
        # A superset of an option already found is not a *smallest* change.
        if any(prior <= names for prior in chosen):
            continue
        chosen.append(names)
        found.append(
            RecourseOption(
                changes=tuple(Change(name, values[name], proposed) for name, proposed in combos[i]),
                probability=float(probability[i]),
                band=model.bands_of(probability[i : i + 1])[0],
            )
        )
        if len(found) >= limit:
            break
    return found
