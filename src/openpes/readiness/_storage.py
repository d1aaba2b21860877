"""Saving and reloading assessments as JSON, migrating answers from older framework versions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpes.errors import InputError
from openpes.files import decode_text, write_atomic
from openpes.i18n import messages
from openpes.readiness._assessment import (
    DONT_KNOW,
    Answer,
    Assessment,
    Respondent,
    validate_assessment,
)
from openpes.readiness._framework import Framework, load_framework, localise
from openpes.readiness._labels import gettext
from openpes.readiness._scoring import Result

_ = messages("openpes.readiness")

__all__ = ["FORMAT", "export_json", "from_json", "load_json", "template", "to_json"]

FORMAT = "openpes.readiness.assessment"
FORMAT_VERSION = 1
DONT_KNOW_JSON = "dont_know"


def _assessment_dict(assessment: Assessment) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "framework": {"id": assessment.framework_id, "version": assessment.framework_version},
        "organisation": {
            "name": assessment.organisation,
            "region": assessment.region,
            "size_band": assessment.size_band,
            "share_scores": assessment.share,
        },
        "date": assessment.date,
        "context": dict(assessment.context),
        "respondents": [
            {
                "id": r.id,
                "group": r.group,
                "answers": {
                    q: (DONT_KNOW_JSON if level is DONT_KNOW else level)
                    for q, level in r.answers.items()
                },
            }
            for r in assessment.respondents
        ],
    }


def _result_dict(result: Result) -> dict[str, Any]:
    return {
        "score": result.score,
        "low": result.low,
        "high": result.high,
        "level": result.level,
        "level_low": result.level_low,
        "level_high": result.level_high,
        "uncapped_level": result.uncapped_level,
        "gates": [
            {"gate": g.gate_id, "question": g.question_id, "level": g.level, "cap": g.cap}
            for g in result.gates
        ],
        "dimensions": [
            {
                "dimension": d.dimension_id,
                "score": d.score,
                "low": d.low,
                "high": d.high,
                "unknown": d.unknown,
            }
            for d in result.dimensions
        ],
        "by_group": {
            g: [
                {"dimension": d.dimension_id, "score": d.score, "low": d.low, "high": d.high}
                for d in dims
            ]
            for g, dims in result.by_group.items()
        },
        "disagreements": [
            {
                "question": d.question_id,
                "levels": dict(d.levels),
                "spread": d.spread,
                "leadership_front_line": d.leadership_front_line,
            }
            for d in result.disagreements
        ],
        "risk": {
            "points": result.risk.points,
            "tier": result.risk.tier,
            "required_level": result.risk.required_level,
            "required_dimensions": dict(result.risk.required_dimensions),
            "unanswered": list(result.risk.unanswered),
            "shortfalls": list(result.risk.shortfalls),
            "meets": result.risk.meets,
        },
    }


def to_json(item: Assessment | Result) -> str:
    """Serialise an assessment, or a result with its assessment, to JSON text.

    A result's JSON carries the answers too, so it can be reloaded with :func:`load_json`
    and scored again; the stored scores are for reading, not trusted on reload.

    Examples
    --------
    >>> from openpes.readiness import Assessment, Respondent
    >>> answers = {"legal.basis": None}
    >>> one = Assessment("PES of Examplia (fictional)", (Respondent("r1", "leadership", answers),))
    >>> text = to_json(one)
    >>> '"legal.basis": "dont_know"' in text
    True
    """
    if isinstance(item, Result):
        if item.assessment is None:
            raise InputError(_("this result has no assessment attached; score() attaches it"))
        data = _assessment_dict(item.assessment) | {"result": _result_dict(item)}
    else:
        data = _assessment_dict(item)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_json(item: Assessment | Result, path: str | Path) -> None:
    """Write :func:`to_json` to ``path`` atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from openpes.readiness import Assessment, Respondent
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "answers.json"
    >>> one = Assessment("PES of Examplia (fictional)", (Respondent("r1", "leadership"),))
    >>> export_json(one, path)
    >>> load_json(path).organisation
    'PES of Examplia (fictional)'
    """
    write_atomic(path, to_json(item))


def load_json(path: str | Path, *, framework: Framework | None = None) -> Assessment:
    """Read an assessment saved by :func:`export_json` (or a filled-in template).

    Answers saved against an older framework version are migrated with the migration the
    framework declares for that version (renamed and removed questions, renamed respondent
    groups, re-mapped levels).

    Raises
    ------
    InputError
        If the file is unreadable, not an assessment, for another framework, or from a
        version with no declared migration.

    Examples
    --------
    >>> load_json("missing.json")
    Traceback (most recent call last):
    ...
    openpes.errors.InputError: file missing.json: cannot read the file (No such file or directory)
    """
    try:
        # UTF-8, with or without a byte order mark, or UTF-16 as some editors save it.
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(
            _("cannot read the file ({reason})").format(reason=exc.strerror), file=str(path)
        ) from exc
    return from_json(decode_text(data, file=str(path)), framework=framework, file=str(path))


def _is_iso_date(value: object) -> bool:
    try:
        dt.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and len(value) == 10


def from_json(
    text: str, *, framework: Framework | None = None, file: str | None = None
) -> Assessment:
    """Parse assessment JSON text; see :func:`load_json`.

    Examples
    --------
    >>> from_json("[]")
    Traceback (most recent call last):
    ...
    openpes.errors.InputError: expected a JSON object with "format": "openpes.readiness.assessment"
    """
    framework = framework or load_framework()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            _("not valid JSON: {reason} at line {line}").format(reason=exc.msg, line=exc.lineno),
            file=file,
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            _('expected a JSON object with "format": "{format}"').format(format=FORMAT), file=file
        )
    version_number = data.get("format_version", FORMAT_VERSION)
    if version_number != FORMAT_VERSION or isinstance(version_number, bool):
        raise InputError(
            _(
                "format_version {value} cannot be read: this OpenPES reads format_version {known}"
            ).format(value=repr(version_number), known=FORMAT_VERSION),
            file=file,
            column="format_version",
        )
    when = data.get("date")
    if when is not None and not _is_iso_date(when):
        raise InputError(
            _("a date as YYYY-MM-DD (or null) was expected, got {value}").format(value=repr(when)),
            file=file,
            column="date",
        )
    try:
        fw_id = str(data["framework"]["id"])
        version = str(data["framework"]["version"])
        organisation = data["organisation"]
        respondents = data["respondents"]
        if not isinstance(respondents, list) or not isinstance(organisation, dict):
            raise TypeError
    except (KeyError, TypeError):
        raise InputError(
            _(
                'expected "framework": {"id", "version"}, "organisation": {...} and "respondents": [...]'  # noqa: E501
            ),
            file=file,
        ) from None
    if fw_id != framework.id:
        raise InputError(
            _("answers are for framework {id}, not {expected}").format(
                id=repr(fw_id), expected=repr(framework.id)
            ),
            file=file,
        )
    parsed = []
    for row, item in enumerate(respondents):
        if not isinstance(item, dict) or not isinstance(item.get("answers", {}), dict):
            raise InputError(_('expected {"id", "group", "answers": {...}}'), file=file, row=row)
        answers: dict[str, Answer] = {}
        for question, value in item.get("answers", {}).items():
            if value == DONT_KNOW_JSON:
                answers[question] = DONT_KNOW
            elif value is None:
                continue  # left blank in the template: unanswered
            elif isinstance(value, int) and not isinstance(value, bool):
                answers[question] = value
            else:
                raise InputError(
                    _('expected a level 0-4, "{dont_know}" or null, got {value}').format(
                        dont_know=DONT_KNOW_JSON, value=repr(value)
                    ),
                    file=file,
                    row=row,
                    column=question,
                )
        parsed.append(
            Respondent(str(item.get("id", f"r{row + 1}")), str(item.get("group", "")), answers)
        )
    if version != framework.version:
        parsed = _migrate(parsed, version, framework, file=file)
    context = data.get("context") or {}
    if not isinstance(context, dict):
        raise InputError(_('expected "context" to map risk questions to options'), file=file)
    assessment = Assessment(
        organisation=str(organisation.get("name", "")),
        respondents=tuple(parsed),
        context={str(k): str(v) for k, v in context.items() if v is not None},
        framework_id=framework.id,
        framework_version=framework.version,
        region=organisation.get("region"),
        size_band=organisation.get("size_band"),
        share=bool(organisation.get("share_scores", False)),
        date=data.get("date"),
    )
    try:
        validate_assessment(assessment, framework)
    except InputError as exc:
        raise InputError(exc.reason, file=file, column=exc.column, row=exc.row) from None
    return assessment


def _migrate(
    respondents: list[Respondent], version: str, framework: Framework, *, file: str | None
) -> list[Respondent]:
    migration = next((m for m in framework.migrations if m.from_version == version), None)
    if migration is None:
        known = ", ".join(m.from_version for m in framework.migrations) or _("none")
        raise InputError(
            _(
                "answers are for version {version} of {id}; this is version {current}"
                " and it migrates from: {known}"
            ).format(version=version, id=framework.id, current=framework.version, known=known),
            file=file,
        )
    migrated = []
    for row, r in enumerate(respondents):
        answers: dict[str, Answer] = {}
        for question, level in r.answers.items():
            if question in migration.remove_questions:
                continue
            if level is not None and question in migration.level_maps:
                mapping = migration.level_maps[question]
                if not 0 <= level < len(mapping):
                    raise InputError(
                        _("expected a level 0-{max} in version {version}, got {level}").format(
                            max=len(mapping) - 1, version=version, level=level
                        ),
                        file=file,
                        row=row,
                        column=question,
                    )
                level = mapping[level]
            answers[migration.rename_questions.get(question, question)] = level
        migrated.append(Respondent(r.id, migration.rename_groups.get(r.group, r.group), answers))
    return migrated


def template(
    *,
    framework: Framework | None = None,
    organisation: str = "",
    groups: tuple[str, ...] = ("leadership", "front_line", "it_data", "data_protection"),
    language: str = "en",
) -> str:
    """An answers file to fill in: one respondent per group, every answer blank (null).

    The ``guide`` section repeats each question and its evidence levels in ``language``;
    it is ignored on reload.

    Examples
    --------
    >>> text = template(language="fr")
    >>> from_json(text).respondents[0].group
    'leadership'
    """
    framework = framework or load_framework()
    _ = gettext(language)
    blank: Mapping[str, None] = {q.id: None for q in framework.questions}
    data = _assessment_dict(
        Assessment(organisation, (), framework_id=framework.id, framework_version=framework.version)
    )
    data["respondents"] = [
        {"id": f"r{i + 1}", "group": g, "answers": dict(blank)} for i, g in enumerate(groups)
    ]
    data["context"] = {q.id: None for q in framework.risk_questions}
    data["guide"] = {
        "answers": _('0 to 4: evidence level; "dont_know": don\'t know; null: not answered'),
        "groups": {g.id: localise(g.label, language) for g in framework.respondent_groups},
        "questions": {
            q.id: {
                "question": localise(q.text, language),
                "levels": {str(i): localise(t, language) for i, t in enumerate(q.levels)},
            }
            for q in framework.questions
        },
        "context": {
            q.id: {
                "question": localise(q.text, language),
                "options": {o.id: localise(o.text, language) for o in q.options},
            }
            for q in framework.risk_questions
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
