"""Skills-based matching: vacancy and training suggestions that explain themselves.

:class:`MatchIndex` prepares vacancies once; :meth:`MatchIndex.suggest` ranks them for one
job seeker or a national batch with one documented score (essential and optional skill
coverage with partial credit for ESCO neighbours, occupation fit, distance decay) after hard
constraints. :func:`suggest_trainings` closes skill gaps by greedy cover, and
:func:`explain_suggestion` / :func:`explain_training` turn every suggestion into short
sentences in five languages. Protected attributes are never inputs; :func:`parity_report`
checks what proxies do. :func:`read_table` and :func:`validate` check input files against
the contract (:data:`VACANCY_SCHEMA`, :data:`JOBSEEKER_SCHEMA`, :data:`TRAINING_SCHEMA`)
before a long run. :func:`save_index` writes an index to a folder that :func:`load_index`
memory-maps, so that processes share one built index. See ``docs/matching.md``.
"""

from __future__ import annotations

from openpes.matching._explain import explain_suggestion, explain_training
from openpes.matching._index import AsOf, MatchIndex
from openpes.matching._index_store import StoredIndex, load_index, save_index
from openpes.matching._parity import equally_qualified, parity_report
from openpes.matching._schema import (
    JOBSEEKER_SCHEMA,
    TRAINING_SCHEMA,
    VACANCY_SCHEMA,
    Column,
    read_table,
    validate,
)
from openpes.matching._score import CONSTRAINTS, MatchResult
from openpes.matching._spark import suggest_spark
from openpes.matching._trainings import cover_gaps, suggest_trainings
from openpes.matching._weights import OCCUPATION_LEVELS, MatchWeights

__all__ = [
    "CONSTRAINTS",
    "JOBSEEKER_SCHEMA",
    "OCCUPATION_LEVELS",
    "TRAINING_SCHEMA",
    "VACANCY_SCHEMA",
    "AsOf",
    "Column",
    "MatchIndex",
    "MatchResult",
    "MatchWeights",
    "StoredIndex",
    "cover_gaps",
    "equally_qualified",
    "explain_suggestion",
    "explain_training",
    "load_index",
    "parity_report",
    "read_table",
    "save_index",
    "suggest_spark",
    "suggest_trainings",
    "validate",
]
