"""ESCO, the European skills and occupations taxonomy, for OpenPES.

The package ships a compact English ESCO v1.2.0 bundle (:meth:`Taxonomy.load`) and
imports any official ESCO download (:meth:`Taxonomy.from_esco_csv`). It offers
lookups by URI, fuzzy label search and skill extraction from free text.

Any product that shows ESCO data must carry :data:`ESCO_NOTICE`.
"""

from openpes.taxonomy._bundle import ESCO_NOTICE
from openpes.taxonomy._dense import model_status as retrieval_model_status
from openpes.taxonomy._esco_csv import EscoImportWarning
from openpes.taxonomy._extract import SkillHit
from openpes.taxonomy._imported import folder_language, import_esco, imported_languages
from openpes.taxonomy._search import SearchHit
from openpes.taxonomy._taxonomy import ConceptKind, Relation, Taxonomy

__all__ = [
    "ESCO_NOTICE",
    "ConceptKind",
    "EscoImportWarning",
    "Relation",
    "SearchHit",
    "SkillHit",
    "Taxonomy",
    "folder_language",
    "import_esco",
    "imported_languages",
    "retrieval_model_status",
]
