from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import polars as pl
import pytest

from openpes.fairness import audit, to_html
from openpes.i18n import LANGUAGES
from tests.core.fairness.conftest import decisions


class _Outline(HTMLParser):
    """Collects what an accessibility review looks at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.svg_children: list[list[str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "svg":
            self.svg_children.append([])
        elif self.svg_children and "svg" in self.stack:
            self.svg_children[-1].append(tag)
        if tag not in ("meta", "line", "rect"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def report() -> str:
    df = pl.concat(
        [
            decisions(3000, seed=5),
            decisions(5, seed=6).with_columns(pl.lit("tiny").alias("age_band")),
        ]
    )
    result = audit(
        df,
        label="found_work",
        prediction="high_need",
        score="score",
        sensitive=["sex", "age_band"],
        intersections=2,
    )
    return to_html(result)


def _parse(html: str) -> _Outline:
    outline = _Outline()
    outline.feed(html)
    return outline


def test_document_language_headings_and_landmarks(report):
    outline = _parse(report)
    assert outline.tags[0] == ("html", {"lang": "en"})
    names = [t for t, _ in outline.tags]
    assert names.count("h1") == 1 and "h2" in names and "main" in names
    assert report.startswith("<!DOCTYPE html>")


def test_self_contained_without_scripts(report):
    assert "<script" not in report.lower()
    urls = re.findall(r"(?:src|href)=\"([^\"]+)\"", report)
    assert all(u.startswith("#") for u in urls), urls
    assert "http://" not in report.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in report


def test_tables_have_captions_and_scoped_headers(report):
    outline = _parse(report)
    tables = report.count("<table>")
    assert tables > 3 and report.count("<caption>") == tables
    headers = [a for t, a in outline.tags if t == "th"]
    assert headers and all(a.get("scope") in ("col", "row") for a in headers)


def test_charts_are_labelled_images_with_data_tables(report):
    outline = _parse(report)
    svgs = [a for t, a in outline.tags if t == "svg"]
    # The report layer names each chart with aria-label: its title, then how to read it.
    captions = [unescape(c) for c in re.findall(r"<figcaption>(.*?)</figcaption>", report)]
    assert svgs and len(captions) == len(svgs)
    for attrs, caption in zip(svgs, captions, strict=True):
        label = attrs.get("aria-label") or ""
        assert attrs.get("role") == "img" and label.startswith(caption) and "95% interval" in label
    assert report.count("<svg") == report.count("<caption>Data of the chart")


def test_summary_sentence_and_methods(report):
    assert re.search(r"received a positive decision \d\.\d times as often as the group", report)
    assert "(95% CI " in report
    assert "Methods and caveats" in report and "Wilson" in report and "Newcombe" in report


def test_suppressed_group_shows_no_numbers(report):
    rows = re.findall(
        r"<tr><th scope=\"row\">Age group: tiny \(age_band=tiny\)</th>(.*?)</tr>", report
    )
    group_rows = [r for r in rows if "<td></td>" in r]  # the group table's blank cells
    assert len(group_rows) == 1 and "suppressed" in group_rows[0]
    assert len(rows) > 1  # and its comparisons are listed, without numbers
    for row in rows:
        # The reference's name, "Aged 25 to 49 (age_band=25-49)", is the only digits allowed.
        cleaned = re.sub(r'colspan="\d+"', "", row).replace("Aged 25 to 49", "")
        cleaned = cleaned.replace("25-49", "")
        assert not re.search(r"\d", cleaned), row


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _expand(colour: str) -> str:
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def test_text_colours_meet_wcag_aa_contrast(report):
    style = re.search(r"<style>(.*?)</style>", report, re.DOTALL)
    assert style is not None
    pairs = re.findall(r"background:(#[0-9a-f]{3,6});color:(#[0-9a-f]{3,6})", style.group(1))
    pairs.append(("#ffffff", "#1a1a1a"))
    assert len(pairs) >= 5
    for background, foreground in pairs:
        light, dark = sorted((_luminance(_expand(background)), _luminance(_expand(foreground))))
        assert (dark + 0.05) / (light + 0.05) >= 4.5, (background, foreground)


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_report_is_translated(language):
    result = audit(
        decisions(800, seed=9), label="found_work", prediction="high_need", sensitive="sex"
    )
    html = to_html(result, language=language)
    expected = {
        "fr": "Audit d’équité",
        "de": "Fairness-Audit",
        "nl": "Eerlijkheidsaudit",
        "es": "Auditoría de equidad",
        "fi": "Reiluustarkastus",
        "lv": "Godīguma audits",
        "tr": "Adalet denetimi",
        "ko": "공정성 감사",
        "ms": "Audit keadilan",
    }
    assert f'lang="{language}"' in html and f"<h1>{expected[language]}</h1>" in html
    assert "Methods and caveats" not in html
