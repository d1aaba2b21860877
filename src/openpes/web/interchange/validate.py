"""Validating a whole file of records at once, reporting every bad cell (up to a limit).

Every check is a column expression over the whole frame; only the bad rows become Python
objects. A problem names the file, the row (1 = first record), the column, the value and
what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpes.errors import InputError
from openpes.taxonomy import crosswalk_schemes
from openpes.web.caseload.taxonomy import taxonomy
from openpes.web.classifications.selectors import national_occupation
from openpes.web.interchange.from_text import vacancies_from_text
from openpes.web.interchange.schema import (
    DEFAULTS,
    KEYS,
    REFERENCE_PATTERN,
    SCHEMAS,
    SOURCE_PATTERN,
    Field,
    Kind,
)

_TYPE_NAMES = {
    pl.String(): gettext_lazy("text"),
    pl.Int64(): gettext_lazy("a whole number"),
    pl.Float64(): gettext_lazy("a number"),
    pl.Boolean(): gettext_lazy("true or false"),
    pl.Date(): gettext_lazy("a date (YYYY-MM-DD)"),
}

#: What a reference (``REFERENCE_PATTERN``) and a source (``SOURCE_PATTERN``) may hold, in
#: the words both ``openpes import`` and the API use when one does not.
REFERENCE_EXPECTED = gettext_lazy(
    "a reference of 1 to 128 characters, each a letter A-Z or a-z, a digit or one of . _ : - "
    "(no spaces, slashes or accents), as the API's URLs take it"
)
SOURCE_EXPECTED = gettext_lazy(
    "a source name of 1 to 64 characters, each a letter A-Z or a-z, a digit or one of . _ - "
    "(no spaces, slashes or accents), as the API's URLs take it"
)

NO_SCHEME_EXPECTED = gettext_lazy(
    "the name of an imported national classification, but none is imported: import one "
    "with openpes taxonomy crosswalk import FILE --scheme NAME, or leave "
    "national_occupations out"
)


def is_source(value: str) -> bool:
    """Whether ``value`` can name a feed (``--source``, the API's ``{source}``)."""
    import re

    return re.fullmatch(SOURCE_PATTERN, value) is not None


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str
    value: str
    expected: str

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": self.expected,
        }


@cache
def esco_uris(pillar: str) -> frozenset[str]:
    tax = taxonomy()
    frame = tax.skills if pillar == "skill" else tax.occupations
    return frozenset(frame["uri"].to_list())


def _type_name(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.List):
        return _("a list of %(item)s") % {"item": _TYPE_NAMES[dtype.inner]}  # type: ignore[index]
    return str(_TYPE_NAMES[dtype])


def _cast(frame: pl.DataFrame, field: Field) -> pl.Expr:
    """Cast one column; CSV cells are text, lists in them are separated by '|'."""
    column = pl.col(field.name)
    found = frame.schema[field.name]
    if isinstance(field.dtype, pl.List):
        if found == pl.String():
            column = (
                pl.when(column.str.strip_chars() == "")
                .then(pl.lit([], pl.List(pl.String)))
                .otherwise(column.str.split("|"))
            )
        inner = field.dtype.inner
        if inner == pl.Date():
            return (
                column.cast(pl.List(pl.String), strict=False).list.eval(
                    pl.element().str.to_date("%Y-%m-%d", strict=False)
                )
                if found in (pl.String(), pl.List(pl.String))
                else column.cast(field.dtype, strict=False)
            )
        return column.cast(field.dtype, strict=False)
    if field.dtype == pl.Date() and found == pl.String():
        return column.str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    if field.dtype == pl.Boolean() and found == pl.String():
        lowered = column.str.strip_chars().str.to_lowercase()
        return (
            pl.when(lowered.is_in(["true", "1", "yes"]))
            .then(True)
            .when(lowered.is_in(["false", "0", "no"]))
            .then(False)
            .otherwise(None)
        )
    if found == pl.String() and field.dtype != pl.String():
        return column.str.strip_chars().cast(field.dtype, strict=False)
    return column.cast(field.dtype, strict=False)


def _plain(frame: pl.DataFrame) -> pl.DataFrame:
    # Categorical strings (as `openpes synth` writes its lists) count as strings.
    casts = {}
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.Enum | pl.Categorical):
            casts[name] = pl.col(name).cast(pl.String)
        elif isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Enum | pl.Categorical):
            casts[name] = pl.col(name).cast(pl.List(pl.String))
    return frame.with_columns(**casts) if casts else frame


def _problems(
    frame: pl.DataFrame, mask: pl.Series, *, file: str, column: str, expected: str, limit: int
) -> list[Problem]:
    bad = frame.with_row_index("_row", offset=1).filter(mask).head(limit)
    return [
        Problem(file, int(row), column, "" if value is None else str(value), expected)
        for row, value in zip(bad["_row"], bad[column], strict=True)
    ]


def _typed(
    data: pl.DataFrame, fields: tuple[Field, ...], *, file: str, limit: int
) -> tuple[pl.DataFrame, pl.DataFrame | None, list[Problem]]:
    """The columns typed as ``fields`` say, and every bad cell found (at most ``limit``).

    Returns the data with the optional columns it lacked added, the typed frame (``None``
    when a required column is missing) and the problems.
    """
    problems: list[Problem] = []
    for field in fields:
        if field.name not in data.columns:
            if field.required:
                problems.append(
                    Problem(
                        file,
                        None,
                        field.name,
                        "",
                        _("a column named %(name)s") % {"name": field.name},
                    )
                )
            else:
                default = DEFAULTS.get(field.name)
                data = data.with_columns(pl.lit(default, dtype=field.dtype).alias(field.name))
    if problems:
        return data, None, problems
    # A CSV cell cannot hold a list, so an empty one is the empty list (the API's "[]"),
    # not a missing value; Polars reads it as null.
    empty_lists = {
        f.name: pl.col(f.name).fill_null("")
        for f in fields
        if isinstance(f.dtype, pl.List) and data.schema[f.name] == pl.String()
    }
    if empty_lists:
        data = data.with_columns(**empty_lists)
    typed = data.select([_cast(data, f).alias(f.name) for f in fields])
    for field in fields:
        if len(problems) >= limit:
            break
        remaining = limit - len(problems)
        original, value = data[field.name], typed[field.name]
        expected = _type_name(field.dtype)
        # A value given but not of the expected type.
        unreadable = original.is_not_null() & value.is_null()
        if isinstance(field.dtype, pl.List) and isinstance(original.dtype, pl.String):
            unreadable = unreadable | (
                original.is_not_null() & value.list.eval(pl.element().is_null()).list.any()
            )
        elif isinstance(field.dtype, pl.List):
            unreadable = unreadable | value.list.eval(pl.element().is_null()).list.any().fill_null(
                False
            )
        problems += _problems(
            data, unreadable, file=file, column=field.name, expected=expected, limit=remaining
        )
        if field.required:
            problems += _problems(
                data,
                original.is_null(),
                file=file,
                column=field.name,
                expected=expected,
                limit=remaining,
            )
        elif DEFAULTS.get(field.name) is not None:
            typed = typed.with_columns(
                pl.col(field.name).fill_null(pl.lit(DEFAULTS[field.name], dtype=field.dtype))
            )
        if field.choices:
            outside = value.is_not_null() & ~value.is_in(list(field.choices))
            problems += _problems(
                data,
                outside,
                file=file,
                column=field.name,
                expected=_("one of %(choices)s") % {"choices": ", ".join(field.choices)},
                limit=remaining,
            )
        if field.minimum is not None or field.maximum is not None:
            low = field.minimum if field.minimum is not None else float("-inf")
            high = field.maximum if field.maximum is not None else float("inf")
            out = value.is_not_null() & ((value < low) | (value > high))
            problems += _problems(
                data,
                out,
                file=file,
                column=field.name,
                expected=_("a value from %(low)s to %(high)s") % {"low": low, "high": high},
                limit=remaining,
            )
        if field.reference:
            # Unreachable by the API's URLs (a space, a slash): refused here, for both.
            unfit = value.is_not_null() & ~value.str.contains(f"^(?:{REFERENCE_PATTERN})$")
            problems += _problems(
                data,
                unfit,
                file=file,
                column=field.name,
                expected=str(REFERENCE_EXPECTED),
                limit=remaining,
            )
        if field.esco:
            problems += _esco_problems(typed, field, file=file, limit=remaining)
    return data, typed, problems


def validate_records(
    kind: Kind, data: pl.DataFrame, *, file: str, limit: int = 100
) -> tuple[pl.DataFrame, list[Problem]]:
    """The records typed as the schema says, and every problem found (at most ``limit``).

    The frame is usable only when the list of problems is empty.
    """
    data = _plain(data)
    if kind == "vacancies" and "vacancy_id" not in data.columns and "reference" in data.columns:
        data = data.rename({"reference": "vacancy_id"})
    if kind == "trainings" and "training_id" not in data.columns and "reference" in data.columns:
        data = data.rename({"reference": "training_id"})
    fields = SCHEMAS[kind]
    if kind == "vacancies" and not {"essential_skills", "description"} & set(data.columns):
        expected = _("a column named essential_skills, or description")
        return data, [Problem(file, None, "essential_skills", "", expected)]
    data, typed, problems = _typed(data, fields, file=file, limit=limit)
    if typed is None:
        return data, problems
    if kind == "vacancies":
        typed, found = vacancies_from_text(typed, Problem, file=file, limit=limit)
        problems += found
    key = list(KEYS[kind])
    duplicated = typed.select(pl.struct(key).is_duplicated()).to_series()
    problems += _problems(
        data,
        duplicated,
        file=file,
        column=key[0],
        expected=_("a value no other row has"),
        limit=limit,
    )
    if kind == "jobseekers":
        unequal = typed["past_occupations"].list.len() != typed["experience_years"].list.len()
        problems += _problems(
            data,
            unequal.fill_null(False),
            file=file,
            column="experience_years",
            expected=_("as many values as past_occupations"),
            limit=limit,
        )
        national, found = _national_occupations(typed, file=file, limit=limit)
        typed = typed.with_columns(national)
        problems += found
    order = {f.name: i for i, f in enumerate(fields)}
    problems.sort(key=lambda p: (p.row or 0, order.get(p.column, 0)))
    return typed, problems[:limit]


def _esco_problems(typed: pl.DataFrame, field: Field, *, file: str, limit: int) -> list[Problem]:
    known = list(esco_uris(field.esco))
    expected = (
        _("the URI of an ESCO skill in the bundled taxonomy")
        if field.esco == "skill"
        else _("the URI of an ESCO occupation in the bundled taxonomy")
    )
    column = typed.select(pl.col(field.name)).with_row_index("_row", offset=1)
    if isinstance(field.dtype, pl.List):
        column = column.explode(field.name)
    bad = column.filter(
        pl.col(field.name).is_not_null()
        & (pl.col(field.name) != "")
        & ~pl.col(field.name).is_in(known)
    ).head(limit)
    return [
        Problem(file, int(row), field.name, str(value), expected)
        for row, value in zip(bad["_row"], bad[field.name], strict=True)
    ]


def _national_occupations(
    typed: pl.DataFrame, *, file: str, limit: int
) -> tuple[list[pl.Series], list[Problem]]:
    """Resolve each ``scheme:code[=URI]`` of ``national_occupations`` to its ESCO occupation
    (``classifications.selectors.national_occupation``, the counsellor's rule), add it to
    ``preferred_occupations`` and write the entry back as ``scheme:code=URI``.

    A problem names ``national_occupations[i].scheme``, ``.code`` or ``.occupation_uri``.
    """
    if not typed["national_occupations"].list.len().fill_null(0).sum():
        return [], []
    given = typed["national_occupations"].to_list()
    preferred = typed["preferred_occupations"].to_list()
    problems: list[Problem] = []
    resolved_lists: list[list[str]] = []
    seen: dict[tuple[str, str], str | InputError] = {}
    for row, (entries, wished) in enumerate(zip(given, preferred, strict=True), start=1):
        resolved: list[str] = []
        for index, entry in enumerate(entries or []):
            choice, _sep, uri = entry.partition("=")
            choice, uri = choice.strip(), uri.strip()
            if (choice, uri) not in seen:  # each distinct entry is resolved once per file
                try:
                    seen[choice, uri] = national_occupation(choice, uri)
                except InputError as exc:
                    seen[choice, uri] = exc
            chosen = seen[choice, uri]
            if isinstance(chosen, InputError):
                if len(problems) < limit:
                    where = f"national_occupations[{index}].{chosen.column or 'code'}"
                    expected = str(chosen.reason)
                    if chosen.column == "scheme" and not crosswalk_schemes():
                        # The rule's list of imported schemes is empty: say what to do.
                        expected = str(NO_SCHEME_EXPECTED)
                    problems.append(Problem(file, row, where, entry, expected))
                continue
            resolved.append(f"{choice}={chosen}")
            if wished is not None:
                wished.append(chosen)
        resolved_lists.append(resolved)
    merged = [list(dict.fromkeys(w)) if w is not None else None for w in preferred]
    return [
        pl.Series("national_occupations", resolved_lists, dtype=pl.List(pl.String)),
        pl.Series("preferred_occupations", merged, dtype=pl.List(pl.String)),
    ], problems


#: The columns of outcomes in ``openpes synth``'s form; the others it writes are not read.
SYNTH_OUTCOMES = (
    Field("jobseeker_id", pl.String(), reference=True),
    Field("days_to_reemployment", pl.Int64(), minimum=0, maximum=100_000),
    Field("censored", pl.Boolean()),
    Field("hired_vacancy_id", pl.String(), required=False),
)


def synth_outcomes_validated(
    frame: pl.DataFrame, *, file: str, limit: int = 100
) -> tuple[pl.DataFrame, list[Problem]]:
    """Outcomes in ``openpes synth``'s form, from any file (a CSV's cells are text), as
    records (:func:`synth_outcomes_as_records`), or every bad cell of its columns."""
    _data, typed, problems = _typed(_plain(frame), SYNTH_OUTCOMES, file=file, limit=limit)
    if typed is None or problems:
        return frame, problems
    return synth_outcomes_as_records(typed, file=file), []


def synth_outcomes_as_records(frame: pl.DataFrame, *, file: str = "") -> pl.DataFrame:
    """Outcomes in ``openpes synth``'s form (days to re-employment, censoring) as records.

    A re-employed person gets an "employed" outcome on the day of the new job; a censored
    one a "still registered" outcome on the day observation ended. The days count from the
    registration date stored in the database, so a demo caseload re-dated to look current
    keeps its outcomes consistent; a person who is not registered is refused, naming the row.
    """
    from openpes.web.caseload.models import JobSeeker

    registered = pl.DataFrame(
        list(
            JobSeeker.objects.filter(reference__in=frame["jobseeker_id"].to_list()).values_list(
                "reference", "registered_on"
            )
        ),
        schema={"jobseeker_id": pl.String(), "registered_on": pl.Date()},
        orient="row",
    )
    joined = frame.join(registered, on="jobseeker_id", how="left", maintain_order="left")
    unknown = joined.with_row_index("_row", offset=1).filter(pl.col("registered_on").is_null())
    if unknown.height:
        raise InputError(
            _("expected the reference of a registered job seeker, not %(ref)s")
            % {"ref": unknown["jobseeker_id"][0]},
            file=file,
            column="jobseeker_id",
            row=int(unknown["_row"][0]),
        )
    hired = (
        pl.col("hired_vacancy_id").fill_null("")
        if "hired_vacancy_id" in joined.columns
        else pl.lit("")
    )
    return joined.select(
        "jobseeker_id",
        status=pl.when(pl.col("censored"))
        .then(pl.lit("still_registered"))
        .otherwise(pl.lit("employed")),
        observed_on=pl.col("registered_on") + pl.duration(days=pl.col("days_to_reemployment")),
        vacancy_reference=hired,
    )
