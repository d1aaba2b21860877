"""Read and write ESCO's official CSV layout (``occupations_en.csv``, ``skills_fr.csv``, ...).

The official download of each ESCO language is a folder of ``<name>_<lang>.csv`` files.
Three files are required (occupations, skills and their relations); the hierarchy,
related-skill and collection files are read when present, so that a partial
download still imports.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from openpes.errors import InputError
from openpes.i18n import messages

__all__ = ["COLLECTIONS", "EscoFrames", "EscoImportWarning", "read_esco_csv", "write_esco_csv"]

#: ESCO collection name -> official file stem.
COLLECTIONS: dict[str, str] = {
    "digital": "digitalSkillsCollection",
    "green": "greenSkillsCollection",
    "transversal": "transversalSkillsCollection",
    "language": "languageSkillsCollection",
}
_RELATIONS = ("essential", "optional")


@dataclass(frozen=True, slots=True)
class EscoFrames:
    """The normalised tables of one ESCO release, as :class:`Taxonomy` holds them."""

    occupations: pl.DataFrame
    skills: pl.DataFrame
    occupation_skills: pl.DataFrame
    skill_relations: pl.DataFrame
    isco_groups: pl.DataFrame
    skill_groups: pl.DataFrame
    broader_relations: pl.DataFrame
    collections: pl.DataFrame


SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "occupations": {
        "uri": pl.String(),
        "label": pl.String(),
        "isco_group": pl.String(),
        "alt_labels": pl.List(pl.String()),
        "description": pl.String(),
        "code": pl.String(),
    },
    "skills": {
        "uri": pl.String(),
        "label": pl.String(),
        "skill_type": pl.String(),
        "reuse_level": pl.String(),
        "alt_labels": pl.List(pl.String()),
        "description": pl.String(),
    },
    "occupation_skills": {
        "occupation_uri": pl.String(),
        "skill_uri": pl.String(),
        "relation": pl.String(),
    },
    "skill_relations": {
        "skill_uri": pl.String(),
        "related_uri": pl.String(),
        "relation": pl.String(),
    },
    "isco_groups": {
        "code": pl.String(),
        "uri": pl.String(),
        "label": pl.String(),
        "parent_code": pl.String(),
    },
    "skill_groups": {"uri": pl.String(), "label": pl.String(), "code": pl.String()},
    "broader_relations": {"uri": pl.String(), "broader_uri": pl.String(), "kind": pl.String()},
    "collections": {"skill_uri": pl.String(), "collection": pl.String()},
}


class EscoImportWarning(UserWarning):
    """Something in an ESCO folder was left out on import; the message says what and why."""


# Errors are translated where they are shown (the CLI, the web), so they stay Messages.
_ = messages("openpes.taxonomy")


def _read(
    folder: Path, stem: str, language: str, required: list[str], *, optional_file: bool = False
) -> pl.DataFrame | None:
    path = folder / f"{stem}_{language}.csv"
    if not path.is_file():
        if optional_file:
            return None
        raise InputError(_("required ESCO file is missing from the folder"), file=str(path))
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Official downloads are UTF-8; a re-saved latin-1 file would turn "é" into U+FFFD.
        raise InputError(
            _("this file is not UTF-8: save it as UTF-8 (the official ESCO encoding)"),
            file=str(path),
            row=data[: exc.start].count(b"\n") + 1,
        ) from None
    try:
        frame = pl.read_csv(data, infer_schema=False)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputError(
            _("could not read this file as CSV ({problem})").format(problem=exc), file=str(path)
        ) from exc
    # Excel-saved files start with a byte order mark glued to the first column name.
    frame = frame.rename({c: c.lstrip("\ufeff").strip() for c in frame.columns})
    for column in required:
        if column not in frame.columns:
            raise InputError(
                _("required column is missing; expected the official ESCO column names"),
                file=str(path),
                column=column,
            )
    if frame.height == 0 and not optional_file:
        raise InputError(_("the file has a header but no rows"), file=str(path))
    return frame


def _check_unique(frame: pl.DataFrame, column: str, file: str) -> None:
    dupes = frame.with_row_index("row").filter(pl.col(column).is_duplicated())
    if dupes.height:
        raise InputError(
            _("this URI is listed twice: {uri}").format(uri=dupes[column][1]),
            file=file,
            column=column,
            row=int(dupes["row"][1]) + 2,  # the second occurrence, 1-based after the header
        )


def _check_known(frame: pl.DataFrame, column: str, known: pl.Series, file: str) -> None:
    unknown = frame.with_row_index("row").filter(
        pl.col(column).is_not_null() & ~pl.col(column).is_in(known.implode())
    )
    if unknown.height:
        raise InputError(
            _("unknown concept: {uri} is in no occupation or skill file of the folder").format(
                uri=unknown[column][0]
            ),
            file=file,
            column=column,
            row=int(unknown["row"][0]) + 2,
        )


def _optional(frame: pl.DataFrame, column: str) -> pl.Expr:
    if column in frame.columns:
        return pl.col(column)
    return pl.lit(None, dtype=pl.String())


def _clean(column: str) -> pl.Expr:
    text = pl.col(column).str.strip_chars()
    return pl.when(text == "").then(None).otherwise(text)


def _labels(column: str, separator: str) -> pl.Expr:
    return (
        pl.col(column)
        .fill_null("")
        .str.split(separator)
        .list.eval(pl.element().str.strip_chars().filter(pl.element().str.strip_chars() != ""))
        .list.unique(maintain_order=True)
    )


def _check_relations(frame: pl.DataFrame, column: str, file: str) -> None:
    bad = frame.with_row_index("row").filter(~pl.col(column).is_in(_RELATIONS))
    if bad.height:
        raise InputError(
            _("relation type must be 'essential' or 'optional'"),
            file=file,
            column=column,
            row=int(bad["row"][0]) + 2,  # 1-based, after the header line
        )


def _empty(name: str) -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMAS[name])


def _conform(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    schema = SCHEMAS[name]
    return frame.select([pl.col(c).cast(t) for c, t in schema.items()])


def read_esco_csv(folder: str | os.PathLike[str], *, language: str) -> EscoFrames:
    """Read an official ESCO CSV folder into normalised frames (see :class:`Taxonomy`)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(_("expected a folder of ESCO CSV files"), file=str(root))
    lang = language

    occ = _read(
        root, "occupations", lang, ["conceptUri", "iscoGroup", "preferredLabel", "altLabels"]
    )
    skl = _read(
        root,
        "skills",
        lang,
        ["conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels"],
    )
    rel = _read(
        root, "occupationSkillRelations", lang, ["occupationUri", "relationType", "skillUri"]
    )
    assert occ is not None and skl is not None and rel is not None
    _check_unique(
        occ.select(_clean("conceptUri").alias("conceptUri")),
        "conceptUri",
        str(root / f"occupations_{lang}.csv"),
    )
    _check_unique(
        skl.select(_clean("conceptUri").alias("conceptUri")),
        "conceptUri",
        str(root / f"skills_{lang}.csv"),
    )

    occupations = occ.select(
        uri=_clean("conceptUri"),
        label=_clean("preferredLabel"),
        isco_group=_clean("iscoGroup"),
        alt_labels=_labels("altLabels", "\n"),
        description=_optional(occ, "description").str.strip_chars(),
        code=_optional(occ, "code"),
    )
    skills = skl.select(
        uri=_clean("conceptUri"),
        label=_clean("preferredLabel"),
        skill_type=_clean("skillType"),
        reuse_level=_clean("reuseLevel"),
        alt_labels=_labels("altLabels", "\n"),
        description=_optional(skl, "description").str.strip_chars(),
    )

    # Collections carry full skill records; they fill gaps in a sparse skills file.
    members: list[pl.DataFrame] = []
    records: list[pl.DataFrame] = []
    for name, stem in COLLECTIONS.items():
        col = _read(root, stem, lang, ["conceptUri"], optional_file=True)
        if col is None:
            continue
        members.append(col.select(skill_uri=_clean("conceptUri"), collection=pl.lit(name)))
        records.append(
            col.select(
                uri=_clean("conceptUri"),
                c_label=_optional(col, "preferredLabel"),
                c_type=_optional(col, "skillType"),
                c_reuse=_optional(col, "reuseLevel"),
                c_alt=_labels("altLabels", " | ")
                if "altLabels" in col.columns
                else pl.lit([], dtype=pl.List(pl.String())),
                c_desc=_optional(col, "description").str.strip_chars(),
            )
        )
    collections = (
        pl.concat(members).unique(maintain_order=True) if members else _empty("collections")
    )
    if records:
        extra = pl.concat(records).unique("uri", keep="first", maintain_order=True)
        skills = skills.join(extra, on="uri", how="full", coalesce=True).select(
            "uri",
            label=pl.coalesce("label", "c_label"),
            skill_type=pl.coalesce("skill_type", "c_type"),
            reuse_level=pl.coalesce("reuse_level", "c_reuse"),
            alt_labels=pl.when(pl.col("alt_labels").list.len() > 0)
            .then("alt_labels")
            .otherwise(pl.col("c_alt").fill_null(pl.lit([], dtype=pl.List(pl.String())))),
            description=pl.coalesce("description", "c_desc"),
        )

    rel_file = str(root / f"occupationSkillRelations_{lang}.csv")
    _check_relations(rel, "relationType", rel_file)
    _check_known(
        rel.select(_clean("occupationUri").alias("occupationUri")),
        "occupationUri",
        occupations["uri"],
        rel_file,
    )
    _check_known(
        rel.select(_clean("skillUri").alias("skillUri")), "skillUri", skills["uri"], rel_file
    )
    occupation_skills = rel.select(
        occupation_uri=_clean("occupationUri"),
        skill_uri=_clean("skillUri"),
        relation=pl.col("relationType"),
    ).unique(maintain_order=True)

    ssr = _read(
        root,
        "skillSkillRelations",
        lang,
        ["originalSkillUri", "relationType", "relatedSkillUri"],
        optional_file=True,
    )
    if ssr is None:
        skill_relations = _empty("skill_relations")
    else:
        ssr_file = str(root / f"skillSkillRelations_{lang}.csv")
        _check_relations(ssr, "relationType", ssr_file)
        # The official v1.2.0 download itself relates 15 skills that it does not list; those
        # relations cannot be used, so they are left out, and said so.
        known = skills["uri"].implode()
        usable = _clean("originalSkillUri").is_in(known) & _clean("relatedSkillUri").is_in(known)
        dangling = ssr.height - ssr.filter(usable).height
        if dangling:
            warnings.warn(
                _.ngettext(
                    "{file}: {n} related-skill row names a skill that no skill file lists; "
                    "it was left out",
                    "{file}: {n} related-skill rows name a skill that no skill file lists; "
                    "they were left out",
                    dangling,
                ).format(file=ssr_file, n=dangling),
                EscoImportWarning,
                stacklevel=3,
            )
            ssr = ssr.filter(usable)
        skill_relations = ssr.select(
            skill_uri=_clean("originalSkillUri"),
            related_uri=_clean("relatedSkillUri"),
            relation=pl.col("relationType"),
        )

    isco = _read(
        root, "ISCOGroups", lang, ["conceptUri", "code", "preferredLabel"], optional_file=True
    )
    if isco is None:
        isco_groups = _empty("isco_groups")
    else:
        code = _clean("code")
        isco_groups = isco.select(
            code=code,
            uri=_clean("conceptUri"),
            label=_clean("preferredLabel"),
            parent_code=pl.when(code.str.len_chars() > 1).then(
                code.str.slice(0, code.str.len_chars() - 1)
            ),
        )

    groups = _read(root, "skillGroups", lang, ["conceptUri", "preferredLabel"], optional_file=True)
    if groups is None:
        skill_groups = _empty("skill_groups")
    else:
        skill_groups = groups.select(
            uri=_clean("conceptUri"), label=_clean("preferredLabel"), code=_optional(groups, "code")
        )

    broader = []
    for stem, kind in (
        ("broaderRelationsOccPillar", "occupation"),
        ("broaderRelationsSkillPillar", "skill"),
    ):
        part = _read(root, stem, lang, ["conceptUri", "broaderUri"], optional_file=True)
        if part is not None:
            broader.append(
                part.select(
                    uri=_clean("conceptUri"), broader_uri=_clean("broaderUri"), kind=pl.lit(kind)
                )
            )
    broader_relations = (
        pl.concat(broader).unique(maintain_order=True) if broader else _empty("broader_relations")
    )

    return EscoFrames(
        occupations=_conform(occupations, "occupations"),
        skills=_conform(skills, "skills"),
        occupation_skills=_conform(occupation_skills, "occupation_skills"),
        skill_relations=_conform(skill_relations, "skill_relations"),
        isco_groups=_conform(isco_groups, "isco_groups"),
        skill_groups=_conform(skill_groups, "skill_groups"),
        broader_relations=_conform(broader_relations, "broader_relations"),
        collections=_conform(collections, "collections"),
    )


def _write_csv(frame: pl.DataFrame, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.chmod(tmp, 0o644)  # mkstemp creates 0600; the result is meant to be shared
    try:
        frame.write_csv(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _joined(column: str, separator: str) -> pl.Expr:
    return pl.col(column).list.join(separator)


def write_esco_csv(
    frames: EscoFrames, folder: str | os.PathLike[str], *, language: str
) -> list[Path]:
    """Write frames back to the official layout; return the files written."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    out: dict[str, pl.DataFrame] = {}
    out["occupations"] = frames.occupations.select(
        conceptType=pl.lit("Occupation"),
        conceptUri="uri",
        iscoGroup="isco_group",
        preferredLabel="label",
        altLabels=_joined("alt_labels", "\n"),
        description="description",
        code="code",
    )
    out["skills"] = frames.skills.select(
        conceptType=pl.lit("KnowledgeSkillCompetence"),
        conceptUri="uri",
        skillType="skill_type",
        reuseLevel="reuse_level",
        preferredLabel="label",
        altLabels=_joined("alt_labels", "\n"),
        description="description",
    )
    skill_type = frames.skills.select(skillUri="uri", skillType="skill_type")
    out["occupationSkillRelations"] = frames.occupation_skills.select(
        occupationUri="occupation_uri", relationType="relation", skillUri="skill_uri"
    ).join(skill_type, on="skillUri", how="left")
    out["skillSkillRelations"] = frames.skill_relations.select(
        originalSkillUri="skill_uri", relationType="relation", relatedSkillUri="related_uri"
    )
    out["ISCOGroups"] = frames.isco_groups.select(
        conceptType=pl.lit("ISCOGroup"), conceptUri="uri", code="code", preferredLabel="label"
    )
    out["skillGroups"] = frames.skill_groups.select(
        conceptType=pl.lit("SkillGroup"), conceptUri="uri", preferredLabel="label", code="code"
    )
    for stem, kind in (
        ("broaderRelationsOccPillar", "occupation"),
        ("broaderRelationsSkillPillar", "skill"),
    ):
        out[stem] = frames.broader_relations.filter(pl.col("kind") == kind).select(
            conceptUri="uri", broaderUri="broader_uri"
        )
    for name, stem in COLLECTIONS.items():
        members = frames.collections.filter(pl.col("collection") == name).select(uri="skill_uri")
        out[stem] = members.join(frames.skills, on="uri", how="left").select(
            conceptType=pl.lit("KnowledgeSkillCompetence"),
            conceptUri="uri",
            skillType="skill_type",
            reuseLevel="reuse_level",
            preferredLabel="label",
            altLabels=_joined("alt_labels", " | "),
            description="description",
        )
    written = []
    for stem, frame in out.items():
        path = root / f"{stem}_{language}.csv"
        _write_csv(frame, path)
        written.append(path)
    return written
