"""``openpes taxonomy``: look at ESCO (info, search, show), import a language and embed it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import typer
from rich.console import Console
from rich.markup import escape

from openpes.i18n import messages

if TYPE_CHECKING:
    from openpes.i18n import LocalisedText
    from openpes.taxonomy import Taxonomy

app = typer.Typer(
    help="The ESCO skills and occupations taxonomy: counts, search, concept details.",
    no_args_is_help=True,
)

_LANG = typer.Option(
    "en", "--lang", help="Language of the messages: en, fr, de, nl, es, fi, lv, tr, ko, ms."
)
#: Errors raised here are shown by the CLI's one error path, in the user's language.
_m = messages("openpes.taxonomy")
_ESCO = typer.Option(
    None,
    "--esco",
    help="ESCO language to use, one imported with 'openpes taxonomy import' "
    "(default: the bundled English).",
)


def _gettext(lang: str) -> Callable[[str], str]:
    from openpes.i18n import translator

    return translator("openpes.taxonomy", lang).gettext


def _texts(lang: str) -> LocalisedText:
    """Gettext, plurals and numbers of ``lang``: counts are written ``13 864`` in French."""
    from openpes.i18n import LocalisedText

    return LocalisedText("openpes.taxonomy", lang)


def _load(console: Console, lang: str, esco: str | None = None) -> Taxonomy:
    from openpes.taxonomy import Taxonomy

    _ = _gettext(lang)
    with console.status(_("Loading the ESCO taxonomy…")):
        return Taxonomy.load(esco)


@app.command("info")
def info(esco: str | None = _ESCO, lang: str = _LANG) -> None:
    """Show the ESCO version, language, counts and the ESCO notice."""
    from rich.table import Table

    from openpes.taxonomy import ESCO_NOTICE

    _ = _gettext(lang)
    count = _texts(lang).number
    console = Console()
    tax = _load(console, lang, esco)
    table = Table(title=_("ESCO taxonomy"), show_header=False)
    table.add_column()
    table.add_column(justify="right")
    rows = [
        (_("Version"), tax.version),
        (_("Language"), tax.language),
        (_("Occupations"), count(tax.occupations.height, 0)),
        (_("Skills"), count(tax.skills.height, 0)),
        (_("Occupation-skill relations"), count(tax.occupation_skills.height, 0)),
        (_("Related-skill relations"), count(tax.skill_relations.height, 0)),
        (_("ISCO-08 groups"), count(tax.isco_groups.height, 0)),
        (_("Skill groups"), count(tax.skill_groups.height, 0)),
        (_("Skills in collections"), count(tax.collections.height, 0)),
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
    esco: str | None = _ESCO,
    lang: str = _LANG,
) -> None:
    """Occupations by label, skills by label and meaning, for a word, phrase or sentence."""
    from rich.table import Table

    _ = _gettext(lang)
    console = Console()
    if kind not in ("occupation", "skill"):
        console.print(f"[bold red]{_('error')}:[/] {_('--kind must be occupation or skill')}")
        raise typer.Exit(2)
    tax = _load(console, lang, esco)
    chosen: Literal["occupation", "skill"] = "skill" if kind == "skill" else "occupation"
    hits = tax.search(text, kind=chosen, limit=limit)
    number = _texts(lang).number
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
        table.add_row(number(hit.score, 1), hit.label, matched, hit.uri)
    console.print(table)


#: How much of a hit's span the table quotes: a sentence, not a whole paragraph.
_SPAN_SHOWN = 90


def _quoted(span: str) -> str:
    span = " ".join(span.split())
    return span if len(span) <= _SPAN_SHOWN else span[: _SPAN_SHOWN - 1].rstrip() + "…"


@app.command("extract")
def extract(
    text: str | None = typer.Argument(
        None, help="The text: a CV, a letter or a vacancy. Leave it out to use --file."
    ),
    file: str | None = typer.Option(
        None, "--file", help="Read the text from this file (UTF-8); '-' reads standard input."
    ),
    esco: str | None = _ESCO,
    lang: str = _LANG,
) -> None:
    """Find ESCO skills in a CV, a letter or a vacancy: suggestions for a person to confirm."""
    import sys

    from rich.table import Table

    from openpes.errors import InputError
    from openpes.files import decode_text, read_text

    _ = _gettext(lang)
    if (text is None) == (file is None):
        raise InputError(_m("give the text, or --file with the file that holds it (not both)"))
    if file == "-":
        text = decode_text(sys.stdin.buffer.read(), file="<stdin>")
    elif file is not None:
        text = read_text(file)
    assert text is not None
    console = Console()
    tax = _load(console, lang, esco)
    hits = tax.extract_skills(text)
    if not hits:
        console.print(_("No ESCO skill found in this text."))
        return
    number = _texts(lang).number
    table = Table(title=_("Skills found in the text"))
    table.add_column(_("Confidence (%)"), justify="right")
    table.add_column(_("Skill"))
    table.add_column(_("From the text"))
    table.add_column("URI", overflow="fold")
    for hit in hits:
        table.add_row(
            number(100 * hit.score, 0),
            escape(hit.label),
            escape(_quoted(text[hit.start : hit.end])),
            hit.uri,
        )
    console.print(table)
    console.print(_("These are suggestions: a person confirms each skill before it is recorded."))


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
    esco: str | None = _ESCO,
    lang: str = _LANG,
) -> None:
    """Show one concept: label, type, ISCO group, skills or occupations, hierarchy."""
    from rich.table import Table

    from openpes.errors import InputError

    _ = _gettext(lang)
    console = Console()
    tax = _load(console, lang, esco)
    try:
        kind = tax.kind(uri)
    except InputError as exc:
        text = escape(exc.translate(lang))
        Console(stderr=True).print(f"[bold red]{_('error')}:[/] {text}", highlight=False)
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


@app.command("import")
def import_(
    folder: str = typer.Argument(..., help="Folder of an official ESCO CSV download."),
    language: str | None = typer.Option(
        None,
        "--language",
        help="Language suffix of the files, e.g. fi for skills_fi.csv (default: read from "
        "the occupations_<language>.csv file).",
    ),
    version: str = typer.Option("1.2.0", "--version", help="ESCO release of the download."),
    embed: bool = typer.Option(
        True,
        "--embed/--no-embed",
        help="Then embed the skills' labels and descriptions for search by meaning (some "
        "25 minutes of one core for a whole language; --no-embed leaves it to "
        "'openpes taxonomy embed').",
    ),
    lang: str = _LANG,
) -> None:
    """Import an official ESCO download into var/, then embed its skills (unless --no-embed)."""
    import warnings

    from openpes.files import check_writable
    from openpes.i18n import translate
    from openpes.taxonomy import (
        EscoImportWarning,
        Taxonomy,
        encoder_installed,
        folder_language,
        import_esco,
        var_dir,
    )

    _ = _gettext(lang)
    console = Console()
    chosen = language if language is not None else folder_language(folder)
    check_writable(var_dir(), folder=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", EscoImportWarning)
        with console.status(_("Reading the ESCO files…")):
            manifest = import_esco(folder, language=chosen, version=version)
    for warning in caught:
        # The warning holds a Message: shown in the run's language, like the lines below.
        message = warning.message
        text = message.args[0] if isinstance(message, Warning) and message.args else message
        Console(stderr=True).print(f"[yellow]{translate(text, lang)}[/]", highlight=False)
    tables = manifest["tables"]
    texts = _texts(lang)
    # Each count is its own plural, joined by a sentence each language words for itself.
    occupations, skills = tables["occupations"]["rows"], tables["skills"]["rows"]
    relations = tables["occupation_skills"]["rows"]
    console.print(
        _("Imported ESCO {version} in {language}: {occupations}, {skills} and {relations}.").format(
            version=version,
            language=chosen,
            occupations=texts.ngettext("{n} occupation", "{n} occupations", occupations).format(
                n=texts.number(occupations, 0)
            ),
            skills=texts.ngettext("{n} skill", "{n} skills", skills).format(
                n=texts.number(skills, 0)
            ),
            relations=texts.ngettext(
                "{n} occupation-skill relation", "{n} occupation-skill relations", relations
            ).format(n=texts.number(relations, 0)),
        ),
        highlight=False,
    )
    if not embed:
        _next_step(console, lang, chosen)
        return
    if not encoder_installed():
        console.print(_no_encoder_note(lang), highlight=False, soft_wrap=True)
        return
    _embed(console, lang, Taxonomy.load(chosen), chosen)


def _no_encoder_note(lang: str) -> str:
    _ = _gettext(lang)
    return _(
        "Skill search is lexical: the sentence encoder (openpes[semantic]) is not installed. "
        "It works as it is, and there is nothing to embed."
    )


def _minutes_text(lang: str, minutes: int) -> str:
    texts = _texts(lang)
    if minutes < 1:
        return texts.gettext("less than a minute of one core")
    return texts.ngettext(
        "about {n} minute of one core", "about {n} minutes of one core", minutes
    ).format(n=texts.number(minutes, 0))


def _next_step(console: Console, lang: str, language: str) -> None:
    from openpes.taxonomy import Taxonomy, encoder_installed

    _ = _gettext(lang)
    if not encoder_installed():
        console.print(_no_encoder_note(lang), highlight=False, soft_wrap=True)
        return
    status = Taxonomy.load(language).embedding_status()
    if status.complete:
        return
    console.print(
        _(
            "Skill search ranks on the labels' words for now. To rank on their meaning and "
            "on the skill descriptions too, run 'openpes taxonomy embed --esco {language}' "
            "({minutes})."
        ).format(language=language, minutes=_minutes_text(lang, status.minutes)),
        highlight=False,
        soft_wrap=True,
    )


def _embed(console: Console, lang: str, tax: Taxonomy, language: str) -> None:
    """Build the label and description vectors ``tax`` lacks, with progress; resumable."""
    from openpes.cli.progress import step_progress
    from openpes.files import remove_orphans
    from openpes.taxonomy import var_dir

    _ = _gettext(lang)
    texts = _texts(lang)
    # The caller checked, before any work, that var/ can be written. Temporary files of a
    # killed run are removed (a lock tells them from a live run's, which stay).
    remove_orphans(var_dir())
    status = tax.embedding_status()
    if status.complete:
        console.print(
            _("Nothing to embed: the skill vectors of ESCO {language} are complete.").format(
                language=language
            ),
            highlight=False,
        )
        return
    parts = []
    if status.labels_to_embed:
        parts.append(
            texts.ngettext("{n} skill label", "{n} skill labels", status.labels_to_embed).format(
                n=texts.number(status.labels_to_embed, 0)
            )
        )
    if status.descriptions_to_embed:
        parts.append(
            texts.ngettext(
                "{n} skill description", "{n} skill descriptions", status.descriptions_to_embed
            ).format(n=texts.number(status.descriptions_to_embed, 0))
        )
    what = (
        parts[0]
        if len(parts) == 1
        else _("{first} and {second}").format(first=parts[0], second=parts[1])
    )
    console.print(
        _("Embedding {what} of ESCO {language}: {minutes}.").format(
            what=what, language=language, minutes=_minutes_text(lang, status.minutes)
        )
        + " "
        + _(
            "Skill search works on the labels' words meanwhile. Ctrl-C stops safely: the work "
            "done is kept, and 'openpes taxonomy embed --esco {language}' continues it."
        ).format(language=language),
        highlight=False,
        soft_wrap=True,
    )
    try:
        with step_progress() as progress:
            if status.labels_to_embed:
                labels = progress.add_task(_("Embedding skill labels"), total=None)
                tax.build_label_vectors(
                    lambda done, total: progress.update(labels, completed=done, total=total)
                )
            if status.descriptions_to_embed:
                described = progress.add_task(_("Embedding skill descriptions"), total=None)
                tax.build_description_vectors(
                    lambda done, total: progress.update(described, completed=done, total=total)
                )
    except KeyboardInterrupt:
        Console(stderr=True).print(
            _(
                "Stopped. The work done so far is kept: run 'openpes taxonomy embed --esco "
                "{language}' to continue. Skill search works on the labels' words until then."
            ).format(language=language),
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from None
    after = tax.embedding_status()
    console.print(
        texts.ngettext(
            "Skill vectors of ESCO {language} are complete: {count} of {total} skill "
            "description is embedded.",
            "Skill vectors of ESCO {language} are complete: {count} of {total} skill "
            "descriptions are embedded.",
            after.described,
        ).format(
            language=language,
            count=texts.number(after.embedded, 0),
            total=texts.number(after.described, 0),
        )
        + " "
        + _("A running 'openpes serve' uses them from its next skill search; no restart needed."),
        highlight=False,
        soft_wrap=True,
    )


@app.command("embed")
def embed(
    esco: str | None = typer.Option(
        None,
        "--esco",
        help="ESCO language to embed, one imported with 'openpes taxonomy import' "
        "(default: every imported language).",
    ),
    lang: str = _LANG,
) -> None:
    """Embed an imported ESCO's skills (some 25 minutes of one core) for search by meaning."""
    from openpes.errors import InputError
    from openpes.files import check_writable
    from openpes.taxonomy import encoder_installed, imported_languages, var_dir

    _ = _gettext(lang)
    console = Console()
    if not encoder_installed():
        raise InputError(
            _(
                "the sentence encoder (openpes[semantic]) is not installed: skill search is "
                "lexical and works without vectors; nothing was embedded"
            )
        )
    # Before any work: a var/ that cannot be written fails now, not after minutes.
    check_writable(var_dir(), folder=True)
    languages = [esco] if esco is not None else imported_languages()
    if not languages:
        console.print(
            _(
                "Nothing to embed: the bundled English ESCO ships its vectors, and no other "
                "language was imported ('openpes taxonomy import FOLDER')."
            ),
            highlight=False,
            soft_wrap=True,
        )
        return
    for language in languages:
        _embed(console, lang, _load(console, lang, language), language)


crosswalk_app = typer.Typer(
    help="National occupation classifications mapped to ESCO through ISCO-08.",
    no_args_is_help=True,
)
app.add_typer(crosswalk_app, name="crosswalk")


@crosswalk_app.command("import")
def crosswalk_import(
    file: str = typer.Argument(..., help="CSV with the columns code, label, isco08."),
    scheme: str = typer.Option(..., "--scheme", help="Name of the scheme, e.g. KSCO-7."),
    labels: str = typer.Option(
        "", "--labels", help="Language of the national labels, e.g. ko (for the record)."
    ),
    lang: str = _LANG,
) -> None:
    """Check a national classification and store it under var/ for the web application."""
    from openpes.taxonomy import read_crosswalk, save_crosswalk

    _ = _gettext(lang)
    console = Console()
    tax = _load(console, lang)
    crosswalk = read_crosswalk(file, scheme=scheme, language=labels, taxonomy=tax)
    path = save_crosswalk(crosswalk)
    pairs = crosswalk.table(taxonomy=tax)
    texts = _texts(lang)
    codes, occupations = len(crosswalk.codes), pairs["occupation_uri"].n_unique()
    # Two counts, two plurals: the codes' in the sentence, the occupations' in its clause.
    reaching = texts.ngettext(
        "reaching {n} ESCO occupation", "reaching {n} ESCO occupations", occupations
    ).format(n=texts.number(occupations, 0))
    console.print(
        texts.ngettext(
            "Imported {scheme}: {n} national code, {reaching}, into {path}.",
            "Imported {scheme}: {n} national codes, {reaching}, into {path}.",
            codes,
        ).format(scheme=scheme, n=texts.number(codes, 0), reaching=reaching, path=path),
        highlight=False,
        soft_wrap=True,
    )


@crosswalk_app.command("list")
def crosswalk_list(lang: str = _LANG) -> None:
    """List the imported national classifications."""
    from openpes.taxonomy import crosswalk_schemes, load_crosswalk

    _ = _gettext(lang)
    console = Console()
    schemes = crosswalk_schemes()
    texts = _texts(lang)
    if not schemes:
        console.print(_("No national classification has been imported."))
        return
    for scheme in schemes:
        walk = load_crosswalk(scheme)
        codes = len(walk.codes)
        console.print(
            texts.ngettext(
                "{scheme}: {n} national code", "{scheme}: {n} national codes", codes
            ).format(scheme=scheme, n=texts.number(codes, 0)),
            highlight=False,
        )
