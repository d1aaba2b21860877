"""``openpes taxonomy``: look at the bundled ESCO taxonomy (info, search, show)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import typer
from rich.console import Console

if TYPE_CHECKING:
    from openpes.taxonomy import Taxonomy

app = typer.Typer(
    help="The ESCO skills and occupations taxonomy: counts, search, concept details.",
    no_args_is_help=True,
)

_LANG = typer.Option(
    "en", "--lang", help="Language of the messages: en, fr, de, nl, es, fi, lv, tr, ko, ms."
)


def _gettext(lang: str) -> Callable[[str], str]:
    from openpes.i18n import translator

    return translator("openpes.taxonomy", lang).gettext


def _load(console: Console, lang: str) -> Taxonomy:
    from openpes.taxonomy import Taxonomy

    _ = _gettext(lang)
    with console.status(_("Loading the ESCO taxonomy…")):
        return Taxonomy.load()


@app.command("info")
def info(lang: str = _LANG) -> None:
    """Show the ESCO version, language, counts and the ESCO notice."""
    from rich.table import Table

    from openpes.taxonomy import ESCO_NOTICE

    _ = _gettext(lang)
    console = Console()
    tax = _load(console, lang)
    table = Table(title=_("ESCO taxonomy"), show_header=False)
    table.add_column()
    table.add_column(justify="right")
    rows = [
        (_("Version"), tax.version),
        (_("Language"), tax.language),
        (_("Occupations"), f"{tax.occupations.height:,}"),
        (_("Skills"), f"{tax.skills.height:,}"),
        (_("Occupation-skill relations"), f"{tax.occupation_skills.height:,}"),
        (_("Related-skill relations"), f"{tax.skill_relations.height:,}"),
        (_("ISCO-08 groups"), f"{tax.isco_groups.height:,}"),
        (_("Skill groups"), f"{tax.skill_groups.height:,}"),
        (_("Skills in collections"), f"{tax.collections.height:,}"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    # The notice is a licence condition, so it is printed verbatim, untranslated.
    console.print(ESCO_NOTICE, highlight=False)


@app.command("search")
def search(
    text: str = typer.Argument(..., help="What to look for, e.g. 'forklift driver'."),
    kind: str = typer.Option("occupation", "--kind", help="occupation or skill."),
    limit: int = typer.Option(10, "--limit", min=1, max=200, help="Maximum number of results."),
    lang: str = _LANG,
) -> None:
    """Fuzzy search over preferred and alternative labels (accents and case ignored)."""
    from rich.table import Table

    _ = _gettext(lang)
    console = Console()
    if kind not in ("occupation", "skill"):
        console.print(f"[bold red]{_('error')}:[/] {_('--kind must be occupation or skill')}")
        raise typer.Exit(2)
    tax = _load(console, lang)
    chosen: Literal["occupation", "skill"] = "skill" if kind == "skill" else "occupation"
    hits = tax.search(text, kind=chosen, limit=limit)
    if not hits:
        console.print(_("No match."))
        return
    table = Table(title=_("Search results"))
    table.add_column(_("Score"), justify="right")
    table.add_column(_("Label"))
    table.add_column(_("Matched label"))
    table.add_column("URI", overflow="fold")
    for hit in hits:
        matched = hit.matched_label if hit.matched_label != hit.label else ""
        table.add_row(f"{hit.score:.1f}", hit.label, matched, hit.uri)
    console.print(table)


def _listing(tax: Taxonomy, uris: list[str], limit: int = 25) -> str:
    shown = [f"{tax.label(u)}  [dim]{u}[/]" for u in uris[:limit]]
    if len(uris) > limit:
        shown.append(f"… (+{len(uris) - limit})")
    return "\n".join(shown) if shown else "—"


@app.command("show")
def show(
    uri: str = typer.Argument(
        ..., help="ESCO URI of an occupation, skill, ISCO group or skill group."
    ),
    lang: str = _LANG,
) -> None:
    """Show one concept: label, type, ISCO group, skills or occupations, hierarchy."""
    from rich.table import Table

    from openpes.errors import InputError

    _ = _gettext(lang)
    console = Console()
    tax = _load(console, lang)
    try:
        kind = tax.kind(uri)
    except InputError as exc:
        Console(stderr=True).print(f"[bold red]{_('error')}:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc

    kinds = {
        "occupation": _("occupation"),
        "skill": _("skill"),
        "isco_group": _("ISCO-08 group"),
        "skill_group": _("skill group"),
    }
    table = Table(title=tax.label(uri), show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("URI", uri)
    table.add_row(_("Type"), kinds[kind])
    if kind == "occupation":
        code = tax.isco_group(uri)
        group = tax.isco_groups.filter(tax.isco_groups["code"] == code)
        group_label = f" {group['label'][0]}" if group.height else ""
        table.add_row(_("ISCO-08 group"), code + group_label)
        table.add_row(
            _("Essential skills"), _listing(tax, tax.skills_of(uri, relation="essential"))
        )
        table.add_row(_("Optional skills"), _listing(tax, tax.skills_of(uri, relation="optional")))
    elif kind == "skill":
        row = tax.skills.filter(tax.skills["uri"] == uri).row(0, named=True)
        table.add_row(_("Skill type"), row["skill_type"] or "—")
        table.add_row(_("Reuse level"), row["reuse_level"] or "—")
        collections = tax.collections.filter(tax.collections["skill_uri"] == uri)["collection"]
        table.add_row(_("Collections"), ", ".join(collections.to_list()) or "—")
        table.add_row(
            _("Essential for"), _listing(tax, tax.occupations_needing(uri, relation="essential"))
        )
        table.add_row(
            _("Optional for"), _listing(tax, tax.occupations_needing(uri, relation="optional"))
        )
        table.add_row(_("Related skills"), _listing(tax, tax.related_skills(uri)))
    table.add_row(_("Broader"), _listing(tax, tax.broader(uri)))
    table.add_row(_("Narrower"), _listing(tax, tax.narrower(uri)))
    console.print(table)
