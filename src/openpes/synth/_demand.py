"""The bundled job-demand table (built by ``scripts/build_demand_bundle.py``)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import polars as pl

__all__ = ["load_demand"]


@lru_cache(maxsize=1)
def load_demand() -> pl.DataFrame:
    """Job offers and median salary per ESCO occupation, from public 2025 figures.

    Columns: ``occupation_uri``, ``isco_group``, ``job_offers`` (UK + DE + ES online
    offers), ``job_offers_uk``, ``job_offers_de``, ``job_offers_es``, ``salary_eur``
    (annual median on the German level) and ``salary_basis`` (where the salary came from).

    Examples
    --------
    >>> load_demand().select("occupation_uri", "job_offers", "salary_eur").width
    3
    """
    with (files("openpes.synth") / "data" / "demand.parquet").open("rb") as handle:
        return pl.read_parquet(handle)
