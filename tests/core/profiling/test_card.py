from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from openpes.errors import InputError
from openpes.i18n import LANGUAGES
from openpes.profiling import SupportNeedsModel, card_document, model_card
from openpes.reports import Document, Paragraph, to_html, to_markdown

SECTIONS = [
    "purpose",
    "model",
    "data",
    "features",
    "performance",
    "calibration",
    "groups",
    "proxies",
    "oversight",
]


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "br", "link"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_card_renders_in_every_language_and_format(
    ebm: SupportNeedsModel, language: str
) -> None:
    md = model_card(ebm, format="markdown", language=language)
    html = model_card(ebm, format="html", language=language)
    document = json.loads(model_card(ebm, format="json", language=language))
    assert [s["key"] for s in document["sections"]] == SECTIONS
    assert md.startswith(f"# {document['title']}\n")
    assert md.count("\n## ") == len(SECTIONS)
    assert all(s["ai_act"] for s in document["sections"])
    assert "Art. 13" in md and "Annex IV" in md
    checker = _Checker()
    checker.feed(html)
    assert checker.stack == []
    assert ("html", {"lang": language}) in checker.tags
    assert any(tag == "main" for tag, _ in checker.tags)
    assert not any(tag in {"script", "link", "img"} for tag, _ in checker.tags)  # self-contained


@pytest.mark.parametrize("language", ["fr", "de", "nl", "es"])
def test_the_card_is_really_translated(ebm: SupportNeedsModel, language: str) -> None:
    english = json.loads(model_card(ebm, format="json"))
    other = json.loads(model_card(ebm, format="json", language=language))
    pairs = list(zip(english["sections"], other["sections"], strict=True))
    # Some words are the same in two languages ("Model" in Dutch), but not most titles.
    assert sum(a["title"] != b["title"] for a, b in pairs) >= len(pairs) - 1
    assert all(a["paragraphs"] != b["paragraphs"] for a, b in pairs)


def test_the_card_reports_purpose_figures_groups_and_proxies(ebm: SupportNeedsModel) -> None:
    document = json.loads(model_card(ebm, format="json"))
    text = json.dumps(document["sections"])
    assert "never used to deny or reduce a service" in text
    assert "The counsellor decides" in text
    report = document["report"]
    assert {"auc", "brier", "ece", "calibration", "groups"} <= set(report["test"])
    assert {p["attribute"] for p in report["proxies"]} == {
        "sex",
        "age",
        "age_band",
        "origin",
        "disability",
    }
    assert report["comparison"]["lightgbm_auc"] > 0.5
    assert document["glass_box"] is True


def test_the_black_box_is_labelled_as_such(models: dict[str, SupportNeedsModel]) -> None:
    card = model_card(models["lightgbm"], format="markdown")
    assert "BLACK BOX" in card and "Do not use it to assess people" in card
    assert "BLACK BOX" not in model_card(models["scorecard"], format="markdown")


def test_bad_format_or_language(ebm: SupportNeedsModel) -> None:
    with pytest.raises(InputError, match="pdf"):
        model_card(ebm, format="pdf")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="it"):
        model_card(ebm, format="markdown", language="it")  # type: ignore[arg-type]


def test_the_card_is_one_report_document(models: dict[str, SupportNeedsModel]) -> None:
    document = card_document(models["lightgbm"], language="fr")
    assert isinstance(document, Document) and document.language == "fr"
    assert [s.id for s in document.sections] == SECTIONS
    assert all((s.reference or "").startswith("EU AI Act: ") for s in document.sections)
    first = document.sections[1].blocks[0]  # the model section opens with its warning
    assert isinstance(first, Paragraph) and first.tone == "warning"
    assert to_markdown(document) == model_card(models["lightgbm"], language="fr")
    assert to_html(document) == model_card(models["lightgbm"], format="html", language="fr")


def test_the_model_imports_none_of_what_is_made_from_it() -> None:
    import ast
    from pathlib import Path

    import openpes.profiling._model as module

    tree = ast.parse(Path(module.__file__).read_text())
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    made_from_it = {f"openpes.profiling.{m}" for m in ("_assess", "_card", "_recourse", "_storage")}
    assert not imported & made_from_it
