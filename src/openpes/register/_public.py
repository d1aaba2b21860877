"""The public form of a record: no aggregate over fewer than :data:`MIN_PUBLIC` people.

A group of three people with its selection and error rates, or an override rate over five
decisions, can point at the people behind it. Everything that leaves the oversight role
(the public page, every export, the exchange bundle) goes through :func:`public_live`, so
the rule is written once. It is idempotent: a record already in public form is unchanged.
"""

from __future__ import annotations

import dataclasses
from typing import overload

from openpes.register._record import LiveFacts, Record

__all__ = ["MIN_PUBLIC", "public_live", "public_record"]

#: Aggregates over fewer people (or decisions) than this are never published.
MIN_PUBLIC = 10


@overload
def public_live(live: LiveFacts) -> LiveFacts: ...
@overload
def public_live(live: None) -> None: ...
def public_live(live: LiveFacts | None) -> LiveFacts | None:
    """``live`` without the groups of fewer than :data:`MIN_PUBLIC` people, and without the
    override and review rates when fewer than :data:`MIN_PUBLIC` decisions were made.

    What is taken out is counted in ``groups_withheld`` and ``rates_withheld``, so the
    exporters can say so.

    Examples
    --------
    >>> from openpes.register import GroupPerformance
    >>> live = LiveFacts("2026-01-05", groups=(GroupPerformance("origin", "eu", 40, 0.3),
    ...     GroupPerformance("origin", "non_eu", 3, 0.9)), decisions=5, override_rate=0.4)
    >>> shown = public_live(live)
    >>> [g.group for g in shown.groups], shown.groups_withheld, shown.override_rate
    (['eu'], 1, None)
    >>> public_live(shown) == shown
    True
    """
    if live is None:
        return None
    groups = tuple(g for g in live.groups if g.n >= MIN_PUBLIC)
    few = live.decisions is not None and live.decisions < MIN_PUBLIC
    rates = (live.override_rate, live.review_rate)
    return dataclasses.replace(
        live,
        groups=groups,
        groups_withheld=live.groups_withheld + len(live.groups) - len(groups),
        override_rate=None if few else live.override_rate,
        review_rate=None if few else live.review_rate,
        rates_withheld=live.rates_withheld or (few and any(r is not None for r in rates)),
    )


def public_record(record: Record) -> Record:
    """``record`` with its live facts in public form (see :func:`public_live`)."""
    return dataclasses.replace(record, live=public_live(record.live))
