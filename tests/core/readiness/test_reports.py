"""Markdown, CSV and HTML exports: content, languages, accessibility and self-containment."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from syrupy.assertion import SnapshotAssertion

from openpes.i18n import LANGUAGES
from openpes.readiness import (
    benchmark,
    demo_organisations,
    level_name,
    load_framework,
    radar_svg,
    roadmap,
    score,
    share,
    to_csv,
    to_html,
    to_markdown,
)

FW = load_framework()
ORGS = demo_organisations()
RESULTS = [score(a) for a in ORGS]
RESULT = RESULTS[0]
PLAN = roadmap(RESULT)
BENCH = benchmark(RESULT, [share(r) for r in RESULTS])


def test_markdown_report_snapshot(snapshot: SnapshotAssertion):
    assert to_markdown(RESULT, roadmap=PLAN, benchmark=BENCH) == snapshot


@pytest.mark.parametrize(
    ("language", "heading", "level_word"),
    [
        ("en", "## Roadmap", "emerging"),
        ("fr", "## Feuille de route", "émergent"),
        ("de", "## Fahrplan", "im Aufbau"),
        ("nl", "## Stappenplan", "opkomend"),
        ("es", "## Hoja de ruta", "emergente"),
    ],
)
def test_markdown_speaks_each_language(language, heading, level_word):
    report = to_markdown(RESULT, roadmap=PLAN, benchmark=BENCH, language=language)
    assert heading in report
    assert level_name(2, language) == level_word
    assert FW.dimension("legal").title[language] in report
    assert FW.action(PLAN.actions[0].action_id).text[language] in report


def test_markdown_without_enough_peers_shows_only_own_scores():
    few = benchmark(RESULT, [share(r) for r in RESULTS[:4]])
    report = to_markdown(RESULT, benchmark=few)
    assert "Fewer than 5 organisations" in report
    assert "Median" not in report


def test_csv_action_plan_has_one_row_per_action_in_order():
    rows = list(csv.reader(io.StringIO(to_csv(PLAN, framework=FW, language="fr"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Ordre", "Horizon", "Identifiant de l’action"]
    assert [r[2] for r in body] == [a.action_id for a in PLAN.actions]
    assert [int(r[0]) for r in body] == list(range(1, len(body) + 1))
    assert body[0][3] == FW.action(PLAN.actions[0].action_id).text["fr"]


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_report_is_self_contained_and_accessible(language):
    page = to_html(RESULT, roadmap=PLAN, benchmark=BENCH, language=language)
    checker = _Checker()
    checker.feed(page)
    tags = checker.tags
    names = [t for t, _ in tags]
    assert ("html", {"lang": language}) in tags
    assert "script" not in names and "link" not in names and "img" not in names
    # No external resources: the only URL is the SVG namespace.
    assert re.findall(r"https?://[^\s\"']+", page) == ["http://www.w3.org/2000/svg"]
    assert names.count("h1") == 1 and "main" in names
    svg = next(a for t, a in tags if t == "svg")
    assert svg["role"] == "img" and svg["aria-labelledby"] == "radar-title radar-desc"
    assert "title" in names and "desc" in names
    assert names.count("table") == names.count("caption")
    assert all(a.get("scope") in ("col", "row") for t, a in tags if t == "th")
    assert "@media print" in page
    # The chart's data is also in a table.
    for d in RESULT.dimensions:
        assert FW.dimension(d.dimension_id).title[language] in page
        assert f">{d.score:.0f}<" in page


def test_radar_polygon_follows_the_scores():
    svg = radar_svg(RESULT)
    polygons = re.findall(r'<polygon points="([^"]+)"', svg)
    score_polygon = polygons[-2]  # grid rings, high, score, low
    points = [tuple(map(float, p.split(","))) for p in score_polygon.split()]
    assert len(points) == len(RESULT.dimensions)
    # The first axis points straight up: its distance from the centre is the score.
    x, y = points[0]
    assert x == pytest.approx(400, abs=0.1)
    assert 310 - y == pytest.approx(190 * RESULT.dimensions[0].score / 100, abs=0.1)


def test_html_escapes_the_organisation_name():
    import dataclasses

    evil = dataclasses.replace(RESULT, organisation="<script>alert(1)</script>")
    page = to_html(evil)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_french_levels_have_a_decimal_comma():
    # "niveau 1,5" in the roadmap and the respondents' levels: the reader's own numbers.
    report = to_markdown(RESULT, roadmap=PLAN, benchmark=BENCH, language="fr")
    levels = re.findall(r"niveau (\d+[.,]\d)", report)
    assert levels and all("," in level for level in levels), levels
    voices = [d for d in RESULT.disagreements if d.levels]
    for d in voices:
        level = next(iter(d.levels.values()))
        assert f"{level:.1f}".replace(".", ",") in report
