"""Everything stored about one job seeker, for their right of access (GDPR Art. 15).

``subject_access_data`` is the raw record (the JSON download); ``subject_access_sections``
labels it in the reader's language for the page and the HTML download. Both include the
model inputs (health limitation, care duties, days unemployed), the protected attributes kept
for fairness monitoring, the home location as stored, suggestions shown, assessments and
decisions with their reasons, reviews, notes, the plan, and who read or changed the record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from openpes.i18n import LocalisedText
from openpes.web.accounts.enums import Role
from openpes.web.caseload.enums import Contract, Hours, Origin, Sex, SkillSource
from openpes.web.caseload.models import JobSeeker, ProtectedAttributes
from openpes.web.caseload.taxonomy import label_of
from openpes.web.casework.access_kinds import ACCESS_KINDS
from openpes.web.casework.enums import InternalReason, NoteKind, StepOwner
from openpes.web.casework.models import Appointment, CaseNote, PlanGoal
from openpes.web.counselling.enums import (
    NeedBand,
    ReviewLevel,
    ReviewOutcome,
    ReviewStatus,
    Verdict,
)
from openpes.web.counselling.models import (
    ReviewRequest,
    SuggestionDecision,
    SuggestionSet,
    SupportAssessment,
)
from openpes.web.trail.enums import Action
from openpes.web.trail.models import AuditEvent

#: The newest shown suggestion sets included; older ones stay in the database and the trail.
MAX_SETS = 20

RECORD_FIELDS = (
    "reference",
    "first_name",
    "last_name",
    "region",
    "lat",
    "lon",
    "registered_on",
    "isced",
    "languages",
    "driving_licence",
    "care_duties",
    "health_limitation",
    "previous_spells",
    "previous_unemployment_days",
    "region_unemployment_rate",
    "max_distance_km",
    "preferred_hours",
    "preferred_contract",
)


def subject_access_data(*, jobseeker: JobSeeker) -> dict[str, Any]:
    record = {name: getattr(jobseeker, name) for name in RECORD_FIELDS}
    record["preferred_occupations"] = [
        {"uri": uri, "label": label_of(uri)} for uri in jobseeker.preferred_occupations
    ]
    protected = ProtectedAttributes.objects.filter(jobseeker=jobseeker).first()
    notes = list(CaseNote.objects.filter(jobseeker=jobseeker))
    subject = f"jobseeker:{jobseeker.reference}"
    return {
        "record": record,
        "skills": [
            {"uri": s.skill_uri, "label": label_of(s.skill_uri), "source": s.source}
            for s in jobseeker.skills.all()
        ],
        "work_history": [
            {"uri": e.occupation_uri, "label": label_of(e.occupation_uri), "years": e.years}
            for e in jobseeker.experience.all()
        ],
        "protected_attributes": None
        if protected is None
        else {
            "sex": protected.sex,
            "age": protected.age,
            "origin": protected.origin,
            "disability": protected.disability,
        },
        "assessments": [
            {
                "started_at": a.started_at,
                "counsellor_band": a.counsellor_band,
                "model_band": a.model_band,
                "model_probability": a.model_probability,
                "model_version": a.model_version,
                "final_band": a.final_band,
                "reason": a.reason,
                "decided_at": a.decided_at,
            }
            for a in SupportAssessment.objects.filter(jobseeker=jobseeker)
        ],
        "suggestions_shown": [
            {
                "shown_at": s.shown_at,
                "page": s.page,
                "index_version": s.index_version,
                "items": [
                    {"vacancy": i.item_id, "label": i.label, "rank": i.rank, "score": i.score}
                    for i in s.items.all()
                ],
            }
            for s in SuggestionSet.objects.filter(jobseeker=jobseeker).prefetch_related("items")[
                :MAX_SETS
            ]
        ],
        "decisions": [
            {
                "vacancy": d.item_id,
                "rank": d.rank,
                "score": d.score,
                "verdict": d.verdict,
                "reason": d.reason,
                "adaptation": d.adaptation,
                "decided_at": d.decided_at,
            }
            for d in SuggestionDecision.objects.filter(jobseeker=jobseeker)
        ],
        "reviews": [
            {
                "asked_at": r.created_at,
                "about": r.item_label or r.topic,
                "message": r.message,
                "status": r.status,
                "answers": [
                    {
                        "level": a.level,
                        "outcome": a.outcome,
                        "explanation": a.explanation,
                        "would_change": a.would_change,
                        "answered_at": a.answered_at,
                    }
                    for a in r.answers.all()
                ],
            }
            for r in ReviewRequest.objects.filter(jobseeker=jobseeker).prefetch_related("answers")
        ],
        "notes": [
            {"date": n.occurred_on, "kind": n.kind, "text": n.text} for n in notes if not n.internal
        ],
        # Internal notes are withheld under the documented rule; that they exist is not.
        "notes_withheld": [
            {"date": n.occurred_on, "reason": n.internal_reason} for n in notes if n.internal
        ],
        "appointments": [
            {"starts_at": a.starts_at, "kind": a.kind, "purpose": a.purpose}
            for a in Appointment.objects.filter(jobseeker=jobseeker)
        ],
        "plan": [
            {
                "goal": g.title,
                "steps": [
                    {
                        "step": s.title,
                        "owner": s.owner,
                        "due_on": s.due_on,
                        "done_at": s.done_at,
                    }
                    for s in g.steps.all()
                ],
            }
            for g in PlanGoal.objects.filter(jobseeker=jobseeker).prefetch_related("steps")
        ],
        "access_log": [
            {
                "at": e.occurred_at,
                "who": e.actor,
                "role": e.role,
                "action": e.action,
                "kind": e.details.get("kind", e.details.get("page", "")),
            }
            for e in AuditEvent.objects.filter(subject=subject).order_by("-position")
        ],
    }


#: The page is for the person, the JSON download for machines: each key of a stored item
#: is named in the reader's language, and each stored code by its label.
_KEYS = {
    "started_at": gettext_lazy("Started"),
    "counsellor_band": gettext_lazy("Your counsellor's own view"),
    "model_band": gettext_lazy("The model's estimate"),
    "model_probability": gettext_lazy("The model's probability"),
    "model_version": gettext_lazy("Model version"),
    "final_band": gettext_lazy("Decided support needs"),
    "reason": gettext_lazy("Reason"),
    "decided_at": gettext_lazy("Decided on"),
    "vacancy": gettext_lazy("Vacancy"),
    "rank": gettext_lazy("Rank"),
    "score": gettext_lazy("Score"),
    "verdict": gettext_lazy("Decision"),
    "adaptation": gettext_lazy("What was adapted"),
    "asked_at": gettext_lazy("Asked on"),
    "about": gettext_lazy("About"),
    "message": gettext_lazy("Your message"),
    "status": gettext_lazy("Status"),
    "answers": gettext_lazy("Answers"),
    "level": gettext_lazy("Answered by"),
    "outcome": gettext_lazy("Outcome"),
    "explanation": gettext_lazy("What was considered"),
    "would_change": gettext_lazy("What would have changed the result"),
    "answered_at": gettext_lazy("Answered on"),
    "date": gettext_lazy("Date"),
    "kind": gettext_lazy("Type"),
    "text": gettext_lazy("Text"),
    "starts_at": gettext_lazy("Starts"),
    "purpose": gettext_lazy("Purpose"),
    "goal": gettext_lazy("Goal"),
    "steps": gettext_lazy("Steps"),
    "step": gettext_lazy("Step"),
    "owner": gettext_lazy("Who does it"),
    "due_on": gettext_lazy("Due by"),
    "done_at": gettext_lazy("Done on"),
    "at": gettext_lazy("When"),
    "who": gettext_lazy("Who"),
    "role": gettext_lazy("Role"),
    "action": gettext_lazy("What happened"),
    "sex": gettext_lazy("Sex"),
    "age": gettext_lazy("Age"),
    "origin": gettext_lazy("Origin"),
    "disability": gettext_lazy("Disability"),
}

_BANDS = dict(NeedBand.choices)
#: Per part of the record, the keys that hold a code, with the labels of their codes. A code
#: not listed (an action a later app adds) is shown as stored.
_CODES: dict[str, dict[str, dict[str, Any]]] = {
    "record": {
        "preferred_hours": dict(Hours.choices),
        "preferred_contract": dict(Contract.choices),
    },
    "skills": {"source": dict(SkillSource.choices)},
    "protected_attributes": {"sex": dict(Sex.choices), "origin": dict(Origin.choices)},
    "assessments": {"counsellor_band": _BANDS, "model_band": _BANDS, "final_band": _BANDS},
    "decisions": {"verdict": dict(Verdict.choices)},
    "reviews": {
        "status": dict(ReviewStatus.choices),
        "level": dict(ReviewLevel.choices),
        "outcome": dict(ReviewOutcome.choices),
    },
    "notes": {"kind": dict(NoteKind.choices)},
    "notes_withheld": {"reason": dict(InternalReason.choices)},
    "appointments": {"kind": dict(NoteKind.choices)},
    "plan": {"owner": dict(StepOwner.choices)},
    "access_log": {
        "role": dict(Role.choices),
        "action": dict(Action.choices),
        "kind": ACCESS_KINDS,
    },
}


def _value(value: Any, codes: dict[str, dict[str, Any]] | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_value(v, codes) for v in value) or "—"
    if isinstance(value, dict):
        return _joined([_entry(k, v, codes) for k, v in value.items()])
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        # Stored in UTC; read in the service's time zone, as every other page shows it.
        value = timezone.localtime(value)
    return formats.localize(value, use_l10n=True) if not isinstance(value, str) else value


def _coded(key: str, value: Any, codes: dict[str, dict[str, Any]] | None) -> Any:
    labels = (codes or {}).get(key)
    if labels is None or not isinstance(value, str):
        return value
    return str(labels.get(value, value))


def _entry(key: str, value: Any, codes: dict[str, dict[str, Any]] | None) -> str:
    # The separators are the language's own: French writes a space before ":" and ";".
    return _("%(label)s: %(value)s") % {
        "label": _KEYS.get(key, key),
        "value": _value(_coded(key, value, codes), codes),
    }


def _joined(entries: list[str]) -> str:
    if not entries:
        return ""
    text = entries[0]
    for entry in entries[1:]:
        text = _("%(earlier)s; %(later)s") % {"earlier": text, "later": entry}
    return text


def subject_access_sections(data: dict[str, Any]) -> list[tuple[str, str, list[list[str]]]]:
    """(title, explanation, rows) per part of the record, labelled in the current language."""
    labels = {
        "reference": _("Reference"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "region": _("Region"),
        "lat": _("Home location as stored: latitude"),
        "lon": _("Home location as stored: longitude"),
        "registered_on": _("Registered on"),
        "isced": _("Education (ISCED level)"),
        "languages": _("Languages"),
        "driving_licence": _("Driving licence"),
        "care_duties": _("Care duties"),
        "health_limitation": _("Health limitation"),
        "previous_spells": _("Earlier unemployment spells"),
        "previous_unemployment_days": _("Earlier days unemployed"),
        "region_unemployment_rate": _("Unemployment rate in the region"),
        "max_distance_km": _("Maximum travel distance (km)"),
        "preferred_hours": _("Working hours"),
        "preferred_contract": _("Contract"),
        "preferred_occupations": _("Wished-for occupations"),
    }
    record = data["record"]
    shown = {k: _coded(k, v, _CODES["record"]) for k, v in record.items()}
    # A rate reads as a percentage (5.8 %), not as a fraction (0.058), in the reader's language.
    rate = record["region_unemployment_rate"]
    shown["region_unemployment_rate"] = (
        None
        if rate is None
        else LocalisedText("openpes.profiling", get_language() or "en").percent(rate, 1)
    )
    rows = [[str(labels[k]), _value(v)] for k, v in shown.items() if k != "preferred_occupations"]
    rows.append(
        [
            str(labels["preferred_occupations"]),
            _value([o["label"] for o in record["preferred_occupations"]]),
        ]
    )
    sections = [
        (
            _("Your record"),
            _("Every field below is an input of the suggestions or of the support-needs model."),
            rows,
        ),
        (
            _("Skills"),
            "",
            [[s["label"], _coded("source", s["source"], _CODES["skills"])] for s in data["skills"]],
        ),
        (
            _("Work history"),
            "",
            [[w["label"], _value(w["years"])] for w in data["work_history"]],
        ),
    ]
    protected = data["protected_attributes"]
    sections.append(
        (
            _("Protected attributes"),
            _(
                "Stored only to check that the service treats groups fairly. They are never "
                "used to make suggestions about you, and counsellors do not see them."
            ),
            [
                [str(_KEYS[k]), _value(_coded(k, v, _CODES["protected_attributes"]))]
                for k, v in (protected or {}).items()
            ],
        )
    )
    for key, title in (
        ("assessments", _("Support-needs assessments")),
        ("decisions", _("Decisions on suggestions")),
        ("reviews", _("Your review requests")),
        ("notes", _("Notes")),
        ("notes_withheld", _("Notes withheld from you")),
        ("appointments", _("Appointments")),
        ("plan", _("Action plan")),
        ("access_log", _("Who read or changed your record")),
    ):
        items, codes = data[key], _CODES[key]
        sections.append(
            (
                title,
                "",
                [
                    [
                        _value(list(item.values())[0]),
                        _value(dict(list(item.items())[1:]), codes),
                    ]
                    for item in items
                ],
            )
        )
    shown = data["suggestions_shown"]
    sections.append(
        (
            _("Suggestions shown"),
            _("The newest lists of suggestions shown to you or your counsellor."),
            [
                [_value(s["shown_at"]), _joined([f"{i['rank']}. {i['label']}" for i in s["items"]])]
                for s in shown
            ],
        )
    )
    return sections
