"""ESCO, the European skills and occupations taxonomy, for OpenPES.

The package ships a compact English ESCO v1.2.0 bundle (:meth:`Taxonomy.load`) and
imports any official ESCO download (:meth:`Taxonomy.from_esco_csv`, stored for the
application by :func:`import_esco`). It offers lookups by URI, fuzzy label search, skill
extraction from free text, and national occupation classifications reached through
ISCO-08 (:class:`Crosswalk`).

Any product that shows ESCO data must carry :data:`ESCO_NOTICE`.
"""

from openpes.taxonomy._bundle import ESCO_NOTICE
from openpes.taxonomy._crosswalk import (
    Crosswalk,
    crosswalk_schemes,
    load_crosswalk,
    read_crosswalk,
    save_crosswalk,
    with_national_codes,
)
from openpes.taxonomy._dense import encoder_installed, var_dir
from openpes.taxonomy._dense import model_status as retrieval_model_status
from openpes.taxonomy._esco_csv import EscoImportWarning
from openpes.taxonomy._extract import SkillHit
from openpes.taxonomy._imported import folder_language, import_esco, imported_languages
from openpes.taxonomy._search import SearchHit
from openpes.taxonomy._taxonomy import ConceptKind, Relation, Taxonomy

__all__ = [
    "ESCO_NOTICE",
    "ConceptKind",
    "Crosswalk",
    "EscoImportWarning",
    "Relation",
    "SearchHit",
    "SkillHit",
    "Taxonomy",
    "crosswalk_schemes",
    "encoder_installed",
    "folder_language",
    "import_esco",
    "imported_languages",
    "load_crosswalk",
    "read_crosswalk",
    "retrieval_model_status",
    "save_crosswalk",
    "var_dir",
    "with_national_codes",
]
