"""The demo organisations used by `make run`."""

from __future__ import annotations

from collections import Counter

from openpes.readiness import demo_organisations, score


def test_twelve_clearly_fictional_pes_in_several_regions():
    orgs = demo_organisations()
    assert len(orgs) == 12
    assert all(
        o.organisation.startswith("PES of ") and o.organisation.endswith("(fictional)")
        for o in orgs
    )
    assert len({o.organisation for o in orgs}) == 12
    assert len(Counter(o.region for o in orgs)) >= 3
    assert all(o.share for o in orgs)
    assert all(len(o.respondents) >= 3 for o in orgs)


def test_demo_is_deterministic_and_varied():
    assert demo_organisations(seed=1) == demo_organisations(seed=1)
    assert demo_organisations(seed=1) != demo_organisations(seed=2)
    results = [score(o) for o in demo_organisations()]
    assert len({r.level for r in results}) >= 2
    assert any(r.leadership_front_line_gaps for r in results)
    assert any(d.unknown for r in results for d in r.dimensions)
