"""Importing (and exporting) ESCO's official CSV layout."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from openpes.errors import InputError
from openpes.taxonomy import Taxonomy

ESCO = "http://data.europa.eu/esco"
SOUDEUR = f"{ESCO}/occupation/soudeur"
INFIRMIER = f"{ESCO}/occupation/infirmier"
SOUDER = f"{ESCO}/skill/souder"
SOINS = f"{ESCO}/skill/soins"
ANGLAIS = f"{ESCO}/skill/anglais"

# The official column order of ESCO v1.2.0 downloads (a subset of the columns is used).
FILES: dict[str, tuple[list[str], list[list[str]]]] = {
    "occupations": (
        [
            "conceptType",
            "conceptUri",
            "iscoGroup",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "status",
            "modifiedDate",
            "regulatedProfessionNote",
            "scopeNote",
            "definition",
            "inScheme",
            "description",
            "code",
        ],
        [
            [
                "Occupation",
                SOUDEUR,
                "7212",
                "soudeur/soudeuse",
                "soudeur\nsoudeuse\nsoudeur à l'arc",
                "",
                "released",
                "",
                "",
                "",
                "",
                "",
                "Les soudeurs assemblent des pièces métalliques.",
                "7212.1",
            ],
            [
                "Occupation",
                INFIRMIER,
                "2221",
                "infirmier en soins généraux/infirmière en soins généraux",
                "infirmière\ninfirmier",
                "",
                "released",
                "",
                "",
                "",
                "",
                "",
                "Soins infirmiers.",
                "2221.2",
            ],
        ],
    ),
    "skills": (
        [
            "conceptType",
            "conceptUri",
            "skillType",
            "reuseLevel",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "status",
            "modifiedDate",
            "scopeNote",
            "definition",
            "inScheme",
            "description",
        ],
        [
            [
                "KnowledgeSkillCompetence",
                SOUDER,
                "skill/competence",
                "sector-specific",
                "souder des pièces métalliques",
                "utiliser un poste à souder",
                "",
                "released",
                "",
                "",
                "",
                "",
                "Assembler des pièces par fusion.",
            ],
            [
                "KnowledgeSkillCompetence",
                SOINS,
                "skill/competence",
                "occupation-specific",
                "prodiguer des soins infirmiers",
                "",
                "",
                "released",
                "",
                "",
                "",
                "",
                "",
            ],
            [
                "KnowledgeSkillCompetence",
                ANGLAIS,
                "knowledge",
                "transversal",
                "anglais",
                "",
                "",
                "released",
                "",
                "",
                "",
                "",
                "",
            ],
        ],
    ),
    "occupationSkillRelations": (
        ["occupationUri", "relationType", "skillType", "skillUri"],
        [
            [SOUDEUR, "essential", "skill/competence", SOUDER],
            [SOUDEUR, "optional", "knowledge", ANGLAIS],
            [INFIRMIER, "essential", "skill/competence", SOINS],
            [INFIRMIER, "optional", "knowledge", ANGLAIS],
        ],
    ),
    "skillSkillRelations": (
        [
            "originalSkillUri",
            "originalSkillType",
            "relationType",
            "relatedSkillType",
            "relatedSkillUri",
        ],
        [[SOUDER, "skill/competence", "optional", "knowledge", ANGLAIS]],
    ),
    "ISCOGroups": (
        [
            "conceptType",
            "conceptUri",
            "code",
            "preferredLabel",
            "status",
            "altLabels",
            "inScheme",
            "description",
        ],
        [
            [
                "ISCOGroup",
                f"{ESCO}/isco/C7",
                "7",
                "Métiers qualifiés de l'industrie",
                "released",
                "",
                "",
                "",
            ],
            [
                "ISCOGroup",
                f"{ESCO}/isco/C72",
                "72",
                "Métiers de la métallurgie",
                "released",
                "",
                "",
                "",
            ],
            ["ISCOGroup", f"{ESCO}/isco/C721", "721", "Mouleurs, soudeurs", "released", "", "", ""],
            [
                "ISCOGroup",
                f"{ESCO}/isco/C7212",
                "7212",
                "Soudeurs et oxycoupeurs",
                "released",
                "",
                "",
                "",
            ],
        ],
    ),
    "broaderRelationsOccPillar": (
        ["conceptType", "conceptUri", "broaderType", "broaderUri"],
        [
            ["ISCOGroup", f"{ESCO}/isco/C72", "ISCOGroup", f"{ESCO}/isco/C7"],
            ["ISCOGroup", f"{ESCO}/isco/C721", "ISCOGroup", f"{ESCO}/isco/C72"],
            ["ISCOGroup", f"{ESCO}/isco/C7212", "ISCOGroup", f"{ESCO}/isco/C721"],
            ["Occupation", SOUDEUR, "ISCOGroup", f"{ESCO}/isco/C7212"],
        ],
    ),
    "languageSkillsCollection": (
        [
            "conceptType",
            "conceptUri",
            "skillType",
            "reuseLevel",
            "preferredLabel",
            "status",
            "altLabels",
            "description",
            "broaderConceptUri",
            "broaderConceptPT",
        ],
        [
            [
                "KnowledgeSkillCompetence",
                ANGLAIS,
                "knowledge",
                "transversal",
                "anglais",
                "released",
                "langue anglaise | anglais courant",
                "La langue anglaise.",
                "",
                "",
            ]
        ],
    ),
}


def write_folder(
    folder: Path, language: str = "fr", *, drop: tuple[str, str] | None = None
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, (header, rows) in FILES.items():
        keep = [i for i, name in enumerate(header) if drop is None or (stem, name) != drop]
        with (folder / f"{stem}_{language}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([header[i] for i in keep])
            writer.writerows([[row[i] for i in keep] for row in rows])
    return folder


def test_imports_an_official_french_folder(tmp_path: Path) -> None:
    tax = Taxonomy.from_esco_csv(write_folder(tmp_path), language="fr", version="1.2.0")
    assert (tax.language, tax.version) == ("fr", "1.2.0")
    assert tax.label(SOUDEUR) == "soudeur/soudeuse"
    assert tax.occupations.filter(pl.col("uri") == SOUDEUR)["alt_labels"].to_list() == [
        ["soudeur", "soudeuse", "soudeur à l'arc"]
    ]
    assert tax.isco_group(SOUDEUR) == "7212"
    assert tax.skills_of(SOUDEUR, relation="essential") == [SOUDER]
    assert tax.skills_of(SOUDEUR, relation="optional") == [ANGLAIS]
    assert sorted(tax.occupations_needing(ANGLAIS)) == sorted([SOUDEUR, INFIRMIER])
    assert tax.related_skills(SOUDER) == [ANGLAIS]
    assert tax.broader(SOUDEUR) == [f"{ESCO}/isco/C7212"]
    assert tax.isco_groups.filter(pl.col("code") == "7212")["parent_code"].to_list() == ["721"]
    assert tax.collections.rows() == [(ANGLAIS, "language")]
    # The collection fills what the skills file leaves empty; " | " separates its labels.
    english = tax.skills.filter(pl.col("uri") == ANGLAIS).row(0, named=True)
    assert english["alt_labels"] == ["langue anglaise", "anglais courant"]
    assert english["description"] == "La langue anglaise."


def test_search_and_extraction_work_on_accented_labels(tmp_path: Path) -> None:
    tax = Taxonomy.from_esco_csv(write_folder(tmp_path), language="fr")
    assert tax.search("infirmiere")[0].uri == INFIRMIER
    assert tax.search("SOUDEUSE")[0].uri == SOUDEUR
    text = "Je sais souder des pièces métalliques et je parle anglais."
    found = {(h.uri, text[h.start : h.end]) for h in tax.extract_skills(text)}
    assert found == {(SOUDER, "souder des pièces métalliques"), (ANGLAIS, "anglais")}


def test_optional_files_may_be_absent(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    for stem in (
        "skillSkillRelations",
        "ISCOGroups",
        "broaderRelationsOccPillar",
        "languageSkillsCollection",
    ):
        (folder / f"{stem}_fr.csv").unlink()
    tax = Taxonomy.from_esco_csv(folder, language="fr")
    assert tax.skill_relations.height == tax.isco_groups.height == tax.collections.height == 0
    assert tax.related_skills(SOUDER) == []
    assert tax.skills_of(INFIRMIER) == [SOINS, ANGLAIS]


@pytest.mark.parametrize(
    ("stem", "column"),
    [
        ("occupations", "iscoGroup"),
        ("occupations", "preferredLabel"),
        ("skills", "conceptUri"),
        ("skills", "skillType"),
        ("occupationSkillRelations", "relationType"),
        ("skillSkillRelations", "relatedSkillUri"),
        ("ISCOGroups", "code"),
    ],
)
def test_a_missing_column_names_file_and_column(tmp_path: Path, stem: str, column: str) -> None:
    folder = write_folder(tmp_path, drop=(stem, column))
    with pytest.raises(InputError) as caught:
        Taxonomy.from_esco_csv(folder, language="fr")
    assert caught.value.file == str(folder / f"{stem}_fr.csv")
    assert caught.value.column == column
    assert f"{stem}_fr.csv" in str(caught.value) and repr(column) in str(caught.value)


@pytest.mark.parametrize("stem", ["occupations", "skills", "occupationSkillRelations"])
def test_a_missing_required_file_is_named(tmp_path: Path, stem: str) -> None:
    folder = write_folder(tmp_path)
    (folder / f"{stem}_fr.csv").unlink()
    with pytest.raises(InputError, match=f"{stem}_fr.csv"):
        Taxonomy.from_esco_csv(folder, language="fr")


def test_the_language_suffix_selects_the_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="occupations_de.csv"):
        Taxonomy.from_esco_csv(write_folder(tmp_path), language="de")


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        Taxonomy.from_esco_csv(tmp_path / "absent", language="fr")


def test_a_bad_relation_type_names_the_row(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    path = folder / "occupationSkillRelations_fr.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("optional", "maybe", 1), encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        Taxonomy.from_esco_csv(folder, language="fr")
    assert (caught.value.column, caught.value.row) == ("relationType", 3)


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    path = folder / "occupations_fr.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert Taxonomy.from_esco_csv(folder, language="fr").label(INFIRMIER).startswith("infirmier")


def test_small_folder_round_trips(tmp_path: Path) -> None:
    first = Taxonomy.from_esco_csv(write_folder(tmp_path / "in"), language="fr")
    first.to_esco_csv(tmp_path / "out")
    again = Taxonomy.from_esco_csv(tmp_path / "out", language="fr")
    for name in (
        "occupations",
        "skills",
        "occupation_skills",
        "skill_relations",
        "isco_groups",
        "broader_relations",
        "collections",
    ):
        assert_frame_equal(getattr(again, name), getattr(first, name), check_row_order=False)


def test_bundled_taxonomy_round_trips_through_the_official_layout(tmp_path: Path) -> None:
    bundled = Taxonomy.load()
    written = bundled.to_esco_csv(tmp_path)
    assert {p.name for p in written} >= {
        "occupations_en.csv",
        "skills_en.csv",
        "occupationSkillRelations_en.csv",
    }
    again = Taxonomy.from_esco_csv(tmp_path, language="en", version="1.2.0")
    for name in (
        "occupations",
        "skills",
        "occupation_skills",
        "skill_relations",
        "isco_groups",
        "skill_groups",
        "broader_relations",
        "collections",
    ):
        assert_frame_equal(getattr(again, name), getattr(bundled, name), check_row_order=False)
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary files


def _edit(folder: Path, stem: str, change) -> Path:
    path = folder / f"{stem}_fr.csv"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


@pytest.mark.parametrize("stem", ["occupations", "skills", "occupationSkillRelations"])
def test_a_header_only_required_file_is_refused(tmp_path: Path, stem: str) -> None:
    folder = write_folder(tmp_path)
    path = _edit(folder, stem, lambda text: text.splitlines()[0] + "\n")
    with pytest.raises(InputError, match="no rows") as caught:
        Taxonomy.from_esco_csv(folder, language="fr")
    assert caught.value.file == str(path)


@pytest.mark.parametrize("stem", ["occupations", "skills"])
def test_a_duplicate_uri_names_the_row_and_value(tmp_path: Path, stem: str) -> None:
    folder = write_folder(tmp_path)
    path = folder / f"{stem}_fr.csv"
    frame = pl.read_csv(path, infer_schema=False)
    pl.concat([frame, frame.head(1)]).write_csv(path)
    with pytest.raises(InputError) as caught:
        Taxonomy.from_esco_csv(folder, language="fr")
    err = caught.value
    assert (err.file, err.column, err.row) == (str(path), "conceptUri", frame.height + 2)
    assert "listed twice" in str(err) and frame["conceptUri"][0] in str(err)


@pytest.mark.parametrize("column", ["occupationUri", "skillUri"])
def test_a_relation_to_an_unknown_concept_names_the_row_and_value(
    tmp_path: Path, column: str
) -> None:
    folder = write_folder(tmp_path)
    target = SOUDEUR if column == "occupationUri" else SOUDER
    path = _edit(
        folder, "occupationSkillRelations", lambda t: t.replace(target, f"{ESCO}/x/unknown", 1)
    )
    with pytest.raises(InputError) as caught:
        Taxonomy.from_esco_csv(folder, language="fr")
    err = caught.value
    assert (err.file, err.column, err.row) == (str(path), column, 2)
    assert f"{ESCO}/x/unknown" in str(err)


def test_a_latin1_file_is_refused_with_its_row(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    path = folder / "occupations_fr.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1", errors="replace"))
    # The row is the line an editor shows: the first line with a non-ASCII character.
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if not t.isascii())
    with pytest.raises(InputError, match="UTF-8") as caught:
        Taxonomy.from_esco_csv(folder, language="fr")
    assert caught.value.file == str(path) and caught.value.row == line


def test_related_skills_that_no_file_lists_are_left_out_and_said(tmp_path: Path) -> None:
    from openpes.taxonomy import EscoImportWarning

    folder = write_folder(tmp_path)
    _edit(folder, "skillSkillRelations", lambda t: t.replace(ANGLAIS, f"{ESCO}/skill/gone", 1))
    with pytest.warns(EscoImportWarning, match="1 related-skill row names"):
        tax = Taxonomy.from_esco_csv(folder, language="fr")
    assert tax.skill_relations.height == 0
