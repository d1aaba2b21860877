"""Demo data: clearly fictional PES with several respondents each, for the benchmark."""

from __future__ import annotations

import numpy as np

from openpes.readiness._assessment import DONT_KNOW, Answer, Assessment, Respondent
from openpes.readiness._framework import MAX_LEVEL, Framework, load_framework

__all__ = ["demo_organisations"]

_PLACES = (
    ("Northmarch", "north", "large"),
    ("Frostholm", "north", "small"),
    ("Glimmerfjord", "north", "small"),
    ("Pinewick", "north", "large"),
    ("Eastvale", "east", "large"),
    ("Amberlea", "east", "small"),
    ("Copperdown", "east", "large"),
    ("Saltmere", "east", "small"),
    ("Southfen", "south", "small"),
    ("Lavenport", "south", "large"),
    ("Oakhollow", "south", "small"),
    ("Brightwater", "south", "large"),
)
#: Leadership tends to rate the organisation higher than the front line sees it.
_GROUP_BIAS = {"leadership": 0.7, "front_line": -0.6, "it_data": 0.0, "data_protection": -0.2}
_DONT_KNOW_RATE = 0.08


def demo_organisations(seed: int = 0, *, framework: Framework | None = None) -> list[Assessment]:
    """Twelve clearly fictional PES in three regions and two size bands, sharing their scores.

    Each has four respondents (leadership, front line, IT and data, data protection) with
    a few "don't know" answers, and a planned AI use for the risk questionnaire. The same
    seed always gives the same organisations.

    Examples
    --------
    >>> orgs = demo_organisations()
    >>> len(orgs), orgs[0].organisation
    (12, 'PES of Northmarch (fictional)')
    """
    framework = framework or load_framework()
    rng = np.random.default_rng(seed)
    questions = [q.id for q in framework.questions]
    groups = [g for g in _GROUP_BIAS if g in {x.id for x in framework.respondent_groups}]
    maturity = rng.uniform(0.6, 3.4, size=len(_PLACES))
    difficulty = rng.normal(0.0, 0.5, size=len(questions))
    organisations = []
    for k, (place, region, size) in enumerate(_PLACES):
        bias = np.array([_GROUP_BIAS[g] for g in groups])[:, None]
        noise = rng.normal(0.0, 0.6, size=(len(groups), len(questions)))
        levels = np.clip(np.rint(maturity[k] - difficulty + bias + noise), 0, MAX_LEVEL).astype(int)
        unknown = rng.random(size=levels.shape) < _DONT_KNOW_RATE
        respondents = []
        for i, group in enumerate(groups):
            answers: dict[str, Answer] = {
                q: (DONT_KNOW if unknown[i, j] else int(levels[i, j]))
                for j, q in enumerate(questions)
            }
            respondents.append(Respondent(f"r{i + 1}", group, answers))
        context = {
            q.id: q.options[int(rng.integers(0, len(q.options)))].id
            for q in framework.risk_questions
        }
        organisations.append(
            Assessment(
                organisation=f"PES of {place} (fictional)",
                respondents=tuple(respondents),
                context=context,
                framework_id=framework.id,
                framework_version=framework.version,
                region=region,
                size_band=size,
                share=True,
                date=f"2026-{1 + k % 9:02d}-15",
            )
        )
    return organisations
