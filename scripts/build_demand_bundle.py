"""Build the job-demand bundle that :mod:`openpes.synth` ships.

Reads the public job-offer aggregation in ``job_offers_by_occupation.csv`` (and the ISCO
group of each occupation from ``occupations_en.csv``) and writes one small Parquet file,
``src/openpes/synth/data/demand.parquet``. Run time never reads the shared folder; only this
script does.

Usage::

    .venv/bin/python scripts/build_demand_bundle.py [--esco DIR] [--out FILE]

What the bundle holds, per ESCO occupation:

- ``job_offers``: online job offers in the UK, Germany and Spain together (the demand
  weight); the per-country counts are kept too.
- ``salary_eur``: an annual median salary on the German level, our fictional country's
  level. It is the midpoint of the median advertised minimum and maximum salary, taken from
  Germany when available, else from the UK (GBP converted to EUR, then rescaled by the
  median DE/UK ratio over occupations with both), else from Spain (rescaled the same way).
  Occupations with no salary at all get the median of their ISCO 3-digit group, else 2-digit,
  else 1-digit group. ``salary_basis`` says which rule applied.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco-1.2.0"
DEFAULT_OUT = ROOT / "src" / "openpes" / "synth" / "data" / "demand.parquet"

#: Average 2025 exchange rate, EUR per GBP (ECB reference rates, rounded).
EUR_PER_GBP = 1.17
#: Spanish medians below this are monthly or hourly figures mis-filed as annual.
IMPLAUSIBLE_ANNUAL_EUR = 9_000.0


def _midpoint(country: str) -> pl.Expr:
    mid = (pl.col(f"median_min_salary_{country}") + pl.col(f"median_max_salary_{country}")) / 2
    if country == "uk":
        mid = mid * EUR_PER_GBP
    return pl.when(mid >= IMPLAUSIBLE_ANNUAL_EUR).then(mid).otherwise(None)


def build(esco: Path) -> pl.DataFrame:
    """Return the demand table built from the ESCO folder ``esco``."""
    offers = pl.read_csv(esco / "job_offers_by_occupation.csv")
    occupations = pl.read_csv(
        esco / "occupations_en.csv", columns=["conceptUri", "iscoGroup"], infer_schema=False
    ).rename({"conceptUri": "occupationUri", "iscoGroup": "isco_group"})
    table = offers.join(occupations, on="occupationUri", how="left").with_columns(
        mid_uk=_midpoint("uk"), mid_de=_midpoint("de"), mid_es=_midpoint("es")
    )
    ratio_uk = table.select((pl.col("mid_de") / pl.col("mid_uk")).median()).item()
    ratio_es = table.select((pl.col("mid_de") / pl.col("mid_es")).median()).item()
    table = table.with_columns(
        salary_eur=pl.coalesce(
            pl.col("mid_de"), pl.col("mid_uk") * ratio_uk, pl.col("mid_es") * ratio_es
        ),
        salary_basis=pl.when(pl.col("mid_de").is_not_null())
        .then(pl.lit("de"))
        .when(pl.col("mid_uk").is_not_null())
        .then(pl.lit("uk"))
        .when(pl.col("mid_es").is_not_null())
        .then(pl.lit("es")),
    )
    for digits in (3, 2, 1):
        group = pl.col("isco_group").str.slice(0, digits)
        fill = pl.col("salary_eur").median().over(group)
        table = table.with_columns(
            salary_basis=pl.when(pl.col("salary_eur").is_null() & fill.is_not_null())
            .then(pl.lit(f"isco{digits}"))
            .otherwise(pl.col("salary_basis")),
            salary_eur=pl.coalesce(pl.col("salary_eur"), fill),
        )
    overall = table["salary_eur"].median()
    table = table.with_columns(
        salary_basis=pl.col("salary_basis").fill_null("overall"),
        salary_eur=pl.col("salary_eur").fill_null(overall).round(0),
    )
    return table.select(
        occupation_uri=pl.col("occupationUri"),
        isco_group=pl.col("isco_group"),
        job_offers=(
            pl.col("total_job_offers_uk")
            + pl.col("total_job_offers_de")
            + pl.col("total_job_offers_es")
        ).cast(pl.Int64),
        job_offers_uk=pl.col("total_job_offers_uk").cast(pl.Int64),
        job_offers_de=pl.col("total_job_offers_de").cast(pl.Int64),
        job_offers_es=pl.col("total_job_offers_es").cast(pl.Int64),
        salary_eur=pl.col("salary_eur").cast(pl.Float64),
        salary_basis=pl.col("salary_basis"),
    ).sort("occupation_uri")


def write(table: pl.DataFrame, out: Path) -> None:
    """Write ``table`` to ``out`` atomically, with fixed settings so it is reproducible."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
    os.close(fd)
    try:
        table.write_parquet(tmp, compression="zstd", statistics=True)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the bundle is shipped, so readable by all
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    table = build(args.esco)
    write(table, args.out)
    print(
        f"wrote {args.out} ({table.height} occupations, "
        f"{int(table['job_offers'].sum())} offers, "
        f"{int((table['job_offers'] > 0).sum())} with offers)"
    )
    print(table.group_by("salary_basis").len().sort("salary_basis"))


if __name__ == "__main__":
    main()
