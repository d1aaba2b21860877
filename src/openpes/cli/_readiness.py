"""``openpes readiness``: the organisational readiness self-assessment (template, score)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from openpes.i18n import LocalisedText, messages, translator

if TYPE_CHECKING:
    from openpes.readiness import Framework, SharedResult

# Errors are messages, translated by the CLI's error handler in the user's language.
_m = messages("openpes.readiness")

app = typer.Typer(
    help="Organisational readiness for AI: answer template, scores, roadmap and peer benchmark.",
    no_args_is_help=True,
)

_LANG = typer.Option(
    "en", "--lang", help="Language of the texts: en, fr, de, nl, es, fi, lv, tr, ko, ms."
)
_FRAMEWORK = typer.Option(
    None, "--framework", help="Another framework file (same schema); the shipped one by default."
)


class _Format(StrEnum):
    json = "json"
    md = "md"
    markdown = "markdown"
    html = "html"
    csv = "csv"


class _GroupBy(StrEnum):
    region = "region"
    size_band = "size_band"


_FORMAT = typer.Option(
    _Format.md,
    "--format",
    help="json (reloadable), md (Markdown), html (printable report), csv (action plan).",
)
_GROUP_BY = typer.Option(
    None,
    "--group-by",
    help="Also compare within regions or size bands (each needs 5 organisations).",
)
_DEMO_PEERS = typer.Option(
    False, "--demo-peers", help="Compare with the 12 fictional demo organisations."
)
_ANSWERS = typer.Argument(..., help="The answers file (JSON).")
_OUT = typer.Option(None, "--out", help="Write here instead of the terminal.")
_PEERS = typer.Option(
    None, "--peers", help="A JSON list of anonymous shared results to compare with."
)
_FRAMEWORK_FILE = typer.Argument(
    None, help="A framework file to check; the shipped one by default."
)


def _gettext(lang: str) -> Callable[[str], str]:
    return translator("openpes.readiness", lang).gettext


def _framework(path: Path | None) -> Framework:
    from openpes.readiness import load_framework

    return load_framework(path)


def _peers(path: Path | None, demo: bool, framework: Framework) -> list[SharedResult] | None:
    import json

    from openpes.errors import InputError
    from openpes.files import read_text
    from openpes.readiness import SharedResult, demo_organisations, score, share

    if demo:
        return [
            share(score(a, framework=framework), region=a.region, size_band=a.size_band)
            for a in demo_organisations(framework=framework)
        ]
    if path is None:
        return None
    try:
        data: Any = json.loads(read_text(path))
        return [
            SharedResult(
                framework_id=str(item["framework_id"]),
                framework_version=str(item["framework_version"]),
                dimensions={str(k): float(v) for k, v in item["dimensions"].items()},
                overall=float(item["overall"]),
                region=item.get("region"),
                size_band=item.get("size_band"),
            )
            for item in data
        ]
    except OSError as exc:
        raise InputError(
            _m("cannot read the file ({reason})").format(reason=exc.strerror), file=str(path)
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(
            _m(
                "expected a JSON list of shared results with framework_id, framework_version,"
                " dimensions and overall (see `openpes readiness share`)"
            ),
            file=str(path),
        ) from None


def _check_out(out: Path | None) -> None:
    """Before any work: the output must be writable."""
    from openpes.files import check_writable

    if out is not None:
        check_writable(out)


def _emit(text: str, out: Path | None, console: Console, lang: str) -> None:
    from openpes.files import write_atomic

    _ = _gettext(lang)
    if out is None:
        typer.echo(text, nl=False)
        return
    write_atomic(out, text)
    console.print(_("Written to {path}").format(path=out), highlight=False)


@app.command("template")
def template(
    out: Annotated[Path, typer.Option("--out", help="Where to write the answers file (JSON).")],
    organisation: str = typer.Option("", "--organisation", help="The organisation's name."),
    lang: str = _LANG,
    framework: Path | None = _FRAMEWORK,
) -> None:
    """Write an answers file to fill in: one respondent per group, every answer blank."""
    from openpes.readiness import template as make_template

    _check_out(out)
    fw = _framework(framework)
    text = make_template(framework=fw, organisation=organisation, language=lang)
    _emit(text, out, Console(stderr=True), lang)


@app.command("score")
def score(
    answers: Path = _ANSWERS,
    fmt: _Format = _FORMAT,
    out: Path | None = _OUT,
    lang: str = _LANG,
    framework: Path | None = _FRAMEWORK,
    peers: Path | None = _PEERS,
    demo_peers: bool = _DEMO_PEERS,
    group_by: _GroupBy | None = _GROUP_BY,
) -> None:
    """Score an answers file: scores with intervals, level, gates, voices, roadmap, benchmark."""
    from openpes.readiness import (
        benchmark,
        load_json,
        roadmap,
        to_csv,
        to_html,
        to_json,
        to_markdown,
    )
    from openpes.readiness import score as score_assessment

    _check_out(out)
    fw = _framework(framework)
    assessment = load_json(answers, framework=fw)
    result = score_assessment(assessment, framework=fw)
    plan = roadmap(result)
    shared = _peers(peers, demo_peers, fw)
    bench = (
        benchmark(result, shared, group_by=None if group_by is None else group_by.value)
        if shared is not None
        else None
    )
    fmt = _Format(fmt)
    if fmt is _Format.json:
        text = to_json(result)
    elif fmt is _Format.csv:
        text = to_csv(plan, framework=fw, language=lang)
    elif fmt is _Format.html:
        text = to_html(result, roadmap=plan, benchmark=bench, language=lang)
    else:
        text = to_markdown(result, roadmap=plan, benchmark=bench, language=lang)
    _emit(text, out, Console(stderr=True), lang)


@app.command("share")
def share_command(
    answers: Path = _ANSWERS,
    out: Path | None = _OUT,
    lang: str = _LANG,
    framework: Path | None = _FRAMEWORK,
) -> None:
    """Print the anonymous scores this organisation may share (no name, no answers)."""
    import json

    from openpes.errors import InputError
    from openpes.readiness import load_json, share
    from openpes.readiness import score as score_assessment

    _check_out(out)
    fw = _framework(framework)
    assessment = load_json(answers, framework=fw)
    if not assessment.share:
        raise InputError(
            _m('this organisation has not opted in: set "share_scores": true first'),
            file=str(answers),
        )
    shared = share(
        score_assessment(assessment, framework=fw),
        region=assessment.region,
        size_band=assessment.size_band,
    )
    record = {
        "framework_id": shared.framework_id,
        "framework_version": shared.framework_version,
        "dimensions": dict(shared.dimensions),
        "overall": shared.overall,
        "region": shared.region,
        "size_band": shared.size_band,
    }
    _emit(json.dumps([record], indent=2) + "\n", out, Console(stderr=True), lang)


@app.command("framework")
def framework_command(
    path: Path | None = _FRAMEWORK_FILE,
    lang: str = _LANG,
) -> None:
    """Check a framework file against the schema and list its dimensions."""
    from rich.table import Table

    from openpes.readiness import localise

    _ = _gettext(lang)
    fw = _framework(path)
    table = Table(title=f"{localise(fw.title, lang)} {fw.version}")
    table.add_column(_("Dimension"))
    table.add_column(_("Weight"), justify="right")
    table.add_column(_("Questions"), justify="right")
    number = LocalisedText("openpes.readiness", lang).number
    for d in fw.dimensions:
        # As many decimals as the weight has (1, 1.5, 0.25), in the language's own way.
        decimals = len(f"{d.weight:g}".partition(".")[2])
        table.add_row(localise(d.title, lang), number(d.weight, decimals), str(len(d.questions)))
    console = Console()
    console.print(table)
    texts = LocalisedText("openpes.readiness", lang)
    # Each count is its own plural, joined by a sentence each language words for itself.
    counts = {
        "questions": texts.ngettext("{n} question", "{n} questions", len(fw.questions)),
        "actions": texts.ngettext("{n} action", "{n} actions", len(fw.actions)),
        "gates": texts.ngettext("{n} gate", "{n} gates", len(fw.gates)),
    }
    numbers = {"questions": len(fw.questions), "actions": len(fw.actions), "gates": len(fw.gates)}
    console.print(
        _("{questions}, {actions} and {gates}; valid.").format(
            **{key: text.format(n=texts.number(numbers[key], 0)) for key, text in counts.items()}
        ),
        highlight=False,
    )
