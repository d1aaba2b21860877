"""The register of a PES's AI systems, and the documents made from it.

A :class:`Record` says what one AI system is for, who answers for it and, through its
:class:`LiveFacts`, what is true of it now. Exporters turn a record into the Dutch
Algoritmeregister's publication standard 1.0 (:func:`to_nl_algoritmeregister`, checked by
:func:`validate_nl_algoritmeregister`, CSV by :func:`nl_csv`), the UK ATRS v3.0
(:func:`to_atrs`, :func:`atrs_document`) and the EU AI Act's Annex VIII Section C
(:func:`to_annex_viii`). :func:`annex_iv` gathers the technical documentation (Annex IV),
and :class:`Fria` is the fundamental-rights impact assessment (Art. 27).
:func:`public_record` is a record as anyone outside the oversight role may see it: no group
or rate over fewer than :data:`MIN_PUBLIC` people. See ``docs/register.md``.

Examples
--------
>>> from openpes.register import Record, to_nl_algoritmeregister
>>> record = Record("m", {"en": "Matching"}, {"en": "Suggests vacancies"},
...                 organisation="PES", contact_email="ai@pes.example")
>>> to_nl_algoritmeregister(record)["status"]
'In gebruik'
"""

from openpes.register._annex_iv import (
    AnnexIV,
    AnnexIVFormat,
    Evidence,
    annex_iv,
    annex_iv_document,
    annex_iv_export,
)
from openpes.register._annex_viii import ANNEX_VIII_ITEMS, to_annex_viii
from openpes.register._atrs import atrs_document, to_atrs, validate_atrs
from openpes.register._course import (
    Course,
    CourseSection,
    Question,
    course_score,
    literacy_course,
    oversight_course,
)
from openpes.register._fria import (
    ELEMENTS,
    Fria,
    FriaFormat,
    FriaRisk,
    Priority,
    fria_document,
    fria_export,
    fria_summary,
    risk_priority,
)
from openpes.register._fria_reasons import fria_reason_text
from openpes.register._live import live_lines
from openpes.register._nl import NL_LANGUAGE, nl_csv, to_nl_algoritmeregister
from openpes.register._public import MIN_PUBLIC, public_live, public_record
from openpes.register._record import (
    THEMES,
    DataCategory,
    GroupPerformance,
    Link,
    LiveFacts,
    MonitorVerdict,
    PublicationCategory,
    Record,
    Risk,
    Status,
    Text,
    Theme,
    localised,
)
from openpes.register._standard import AtrsField, NlField, atrs_fields, nl_fields
from openpes.register._storage import record_from_dict, record_to_dict
from openpes.register._validate import validate_nl_algoritmeregister

__all__ = [
    "ANNEX_VIII_ITEMS",
    "ELEMENTS",
    "MIN_PUBLIC",
    "NL_LANGUAGE",
    "THEMES",
    "AnnexIV",
    "AnnexIVFormat",
    "AtrsField",
    "Course",
    "CourseSection",
    "DataCategory",
    "Evidence",
    "Fria",
    "FriaFormat",
    "FriaRisk",
    "GroupPerformance",
    "Link",
    "LiveFacts",
    "MonitorVerdict",
    "NlField",
    "Priority",
    "PublicationCategory",
    "Question",
    "Record",
    "Risk",
    "Status",
    "Text",
    "Theme",
    "annex_iv",
    "annex_iv_document",
    "annex_iv_export",
    "atrs_document",
    "atrs_fields",
    "course_score",
    "fria_document",
    "fria_export",
    "fria_reason_text",
    "fria_summary",
    "literacy_course",
    "live_lines",
    "localised",
    "nl_csv",
    "nl_fields",
    "oversight_course",
    "public_live",
    "public_record",
    "record_from_dict",
    "record_to_dict",
    "risk_priority",
    "to_annex_viii",
    "to_atrs",
    "to_nl_algoritmeregister",
    "validate_atrs",
    "validate_nl_algoritmeregister",
]
