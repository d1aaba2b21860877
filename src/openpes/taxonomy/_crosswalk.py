"""National occupation classifications, reached through their ISCO-08 unit groups.

Many PES code occupations in a national scheme (KSCO in Korea, MASCO in Malaysia, ...)
built on ISCO-08. A :class:`Crosswalk` lists each national code with its label, in the
national language, and the ISCO-08 unit group(s) it belongs to. ESCO occupations carry
their ISCO-08 unit group too, so a national code leads to the ESCO occupations of its
groups (of which a counsellor picks the closest), and an ESCO occupation back to the
national codes that cover it (what reports show beside the ESCO label).

A crosswalk is read from a CSV (:func:`read_crosswalk`, which checks every row) and
stored as one JSON file per scheme under ``$OPENPES_VAR_DIR/taxonomy/crosswalks/``
(:func:`save_crosswalk`, atomic), where the web application finds it
(:func:`load_crosswalk`, :func:`crosswalk_schemes`).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import polars as pl

from openpes._frames import IntoFrame, as_polars
from openpes.errors import InputError
from openpes.files import decode_text, write_atomic
from openpes.i18n import messages
from openpes.taxonomy._dense import var_dir
from openpes.taxonomy._taxonomy import Taxonomy

__all__ = [
    "Crosswalk",
    "crosswalk_schemes",
    "load_crosswalk",
    "read_crosswalk",
    "save_crosswalk",
    "with_national_codes",
]

_ = messages("openpes.taxonomy")

#: The columns of a crosswalk CSV.
COLUMNS = ("code", "label", "isco08")
_SCHEME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_UNIT_GROUP = re.compile(r"^[0-9]{4}$")
# Several unit groups share a cell, separated by ";", "|", "," or spaces.
_SEPARATORS = r"[;|,\s]+"


@dataclass(frozen=True)
class Crosswalk:
    """A national occupation classification mapped to ISCO-08 unit groups.

    Attributes
    ----------
    scheme : str
        The scheme's name, e.g. ``"KSCO-7"``.
    entries : pl.DataFrame
        ``code, label, isco_groups`` (a list of 4-digit ISCO-08 codes), in file order.
    language : str
        Language of the labels (``""`` when not given).
    source : str
        The file it was read from.

    Examples
    --------
    >>> import polars as pl
    >>> walk = Crosswalk(
    ...     "demo",
    ...     pl.DataFrame({"code": ["W1"], "label": ["Welder"], "isco_groups": [["7212"]]}),
    ... )
    >>> walk.label("W1"), walk.isco_groups("W1")
    ('Welder', ['7212'])
    >>> len(walk.occupations("W1")) > 1  # every ESCO occupation in 7212
    True
    """

    scheme: str
    entries: pl.DataFrame
    language: str = ""
    source: str = ""

    @cached_property
    def _rows(self) -> dict[str, tuple[str, list[str]]]:
        e = self.entries
        return {
            code: (label, list(groups))
            for code, label, groups in zip(
                e["code"].to_list(), e["label"].to_list(), e["isco_groups"].to_list(), strict=True
            )
        }

    def _entry(self, code: str) -> tuple[str, list[str]]:
        try:
            return self._rows[code]
        except KeyError:
            raise InputError(
                _("unknown code of the {scheme} classification: {code}").format(
                    scheme=self.scheme, code=code
                )
            ) from None

    @property
    def codes(self) -> list[str]:
        """Every national code, in file order."""
        return list(self._rows)

    def label(self, code: str) -> str:
        """The national label of ``code``."""
        return self._entry(code)[0]

    def isco_groups(self, code: str) -> list[str]:
        """The ISCO-08 unit groups of ``code``."""
        return list(self._entry(code)[1])

    def occupations(self, code: str, *, taxonomy: Taxonomy | None = None) -> list[str]:
        """URIs of the ESCO occupations in the ISCO-08 groups of ``code``, by label.

        These are the candidates a counsellor chooses the closest from.
        """
        tax = taxonomy if taxonomy is not None else Taxonomy.load()
        groups = self._entry(code)[1]
        found = tax.occupations.filter(pl.col("isco_group").is_in(groups)).sort(
            pl.col("isco_group").replace_strict(
                {g: i for i, g in enumerate(groups)}, return_dtype=pl.Int32
            ),
            "label",
        )
        return found["uri"].to_list()

    def table(self, *, taxonomy: Taxonomy | None = None) -> pl.DataFrame:
        """Every (national code, ESCO occupation) pair: ``code, label, isco_group, occupation_uri``.

        Examples
        --------
        >>> import polars as pl
        >>> walk = Crosswalk(
        ...     "demo",
        ...     pl.DataFrame({"code": ["W1"], "label": ["Welder"], "isco_groups": [["7212"]]}),
        ... )
        >>> walk.table().columns
        ['code', 'label', 'isco_group', 'occupation_uri']
        """
        tax = taxonomy if taxonomy is not None else Taxonomy.load()
        return (
            self.entries.explode("isco_groups")
            .rename({"isco_groups": "isco_group"})
            .join(
                tax.occupations.select("isco_group", occupation_uri="uri"),
                on="isco_group",
                how="inner",
                maintain_order="left",
            )
        )

    def codes_of(self, occupation_uri: str, *, taxonomy: Taxonomy | None = None) -> list[str]:
        """The national codes that cover an ESCO occupation (through its ISCO-08 group)."""
        tax = taxonomy if taxonomy is not None else Taxonomy.load()
        group = tax.isco_group(occupation_uri)
        return self.entries.filter(pl.col("isco_groups").list.contains(group))["code"].to_list()


def with_national_codes(
    frame: IntoFrame,
    crosswalk: Crosswalk,
    *,
    column: str = "occupation_uri",
    taxonomy: Taxonomy | None = None,
) -> pl.DataFrame:
    """Add a ``national_code`` column (a list of codes) beside an ESCO occupation column.

    This is how matching results and monitor tables report by national code: an ESCO
    occupation has one ISCO-08 group, which national codes may share, so the column is
    a list (empty when the scheme has no code for that group).

    Examples
    --------
    >>> import polars as pl
    >>> from openpes.taxonomy import Taxonomy
    >>> tax = Taxonomy.load()
    >>> welder = tax.search("welder")[0].uri
    >>> walk = Crosswalk(
    ...     "demo",
    ...     pl.DataFrame({"code": ["W1"], "label": ["Welder"], "isco_groups": [["7212"]]}),
    ... )
    >>> out = with_national_codes(pl.DataFrame({"occupation_uri": [welder]}), walk)
    >>> out["national_code"].to_list()
    [['W1']]
    """
    data = as_polars(frame)
    if column not in data.columns:
        raise InputError(_("expected a column of ESCO occupation URIs"), column=column)
    tax = taxonomy if taxonomy is not None else Taxonomy.load()
    by_group = (
        crosswalk.entries.explode("isco_groups")
        .group_by("isco_groups", maintain_order=True)
        .agg(national_code=pl.col("code"))
        .rename({"isco_groups": "_isco"})
    )
    isco = tax.occupations.select(pl.col("uri").alias(column), _isco="isco_group")
    return (
        data.join(isco, on=column, how="left", maintain_order="left")
        .join(by_group, on="_isco", how="left", maintain_order="left")
        .with_columns(pl.col("national_code").fill_null(pl.lit([], dtype=pl.List(pl.String()))))
        .drop("_isco")
    )


def _check_scheme(scheme: str) -> str:
    if not _SCHEME.fullmatch(scheme or ""):
        raise InputError(
            _(
                "expected a scheme name of letters, digits, '-', '_' or '.' "
                "(at most 40, e.g. KSCO-7): {value}"
            ).format(value=scheme)
        )
    return scheme


def _row_error(message: Any, path: Path, column: str, index: int) -> InputError:
    return InputError(message, file=str(path), column=column, row=index + 2)  # after the header


def read_crosswalk(
    path: str | os.PathLike[str],
    *,
    scheme: str,
    language: str = "",
    taxonomy: Taxonomy | None = None,
) -> Crosswalk:
    """Read and check a crosswalk CSV with the columns ``code, label, isco08``.

    ``isco08`` holds one 4-digit ISCO-08 unit group, or several separated by ``;``.
    Every row is checked: a code that is empty or listed twice, an empty label, an
    ISCO-08 code that is not a unit group the taxonomy knows, and a code whose groups
    hold no ESCO occupation (it would map to nothing) are errors naming the row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "scheme.csv"
    ...     _ = path.write_text("code,label,isco08\\nW1,Welder,7212\\nX9,Mixed,7212;7213\\n")
    ...     walk = read_crosswalk(path, scheme="demo")
    >>> walk.codes, walk.isco_groups("X9")
    (['W1', 'X9'], ['7212', '7213'])
    """
    scheme = _check_scheme(scheme)
    file = Path(path)
    if not file.is_file():
        raise InputError(_("expected a CSV file of national codes"), file=str(file))
    text = decode_text(file.read_bytes(), file=str(file))
    try:
        raw = pl.read_csv(text.encode("utf-8"), infer_schema=False)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputError(
            _("could not read this file as CSV ({problem})").format(problem=exc), file=str(file)
        ) from exc
    raw = raw.rename({c: c.strip().lower() for c in raw.columns})
    for column in COLUMNS:
        if column not in raw.columns:
            raise InputError(
                _("required column is missing; expected the columns code, label, isco08"),
                file=str(file),
                column=column,
            )
    if raw.height == 0:
        raise InputError(_("the file has a header but no rows"), file=str(file))
    data = raw.select(
        code=pl.col("code").str.strip_chars().fill_null(""),
        label=pl.col("label").str.strip_chars().fill_null(""),
        isco_groups=pl.col("isco08")
        .fill_null("")
        .str.replace_all(_SEPARATORS, " ")
        .str.strip_chars()
        .str.split(" ")
        .list.eval(pl.element().filter(pl.element() != ""))
        .list.unique(maintain_order=True),
    ).with_row_index("_row")

    def first(mask: pl.Expr) -> int | None:
        hit = data.filter(mask)
        return int(hit["_row"][0]) if hit.height else None

    if (row := first(pl.col("code") == "")) is not None:
        raise _row_error(_("the national code is empty"), file, "code", row)
    if (row := first(pl.int_range(pl.len()).over("code") > 0)) is not None:
        raise _row_error(
            _("this national code is listed twice: {code}").format(code=data["code"][row]),
            file,
            "code",
            row,
        )
    if (row := first(pl.col("label") == "")) is not None:
        raise _row_error(_("the label is empty"), file, "label", row)
    if (row := first(pl.col("isco_groups").list.len() == 0)) is not None:
        raise _row_error(
            _("expected at least one ISCO-08 unit group (4 digits, e.g. 7212)"),
            file,
            "isco08",
            row,
        )

    tax = taxonomy if taxonomy is not None else Taxonomy.load()
    groups = data.explode("isco_groups").rename({"isco_groups": "isco"})
    known = tax.isco_groups.filter(pl.col("code").str.len_chars() == 4)["code"].implode()
    bad = groups.filter(
        ~pl.col("isco").str.contains(_UNIT_GROUP.pattern) | ~pl.col("isco").is_in(known)
    )
    if bad.height:
        value = bad["isco"][0]
        message = (
            _("not an ISCO-08 unit group (4 digits, e.g. 7212): {value}")
            if not _UNIT_GROUP.fullmatch(value)
            else _("unknown ISCO-08 unit group: {value}")
        )
        raise _row_error(message.format(value=value), file, "isco08", int(bad["_row"][0]))
    filled = tax.occupations["isco_group"].unique().implode()
    reaching = groups.filter(pl.col("isco").is_in(filled))["_row"].unique().implode()
    empty = data.filter(~pl.col("_row").is_in(reaching))
    if empty.height:
        raise _row_error(
            _(
                "code {code} maps to no ESCO occupation: no occupation is in ISCO-08 group {groups}"
            ).format(code=empty["code"][0], groups=", ".join(empty["isco_groups"][0])),
            file,
            "isco08",
            int(empty["_row"][0]),
        )
    return Crosswalk(scheme, data.drop("_row"), language=language, source=str(file.resolve()))


def _store(root: str | os.PathLike[str] | None) -> Path:
    return (Path(root) if root is not None else var_dir()) / "crosswalks"


def save_crosswalk(crosswalk: Crosswalk, *, root: str | os.PathLike[str] | None = None) -> Path:
    """Store a crosswalk as ``crosswalks/<scheme>.json`` (atomically); return the path.

    A scheme saved again replaces the earlier one.
    """
    path = _store(root) / f"{_check_scheme(crosswalk.scheme)}.json"
    document = {
        "scheme": crosswalk.scheme,
        "language": crosswalk.language,
        "source": crosswalk.source,
        "entries": crosswalk.entries.select("code", "label", "isco_groups").to_dicts(),
    }
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return path


def load_crosswalk(scheme: str, *, root: str | os.PathLike[str] | None = None) -> Crosswalk:
    """The crosswalk saved under ``scheme`` (see :func:`save_crosswalk`).

    Examples
    --------
    >>> import tempfile
    >>> import polars as pl
    >>> walk = Crosswalk(
    ...     "demo",
    ...     pl.DataFrame({"code": ["W1"], "label": ["Welder"], "isco_groups": [["7212"]]}),
    ... )
    >>> with tempfile.TemporaryDirectory() as var:
    ...     _ = save_crosswalk(walk, root=var)
    ...     crosswalk_schemes(root=var), load_crosswalk("demo", root=var).label("W1")
    (['demo'], 'Welder')
    """
    path = _store(root) / f"{_check_scheme(scheme)}.json"
    if not path.is_file():
        raise InputError(
            _(
                "no crosswalk of this scheme was imported; "
                "run: openpes taxonomy crosswalk import FILE --scheme {scheme}"
            ).format(scheme=scheme),
            file=str(path),
        )
    document = json.loads(path.read_text(encoding="utf-8"))
    entries = pl.DataFrame(
        document["entries"],
        schema={"code": pl.String(), "label": pl.String(), "isco_groups": pl.List(pl.String())},
    )
    return Crosswalk(
        document["scheme"], entries, language=document["language"], source=document["source"]
    )


def crosswalk_schemes(*, root: str | os.PathLike[str] | None = None) -> list[str]:
    """Names of the saved crosswalks, sorted."""
    store = _store(root)
    if not store.is_dir():
        return []
    return sorted(p.stem for p in store.glob("*.json") if _SCHEME.fullmatch(p.stem))
