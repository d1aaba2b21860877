"""The bundled taxonomy: counts, frame schemas and the lookups by URI."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpes.errors import InputError
from openpes.taxonomy import ESCO_NOTICE, Taxonomy

TAX = Taxonomy.load()
WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
OCCUPATIONS = TAX.occupations["uri"].to_list()
SKILLS = TAX.skills["uri"].to_list()


def test_load_is_cached_and_describes_itself() -> None:
    assert Taxonomy.load() is TAX
    assert (TAX.version, TAX.language) == ("1.2.0", "en")
    assert "Taxonomy(version='1.2.0'" in repr(TAX)


def test_sizes_meet_the_issue() -> None:
    assert TAX.occupations.height >= 3000
    assert TAX.skills.height >= 13000
    assert TAX.occupation_skills.height >= 120_000


@pytest.mark.parametrize(
    ("frame", "schema"),
    [
        (
            "occupations",
            {
                "uri": pl.String,
                "label": pl.String,
                "isco_group": pl.String,
                "alt_labels": pl.List(pl.String),
                "description": pl.String,
            },
        ),
        (
            "skills",
            {
                "uri": pl.String,
                "label": pl.String,
                "skill_type": pl.String,
                "reuse_level": pl.String,
                "alt_labels": pl.List(pl.String),
                "description": pl.String,
            },
        ),
        (
            "occupation_skills",
            {"occupation_uri": pl.String, "skill_uri": pl.String, "relation": pl.String},
        ),
        (
            "skill_relations",
            {"skill_uri": pl.String, "related_uri": pl.String, "relation": pl.String},
        ),
        (
            "isco_groups",
            {"code": pl.String, "uri": pl.String, "label": pl.String, "parent_code": pl.String},
        ),
        ("broader_relations", {"uri": pl.String, "broader_uri": pl.String, "kind": pl.String}),
        ("collections", {"skill_uri": pl.String, "collection": pl.String}),
    ],
)
def test_frames_follow_the_contract(frame: str, schema: dict[str, pl.DataType]) -> None:
    df: pl.DataFrame = getattr(TAX, frame)
    for column, dtype in schema.items():
        assert df.schema[column] == dtype, (frame, column)
    assert df.height > 0


def test_values_are_well_formed() -> None:
    assert TAX.occupations["uri"].is_unique().all()
    assert TAX.skills["uri"].is_unique().all()
    assert TAX.occupations["isco_group"].str.contains(r"^\d{4}$").all()
    assert set(TAX.occupation_skills["relation"].unique()) == {"essential", "optional"}
    assert set(TAX.skill_relations["relation"].unique()) <= {"essential", "optional"}
    assert set(TAX.broader_relations["kind"].unique()) == {"occupation", "skill"}
    assert set(TAX.collections["collection"].unique()) == {
        "digital",
        "green",
        "transversal",
        "language",
    }
    assert set(TAX.skills["skill_type"].drop_nulls().unique()) == {"skill/competence", "knowledge"}
    codes = TAX.isco_groups["code"]
    assert codes.str.len_chars().min() == 1 and codes.str.len_chars().max() == 4
    # Every parent code is itself a group, and every occupation's group exists.
    assert set(TAX.isco_groups["parent_code"].drop_nulls()) <= set(codes)
    assert set(TAX.occupations["isco_group"]) <= set(codes)
    # Alternative labels are split (official files use one label per line).
    assert not TAX.occupations["alt_labels"].explode().drop_nulls().str.contains("\n").any()


def test_welder_is_in_isco_7212_with_its_skills() -> None:
    assert TAX.label(WELDER) == "welder"
    assert TAX.isco_group(WELDER) == "7212"
    essential = {TAX.label(u) for u in TAX.skills_of(WELDER, relation="essential")}
    assert essential  # the welder profile has essential skills in ESCO
    assert "http://data.europa.eu/esco/isco/C7212" in TAX.broader(WELDER)
    assert WELDER in TAX.narrower("http://data.europa.eu/esco/isco/C7212")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(OCCUPATIONS), st.sampled_from([None, "essential", "optional"]))
def test_skills_of_agrees_with_the_frame(occupation: str, relation: str | None) -> None:
    rows = TAX.occupation_skills.filter(pl.col("occupation_uri") == occupation)
    if relation is not None:
        rows = rows.filter(pl.col("relation") == relation)
    assert sorted(TAX.skills_of(occupation, relation=relation)) == sorted(rows["skill_uri"])  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SKILLS), st.sampled_from([None, "essential", "optional"]))
def test_occupations_needing_is_the_inverse(skill: str, relation: str | None) -> None:
    needing = TAX.occupations_needing(skill, relation=relation)  # type: ignore[arg-type]
    rows = TAX.occupation_skills.filter(pl.col("skill_uri") == skill)
    if relation is not None:
        rows = rows.filter(pl.col("relation") == relation)
    assert sorted(needing) == sorted(rows["occupation_uri"])
    for occupation in needing[:5]:
        assert skill in TAX.skills_of(occupation, relation=relation)  # type: ignore[arg-type]


def test_essential_skills_come_first_without_a_relation() -> None:
    everything = TAX.skills_of(WELDER)
    essential = TAX.skills_of(WELDER, relation="essential")
    assert everything[: len(essential)] == essential
    assert set(everything) == set(essential) | set(TAX.skills_of(WELDER, relation="optional"))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(TAX.broader_relations["uri"].to_list()))
def test_broader_and_narrower_are_inverse(uri: str) -> None:
    for parent in TAX.broader(uri):
        assert uri in TAX.narrower(parent)


def test_isco_hierarchy_follows_the_codes() -> None:
    groups = dict(zip(TAX.isco_groups["code"], TAX.isco_groups["uri"], strict=True))
    assert TAX.broader(groups["7212"]) == [groups["721"]]
    assert TAX.broader(groups["721"]) == [groups["72"]]
    assert TAX.broader(groups["72"]) == [groups["7"]]


def test_related_skills_agree_with_the_frame() -> None:
    first = TAX.skill_relations.row(0, named=True)
    expected = TAX.skill_relations.filter(pl.col("skill_uri") == first["skill_uri"])["related_uri"]
    assert sorted(TAX.related_skills(first["skill_uri"])) == sorted(expected)
    lonely = next(u for u in SKILLS if u not in set(TAX.skill_relations["skill_uri"]))
    assert TAX.related_skills(lonely) == []


def test_lookups_return_copies() -> None:
    TAX.skills_of(WELDER).clear()
    assert TAX.skills_of(WELDER)


def test_labels_cover_every_pillar() -> None:
    assert TAX.label("http://data.europa.eu/esco/isco/C7") == "Craft and related trades workers"
    group = TAX.skill_groups.row(0, named=True)
    assert TAX.label(group["uri"]) == group["label"]
    assert TAX.kind(group["uri"]) == "skill_group"
    assert TAX.kind(SKILLS[0]) == "skill"


@pytest.mark.parametrize(
    "call",
    [
        lambda: TAX.label("http://example.org/nothing"),
        lambda: TAX.skills_of(SKILLS[0]),  # a skill is not an occupation
        lambda: TAX.occupations_needing(WELDER),
        lambda: TAX.isco_group(SKILLS[0]),
        lambda: TAX.related_skills(WELDER),
        lambda: TAX.broader("http://example.org/nothing"),
        lambda: TAX.narrower("http://example.org/nothing"),
    ],
)
def test_wrong_uris_raise_input_error(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="URI"):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: TAX.skills_of(WELDER, relation="maybe"),  # type: ignore[arg-type]
        lambda: TAX.occupations_needing(SKILLS[0], relation="Essential"),  # type: ignore[arg-type]
    ],
)
def test_wrong_relations_raise_input_error(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="relation"):
        call()


def test_notice_is_the_licence_text() -> None:
    assert ESCO_NOTICE == "This service uses the ESCO classification of the European Commission."
