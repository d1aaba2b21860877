"""Presenters: page views built from core results hold the core's numbers, in the language asked."""

from __future__ import annotations

import pytest

from openpes import readiness as core
from openpes.web.readiness.presenters import (
    benchmark_view,
    comparison_view,
    export_body,
    result_view,
    roadmap_view,
)

ORGS = core.demo_organisations()
RESULTS = [core.score(a) for a in ORGS]
RESULT = RESULTS[0]
SHARED = [
    core.share(r, region=a.region, size_band=a.size_band)
    for r, a in zip(RESULTS, ORGS, strict=True)
]


def test_result_view_holds_the_core_s_numbers_in_the_language_asked():
    view = result_view(RESULT, language="fr")
    fw = RESULT.framework
    assert (view.level, view.score, view.low, view.high) == (
        RESULT.level,
        RESULT.score,
        RESULT.low,
        RESULT.high,
    )
    assert [d.score for d in view.dimensions] == [d.score for d in RESULT.dimensions]
    assert view.dimensions[0].title == fw.dimensions[0].title["fr"]
    assert view.level_sentence == core.level_sentence(RESULT, "fr")
    assert view.risk_meets is RESULT.risk.meets and view.risk_tier == RESULT.risk.tier
    assert view.leadership_front_line_gaps == len(RESULT.leadership_front_line_gaps)
    # The page sizes the chart itself.
    assert view.radar.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox=')
    assert ' width="800"' not in view.radar


def test_roadmap_view_lists_every_planned_action_once():
    horizons = roadmap_view(RESULT, language="en")
    texts = [a.text for h in horizons for a in h.actions]
    plan = core.roadmap(RESULT)
    assert texts == [
        RESULT.framework.action(a.action_id).text["en"]
        for h in ("0-6", "6-18", "18-36")
        for a in plan.horizon(h)
    ]


def test_benchmark_view_keeps_groups_hidden_below_k():
    by_region = benchmark_view(RESULT, SHARED, group_by="region", language="en")
    assert by_region.shown and not by_region.groups_shown and by_region.groups == ()
    by_size = benchmark_view(RESULT, SHARED, group_by="size_band", language="en")
    assert [g.n for g in by_size.groups] == [6, 6]
    assert by_size.rows[0].title == "Overall"


def test_comparison_view_matches_the_core_comparison():
    view = comparison_view(RESULTS[1], RESULTS[0], language="de")
    expected = core.compare(RESULTS[1], RESULTS[0])
    assert [r.change for r in view.rows] == [c.change for c in expected.dimensions]
    assert view.current_level_name == core.level_name(expected.current_level, "de")


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "json"])
def test_exports_are_the_core_s(fmt):
    plan = core.roadmap(RESULT)
    bench = core.benchmark(RESULT, SHARED)
    expected = {
        "html": core.to_html(RESULT, roadmap=plan, benchmark=bench, language="es"),
        "md": core.to_markdown(RESULT, roadmap=plan, benchmark=bench, language="es"),
        "csv": core.to_csv(plan, framework=RESULT.framework, language="es"),
        "json": core.to_json(RESULT),
    }[fmt]
    assert export_body(RESULT, SHARED, fmt=fmt, language="es") == expected
