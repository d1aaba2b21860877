"""``openpes taxonomy import FOLDER`` and ``openpes taxonomy crosswalk import FILE --scheme``.

The commands run through ``openpes.cli.main``, the console script's entry point, so the
exit codes and messages are the ones a user gets. The ESCO fixture is a handful of real
ESCO rows in the official layout of another language (``*_fi.csv``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from openpes.taxonomy import Taxonomy, crosswalk_schemes, imported_languages, load_crosswalk
from tests.cli.console import run_in_process as run

FIXTURE = Path(__file__).parents[1] / "core" / "taxonomy" / "fixtures" / "esco-fi"
EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "fictional-scheme.csv"
FORKLIFT = "http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755"
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"


def copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "download"
    shutil.copytree(FIXTURE, folder)
    return folder


# --- taxonomy import --------------------------------------------------------------------


def test_import_stores_the_language_and_load_gives_its_labels_and_search(
    var: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, out = run(["taxonomy", "import", str(FIXTURE)], monkeypatch, capsys)
    assert code == 0, out
    assert "4 occupations" in out and "5 skills" in out
    assert imported_languages() == ["fi"]
    tax = Taxonomy.load("fi")
    assert (tax.language, tax.version) == ("fi", "1.2.0")
    assert tax.label(FORKLIFT) == "trukinkuljettaja"
    assert tax.label("http://data.europa.eu/esco/isco/C7212") == "Hitsaajat ja kaasuleikkaajat"
    assert tax.search("trukkikuski")[0].uri == FORKLIFT  # an alternative label
    assert tax.isco_group(WELDER) == "7212"
    # URIs are the same in every language: the English bundle names the same concept.
    assert Taxonomy.load().label(FORKLIFT) == "forklift operator"
    assert Taxonomy.load("en") is Taxonomy.load()


def test_a_second_import_replaces_the_first_and_load_sees_it(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    folder = copy_fixture(tmp_path)
    assert run(["taxonomy", "import", str(folder), "--language", "fi"], monkeypatch, capsys)[0] == 0
    first = Taxonomy.load("fi")
    path = folder / "occupations_fi.csv"
    path.write_text(path.read_text("utf-8").replace(",trukinkuljettaja,", ",trukkimies,"), "utf-8")
    assert run(["taxonomy", "import", str(folder)], monkeypatch, capsys)[0] == 0
    second = Taxonomy.load("fi")
    assert second is not first and second.label(FORKLIFT) == "trukkimies"
    pointer = json.loads((var / "taxonomy" / "esco-fi.json").read_text("utf-8"))
    folders = sorted(p.name for p in (var / "taxonomy").glob("esco-fi-*"))
    assert pointer["folder"] in folders and len(folders) == 2  # the current and the previous
    assert not list((var / "taxonomy").glob(".esco-fi-*"))  # no staging folder left


def test_bad_input_is_refused_with_the_file_and_row_and_nothing_is_stored(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    folder = copy_fixture(tmp_path)
    relations = folder / "occupationSkillRelations_fi.csv"
    lines = relations.read_text("utf-8").splitlines()
    lines[3] = lines[3].replace("essential", "sometimes")
    relations.write_text("\n".join(lines) + "\n", "utf-8")
    code, out = run(["taxonomy", "import", str(folder)], monkeypatch, capsys)
    assert code == 2
    assert "occupationSkillRelations_fi.csv" in out and "row 4" in out and "essential" in out
    assert "Traceback" not in out
    assert imported_languages() == []
    assert not (var / "taxonomy").exists() or not list((var / "taxonomy").iterdir())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("missing", "skills_fi.csv"),
        ("duplicate", "row 3"),
        ("latin-1", "UTF-8"),
    ],
)
def test_broken_downloads_name_the_file(
    change: str,
    expected: str,
    var: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    folder = copy_fixture(tmp_path)
    skills = folder / "skills_fi.csv"
    if change == "missing":
        skills.unlink()
    elif change == "duplicate":
        lines = skills.read_text("utf-8").splitlines()
        skills.write_text("\n".join([*lines[:2], lines[1], *lines[2:]]) + "\n", "utf-8")
    else:
        skills.write_bytes(skills.read_text("utf-8").encode("latin-1"))
    code, out = run(["taxonomy", "import", str(folder)], monkeypatch, capsys)
    assert code == 2 and expected in out and "skills_fi.csv" in out


def test_the_language_must_be_given_when_the_folder_holds_several(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    folder = copy_fixture(tmp_path)
    for path in list(folder.glob("*_fi.csv")):
        shutil.copy(path, folder / path.name.replace("_fi.", "_lv."))
    code, out = run(["taxonomy", "import", str(folder)], monkeypatch, capsys)
    assert code == 2 and "--language" in out
    code, out = run(["taxonomy", "import", str(folder), "--language", "lv"], monkeypatch, capsys)
    assert code == 0 and imported_languages() == ["lv"]
    code, out = run(["taxonomy", "import", str(folder), "--language", "../x"], monkeypatch, capsys)
    assert code == 2 and "two letters" in out


def test_a_folder_without_occupations_file_is_counted_with_a_real_plural(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    # French: 0 takes the singular ("0 trouvé"), never a faked "trouvé(s)".
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out = run(["--lang", "fr", "taxonomy", "import", str(empty)], monkeypatch, capsys)
    assert code == 2 and "attendu, 0 trouvé ;" in out and "(s)" not in out, out
    folder = copy_fixture(tmp_path)
    for path in list(folder.glob("occupations_fi.csv")):
        shutil.copy(path, folder / path.name.replace("_fi.", "_lv."))
    code, out = run(["--lang", "fr", "taxonomy", "import", str(folder)], monkeypatch, capsys)
    assert code == 2 and "attendu, 2 trouvés ;" in out and "(s)" not in out, out


def test_loading_a_language_never_imported_says_how_to_import_it(var: Path) -> None:
    from openpes.errors import InputError

    with pytest.raises(InputError, match="openpes taxonomy import FOLDER --language lv"):
        Taxonomy.load("lv")


# --- taxonomy crosswalk import ------------------------------------------------------------


def test_the_documented_fictional_scheme_imports(
    var: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, out = run(
        ["taxonomy", "crosswalk", "import", str(EXAMPLE), "--scheme", "ROC-24"], monkeypatch, capsys
    )
    assert code == 0, out
    assert "10 national codes" in out
    assert crosswalk_schemes() == ["ROC-24"]
    walk = load_crosswalk("ROC-24")
    assert walk.isco_groups("R-7210-9") == ["7212", "7213", "7214"]
    assert WELDER in walk.occupations("R-7212-1")
    code, out = run(["taxonomy", "crosswalk", "list"], monkeypatch, capsys)
    assert code == 0 and "ROC-24: 10" in out


def test_the_counts_are_printed_with_the_plural_of_the_users_language(
    var: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, out = run(["taxonomy", "import", str(FIXTURE), "--lang", "fr"], monkeypatch, capsys)
    assert code == 0 and "4 professions, 5 compétences et " in out, out
    args = ["taxonomy", "crosswalk", "import", str(EXAMPLE), "--scheme", "ROC-24", "--lang", "lv"]
    code, out = run(args, monkeypatch, capsys)
    # Latvian: 10 takes the form of n % 10 == 0, 50 too.
    assert code == 0 and "10 nacionālie kodi, kas atbilst 50 ESCO profesijām" in out, out
    code, out = run(["taxonomy", "crosswalk", "list", "--lang", "fr"], monkeypatch, capsys)
    assert code == 0 and "ROC-24 : 10 codes nationaux" in out, out


@pytest.mark.parametrize(
    ("rows", "column", "row", "words"),
    [
        ("A,Welder,7212\nB,Nobody,9999\n", "isco08", 3, "unknown ISCO-08 unit group: 9999"),
        ("A,Welder,7212\nB,Other,7212;72\n", "isco08", 3, "not an ISCO-08 unit group"),
        ("A,Welder,7212\nA,Welder again,7213\n", "code", 3, "listed twice: A"),
        ("A,Welder,7212\nB,Subsistence,6310\n", "isco08", 3, "maps to no ESCO occupation"),
        ("A,Welder,7212\n,Nameless,7212\n", "code", 3, "code is empty"),
        ("A,,7212\n", "label", 2, "label is empty"),
        ("A,Welder,\n", "isco08", 2, "at least one ISCO-08"),
    ],
)
def test_bad_crosswalk_rows_are_refused_with_the_row(
    rows: str,
    column: str,
    row: int,
    words: str,
    var: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "scheme.csv"
    path.write_text("code,label,isco08\n" + rows, "utf-8")
    code, out = run(
        ["taxonomy", "crosswalk", "import", str(path), "--scheme", "X"], monkeypatch, capsys
    )
    assert code == 2
    assert f"column '{column}', row {row}" in out and words in out and "scheme.csv" in out
    assert crosswalk_schemes() == []  # nothing stored


def test_a_crosswalk_without_its_columns_or_with_a_bad_scheme_name_is_refused(
    var: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "scheme.csv"
    path.write_text("code,label\nA,Welder\n", "utf-8")
    code, out = run(
        ["taxonomy", "crosswalk", "import", str(path), "--scheme", "X"], monkeypatch, capsys
    )
    assert code == 2 and "column 'isco08'" in out
    code, out = run(
        ["taxonomy", "crosswalk", "import", str(EXAMPLE), "--scheme", "../etc"], monkeypatch, capsys
    )
    assert code == 2 and "scheme name" in out
    assert crosswalk_schemes() == []


def test_info_search_and_show_use_an_imported_language(
    var: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, out = run(["taxonomy", "search", "trukki", "--esco", "fi"], monkeypatch, capsys)
    assert code == 2 and "openpes taxonomy import FOLDER --language fi" in out
    assert run(["taxonomy", "import", str(FIXTURE)], monkeypatch, capsys)[0] == 0
    code, out = run(["taxonomy", "search", "trukkikuski", "--esco", "fi"], monkeypatch, capsys)
    assert code == 0 and "trukinkuljettaja" in out and FORKLIFT in out
    code, out = run(["taxonomy", "show", WELDER, "--esco", "fi"], monkeypatch, capsys)
    assert code == 0 and "hitsaaja" in out and "Hitsaajat ja kaasuleikkaajat" in out
    code, out = run(["taxonomy", "info", "--esco", "fi"], monkeypatch, capsys)
    assert code == 0 and "fi" in out and "4" in out
