"""The readiness framework: a versioned data file of dimensions, questions, actions and rules."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, cast

import jsonschema
import yaml

from openpes.errors import InputError
from openpes.files import decode_text
from openpes.i18n import Message, messages, normalise_language

_ = messages("openpes.readiness")

__all__ = [
    "DEFAULT_FRAMEWORK",
    "Action",
    "Dimension",
    "Effort",
    "Framework",
    "Gate",
    "Horizon",
    "Migration",
    "Question",
    "RespondentGroup",
    "RiskOption",
    "RiskQuestion",
    "RiskTier",
    "load_framework",
    "localise",
]

Effort = Literal["S", "M", "L"]
Horizon = Literal["0-6", "6-18", "18-36"]
HORIZONS: tuple[Horizon, ...] = ("0-6", "6-18", "18-36")
#: The lowest and highest evidence level of every question.
MAX_LEVEL = 4
DEFAULT_FRAMEWORK = "pes-ai-readiness-1.0.yaml"


def localise(text: Mapping[str, str], language: str) -> str:
    """Return a framework text in ``language``, falling back to English.

    Examples
    --------
    >>> localise({"en": "Yes", "fr": "Oui"}, "fr")
    'Oui'
    """
    return text.get(normalise_language(language)) or text["en"]


@dataclass(frozen=True)
class Action:
    """A recommended action that lifts one question to ``target``."""

    id: str
    question_id: str
    target: int
    effort: Effort
    horizon: Horizon
    depends_on: tuple[str, ...]
    text: Mapping[str, str] = field(repr=False)


@dataclass(frozen=True)
class Question:
    """A weighted question whose five levels (0-4) are described by observable evidence."""

    id: str
    dimension_id: str
    weight: float
    text: Mapping[str, str] = field(repr=False)
    levels: tuple[Mapping[str, str], ...] = field(repr=False)
    actions: tuple[Action, ...] = field(repr=False)


@dataclass(frozen=True)
class Dimension:
    """A weighted group of questions, scored 0-100."""

    id: str
    weight: float
    title: Mapping[str, str] = field(repr=False)
    anchors: tuple[str, ...]
    questions: tuple[Question, ...] = field(repr=False)


@dataclass(frozen=True)
class Gate:
    """A rule capping the overall level when a question is below a level."""

    id: str
    question_id: str
    below: float
    cap: int
    text: Mapping[str, str] = field(repr=False)


@dataclass(frozen=True)
class RespondentGroup:
    """A kind of respondent: leadership, front line, IT, data protection, ..."""

    id: str
    label: Mapping[str, str] = field(repr=False)


@dataclass(frozen=True)
class RiskOption:
    """One answer to a risk question, with its risk points."""

    id: str
    points: int
    text: Mapping[str, str] = field(repr=False)


@dataclass(frozen=True)
class RiskQuestion:
    """A question about the planned AI use; its answer adds risk points."""

    id: str
    text: Mapping[str, str] = field(repr=False)
    options: tuple[RiskOption, ...]

    @property
    def max_points(self) -> int:
        """The points of the riskiest option."""
        return max(option.points for option in self.options)


@dataclass(frozen=True)
class RiskTier:
    """A risk tier and the maturity it requires."""

    tier: int
    min_points: int
    required_level: int
    required_dimensions: Mapping[str, float]
    text: Mapping[str, str] = field(repr=False)


@dataclass(frozen=True)
class Migration:
    """How to read answers saved against an older version of the framework."""

    from_version: str
    rename_questions: Mapping[str, str]
    remove_questions: tuple[str, ...]
    rename_groups: Mapping[str, str]
    level_maps: Mapping[str, tuple[int, ...]]


@dataclass(frozen=True)
class Framework:
    """A loaded, validated readiness framework."""

    id: str
    version: str
    title: Mapping[str, str] = field(repr=False)
    description: Mapping[str, str] = field(repr=False)
    maturity_thresholds: tuple[float, ...] = field(repr=False)
    respondent_groups: tuple[RespondentGroup, ...] = field(repr=False)
    dimensions: tuple[Dimension, ...] = field(repr=False)
    gates: tuple[Gate, ...] = field(repr=False)
    risk_questions: tuple[RiskQuestion, ...] = field(repr=False)
    risk_tiers: tuple[RiskTier, ...] = field(repr=False)
    migrations: tuple[Migration, ...] = field(repr=False)
    source: str = field(default="", repr=False, compare=False)

    # A framework never changes once loaded, so its derived views are computed once.
    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in framework order."""
        return tuple(q for d in self.dimensions for q in d.questions)

    @cached_property
    def actions(self) -> tuple[Action, ...]:
        """Every action, in framework order."""
        return tuple(a for q in self.questions for a in q.actions)

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {
            "question": _index(self.questions),
            "dimension": _index(self.dimensions),
            "action": _index(self.actions),
            "group": _index(self.respondent_groups),
            "risk": _index(self.risk_questions),
        }

    def question(self, question_id: str) -> Question:
        """Return one question by id."""
        return cast(Question, self._by_id["question"][question_id])

    def dimension(self, dimension_id: str) -> Dimension:
        """Return one dimension by id."""
        return cast(Dimension, self._by_id["dimension"][dimension_id])

    def action(self, action_id: str) -> Action:
        """Return one action by id."""
        return cast(Action, self._by_id["action"][action_id])

    def group(self, group_id: str) -> RespondentGroup:
        """Return one respondent group by id."""
        return cast(RespondentGroup, self._by_id["group"][group_id])

    def risk_question(self, question_id: str) -> RiskQuestion:
        """Return one risk question by id."""
        return cast(RiskQuestion, self._by_id["risk"][question_id])


def _index(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.id: item for item in items}


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    text = (files("openpes.readiness") / "frameworks" / "framework.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


def load_framework(path: str | Path | None = None) -> Framework:
    """Load and validate a readiness framework file (YAML or JSON).

    Parameters
    ----------
    path:
        A framework file following ``frameworks/framework.schema.json``. ``None`` loads the
        framework shipped with OpenPES.

    Returns
    -------
    Framework
        The validated framework.

    Raises
    ------
    InputError
        If the file is missing, unreadable, or breaks the schema or a consistency rule
        (unknown ids, dependency cycles, a question without an action up to level 4).

    Examples
    --------
    >>> fw = load_framework()
    >>> fw.id, len(fw.dimensions) >= 9
    ('pes-ai-readiness', True)
    """
    if path is None:
        return _load_default()
    return _load_path(str(Path(path)))


@lru_cache(maxsize=1)
def _load_default() -> Framework:
    resource = files("openpes.readiness") / "frameworks" / DEFAULT_FRAMEWORK
    return _parse(resource.read_text("utf-8"), source=DEFAULT_FRAMEWORK)


@lru_cache(maxsize=8)
def _load_path(path: str) -> Framework:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(
            _("cannot read the framework file ({reason})").format(reason=exc.strerror), file=path
        ) from exc
    return _parse(decode_text(data, file=path), source=path)


def _parse(text: str, *, source: str) -> Framework:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(
            _("not valid YAML or JSON: {reason}").format(reason=str(exc)), file=source
        ) from exc
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise InputError(
            _("does not follow the framework schema at {path}: {reason}").format(
                path=first.json_path, reason=first.message
            ),
            file=source,
        )
    if sorted(m["level"] for m in data["maturity_levels"]) != [1, 2, 3, 4, 5]:
        raise InputError(_("maturity_levels must list each level 1 to 5 once"), file=source)
    framework = _build(data, source=source)
    _check_consistency(framework, source=source)
    return framework


def _build(data: dict[str, Any], *, source: str) -> Framework:
    dimensions = []
    for dim in data["dimensions"]:
        questions = []
        for q in dim["questions"]:
            actions = tuple(
                Action(
                    id=a["id"],
                    question_id=q["id"],
                    target=int(a["target"]),
                    effort=a["effort"],
                    horizon=a["horizon"],
                    depends_on=tuple(a.get("depends_on", ())),
                    text=a["text"],
                )
                for a in sorted(q["actions"], key=lambda a: a["target"])
            )
            questions.append(
                Question(
                    id=q["id"],
                    dimension_id=dim["id"],
                    weight=float(q["weight"]),
                    text=q["text"],
                    levels=tuple(q["levels"]),
                    actions=actions,
                )
            )
        dimensions.append(
            Dimension(
                id=dim["id"],
                weight=float(dim["weight"]),
                title=dim["title"],
                anchors=tuple(dim.get("anchors", ())),
                questions=tuple(questions),
            )
        )
    levels = sorted(data["maturity_levels"], key=lambda m: m["level"])
    return Framework(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", data["title"]),
        maturity_thresholds=tuple(float(m["min_score"]) for m in levels),
        respondent_groups=tuple(
            RespondentGroup(id=g["id"], label=g["label"]) for g in data["respondent_groups"]
        ),
        dimensions=tuple(dimensions),
        gates=tuple(
            Gate(
                id=g["id"],
                question_id=g["question"],
                below=float(g["below"]),
                cap=int(g["cap"]),
                text=g["text"],
            )
            for g in data["gates"]
        ),
        risk_questions=tuple(
            RiskQuestion(
                id=q["id"],
                text=q["text"],
                options=tuple(
                    RiskOption(id=str(o["id"]), points=int(o["points"]), text=o["text"])
                    for o in q["options"]
                ),
            )
            for q in data["risk"]["questions"]
        ),
        risk_tiers=tuple(
            RiskTier(
                tier=int(t["tier"]),
                min_points=int(t["min_points"]),
                required_level=int(t["required_level"]),
                required_dimensions=dict(t.get("required_dimensions", {})),
                text=t["text"],
            )
            for t in sorted(data["risk"]["tiers"], key=lambda t: t["min_points"])
        ),
        migrations=tuple(
            Migration(
                from_version=m["from_version"],
                rename_questions=dict(m.get("rename_questions", {})),
                remove_questions=tuple(m.get("remove_questions", ())),
                rename_groups=dict(m.get("rename_groups", {})),
                level_maps={k: tuple(v) for k, v in m.get("level_maps", {}).items()},
            )
            for m in data.get("migrations", ())
        ),
        source=source,
    )


def _check_consistency(fw: Framework, *, source: str) -> None:
    def fail(message: Message) -> None:
        raise InputError(message, file=source)

    # The number of duplicates chooses the plural form; the calls stay literal for extraction.
    kinds: tuple[tuple[list[str], Callable[[int], Message]], ...] = (
        (
            [d.id for d in fw.dimensions],
            lambda n: _.ngettext(
                "duplicate dimension id: {ids}", "duplicate dimension ids: {ids}", n
            ),
        ),
        (
            [q.id for q in fw.questions],
            lambda n: _.ngettext(
                "duplicate question id: {ids}", "duplicate question ids: {ids}", n
            ),
        ),
        (
            [a.id for a in fw.actions],
            lambda n: _.ngettext("duplicate action id: {ids}", "duplicate action ids: {ids}", n),
        ),
        (
            [g.id for g in fw.respondent_groups],
            lambda n: _.ngettext(
                "duplicate respondent group id: {ids}", "duplicate respondent group ids: {ids}", n
            ),
        ),
        (
            [g.id for g in fw.gates],
            lambda n: _.ngettext("duplicate gate id: {ids}", "duplicate gate ids: {ids}", n),
        ),
        (
            [q.id for q in fw.risk_questions],
            lambda n: _.ngettext(
                "duplicate risk question id: {ids}", "duplicate risk question ids: {ids}", n
            ),
        ),
    )
    for ids, kind in kinds:
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            fail(kind(len(duplicates)).format(ids=", ".join(duplicates)))
    if fw.maturity_thresholds[0] != 0:
        fail(_("maturity_levels: level 1 must start at min_score 0"))
    if list(fw.maturity_thresholds) != sorted(fw.maturity_thresholds):
        fail(_("maturity_levels: min_score must increase with the level"))
    if fw.risk_tiers[0].min_points != 0:
        fail(_("risk tiers: the lowest tier must start at min_points 0"))
    action_ids = {a.id for a in fw.actions}
    question_ids = {q.id for q in fw.questions}
    dimension_ids = {d.id for d in fw.dimensions}
    for q in fw.questions:
        targets = [a.target for a in q.actions]
        # Every level gap must have a recommended action, so the top action reaches level 4.
        if max(targets) != MAX_LEVEL:
            fail(
                _("question {question}: one action must reach level {max}").format(
                    question=repr(q.id), max=MAX_LEVEL
                )
            )
        if len(set(targets)) != len(targets):
            fail(
                _("question {question}: two actions share the same target level").format(
                    question=repr(q.id)
                )
            )
    for a in fw.actions:
        unknown = [d for d in a.depends_on if d not in action_ids]
        if unknown:
            fail(
                _.ngettext(
                    "action {action} depends on an unknown action: {actions}",
                    "action {action} depends on unknown actions: {actions}",
                    len(unknown),
                ).format(action=repr(a.id), actions=", ".join(unknown))
            )
    for g in fw.gates:
        if g.question_id not in question_ids:
            fail(
                _("gate {gate} refers to unknown question {question}").format(
                    gate=repr(g.id), question=repr(g.question_id)
                )
            )
    for t in fw.risk_tiers:
        unknown = [d for d in t.required_dimensions if d not in dimension_ids]
        if unknown:
            fail(
                _.ngettext(
                    "risk tier {tier}: unknown dimension {dimensions}",
                    "risk tier {tier}: unknown dimensions {dimensions}",
                    len(unknown),
                ).format(tier=t.tier, dimensions=", ".join(unknown))
            )
    cycle = find_cycle(fw)
    if cycle:
        fail(_("actions depend on each other in a cycle: {cycle}").format(cycle=" -> ".join(cycle)))


def dependencies(fw: Framework) -> dict[str, tuple[str, ...]]:
    """Each action's prerequisites: the declared ones plus the lower steps of its question."""
    deps: dict[str, tuple[str, ...]] = {}
    for q in fw.questions:
        for i, action in enumerate(q.actions):
            lower = tuple(a.id for a in q.actions[:i])
            deps[action.id] = tuple(dict.fromkeys(lower + action.depends_on))
    return deps


def find_cycle(fw: Framework) -> list[str]:
    """Return one dependency cycle among the actions, or an empty list."""
    deps = dependencies(fw)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in deps.get(node, ()):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in deps:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []
