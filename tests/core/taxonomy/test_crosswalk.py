"""National classifications through ISCO-08: ``openpes.taxonomy.Crosswalk``."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.taxonomy import (
    Crosswalk,
    Taxonomy,
    crosswalk_schemes,
    load_crosswalk,
    read_crosswalk,
    save_crosswalk,
    with_national_codes,
)

TAX = Taxonomy.load()
EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "fictional-scheme.csv"
WALK = read_crosswalk(EXAMPLE, scheme="ROC-24", language="en", taxonomy=TAX)
WELDER = TAX.search("welder")[0].uri


def test_a_code_maps_to_every_esco_occupation_of_its_groups_and_nothing_else() -> None:
    found = WALK.occupations("R-7210-9", taxonomy=TAX)
    expected = TAX.occupations.filter(pl.col("isco_group").is_in(["7212", "7213", "7214"]))
    assert sorted(found) == sorted(expected["uri"].to_list())
    # Grouped by the order the scheme lists its ISCO groups, then by label.
    groups = [TAX.isco_group(u) for u in found]
    assert groups == sorted(groups, key=["7212", "7213", "7214"].index)
    assert WELDER in WALK.occupations("R-7212-1", taxonomy=TAX)
    assert all(TAX.isco_group(u) == "7212" for u in WALK.occupations("R-7212-1", taxonomy=TAX))


def test_an_esco_occupation_maps_back_to_every_code_that_covers_it() -> None:
    assert WALK.codes_of(WELDER, taxonomy=TAX) == ["R-7212-1", "R-7212-2", "R-7210-9"]
    nurse = TAX.search("nurse responsible for general care")[0].uri
    assert WALK.codes_of(nurse, taxonomy=TAX) == ["R-2221-1"]
    judge = TAX.search("judge")[0].uri
    assert WALK.codes_of(judge, taxonomy=TAX) == []


@given(st.sampled_from(WALK.codes), st.sampled_from(TAX.occupations["uri"].to_list()))
def test_the_two_directions_agree(code: str, uri: str) -> None:
    assert (uri in WALK.occupations(code, taxonomy=TAX)) == (
        code in WALK.codes_of(uri, taxonomy=TAX)
    )


def test_with_national_codes_adds_a_list_column_for_reports() -> None:
    judge = TAX.search("judge")[0].uri
    frame = pl.DataFrame({"occupation_uri": [WELDER, judge, WELDER], "n": [1, 2, 3]})
    out = with_national_codes(frame, WALK, taxonomy=TAX)
    assert out.columns == ["occupation_uri", "n", "national_code"]
    assert out["n"].to_list() == [1, 2, 3]  # row order kept
    assert out["national_code"].to_list() == [
        ["R-7212-1", "R-7212-2", "R-7210-9"],
        [],
        ["R-7212-1", "R-7212-2", "R-7210-9"],
    ]
    with pytest.raises(InputError, match="ESCO occupation URIs"):
        with_national_codes(frame, WALK, column="occupation", taxonomy=TAX)


def test_table_lists_every_pair_once() -> None:
    table = WALK.table(taxonomy=TAX)
    assert table.columns == ["code", "label", "isco_group", "occupation_uri"]
    assert not table.select("code", "occupation_uri").is_duplicated().any()
    assert set(table["code"]) == set(WALK.codes)  # every code reaches an occupation


def test_saved_crosswalks_load_back_the_same(tmp_path: Path) -> None:
    path = save_crosswalk(WALK, root=tmp_path)
    assert path == tmp_path / "crosswalks" / "ROC-24.json"
    again = load_crosswalk("ROC-24", root=tmp_path)
    assert again.entries.equals(WALK.entries)
    assert (again.scheme, again.language) == ("ROC-24", "en")
    assert crosswalk_schemes(root=tmp_path) == ["ROC-24"]
    assert not list((tmp_path / "crosswalks").glob(".*"))  # no temporary file left
    with pytest.raises(InputError, match="--scheme KSCO"):
        load_crosswalk("KSCO", root=tmp_path)


def test_unknown_codes_and_utf8_labels(tmp_path: Path) -> None:
    path = tmp_path / "scheme.csv"
    # A national label in Korean, in a file saved by a spreadsheet (UTF-8 with a BOM).
    path.write_bytes("code,label,isco08\n7212-01,용접원,7212\n".encode("utf-8-sig"))
    walk = read_crosswalk(path, scheme="demo", language="ko", taxonomy=TAX)
    assert walk.label("7212-01") == "용접원"
    with pytest.raises(InputError, match="unknown code of the demo classification"):
        walk.label("0000")


def test_a_crosswalk_built_by_hand_works_too() -> None:
    walk = Crosswalk(
        "hand", pl.DataFrame({"code": ["W"], "label": ["Welder"], "isco_groups": [["7212"]]})
    )
    assert WELDER in walk.occupations("W", taxonomy=TAX)
