"""Skills found in a pasted text (a CV, a letter, a vacancy), for a person to confirm.

The text is neither stored nor logged: it is read, the skills found in it are shown, and
only the ones the person ticks are added. The ticked skills are checked against the skills
found in the same text again on the server, so a form can add only what the text gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from openpes.web.caseload.models import JobSeeker
from openpes.web.caseload.taxonomy import local_taxonomy
from openpes.web.www.case_pages.widgets import FastWidgetsForm

#: About 40 sentences: the time the encoder takes for a text grows with its sentences
#: (some 30 ms each on one core), and a CV's skills are in its first pages.
SKILL_TEXT_MAX = 5000
#: A text gives at most this many suggestions; the best come first.
SKILL_TEXT_HITS = 20
#: Confidence is about the chance that a suggestion is right (fitted on the dev set), so
#: a weak one says so and the person looks twice. The skill search says the same words.
LIKELY, POSSIBLE = 0.6, 0.3
#: How much of the sentence a suggestion came from is quoted beside it.
SPAN_SHOWN = 120


@dataclass(frozen=True)
class FoundSkill:
    uri: str
    label: str
    span: str
    confidence: str
    held: bool


@dataclass
class FoundSkills:
    """The form and what it found; ``form`` is bound when a text was sent."""

    form: SkillTextForm
    hits: list[FoundSkill] = field(default_factory=list)

    @property
    def searched(self) -> bool:
        return self.form.is_bound and "skill_text" not in self.form.errors

    @property
    def offered(self) -> list[FoundSkill]:
        """The ones that can be ticked, first: the summary's link goes to the first box."""
        return [hit for hit in self.hits if not hit.held]

    @property
    def recorded(self) -> list[FoundSkill]:
        return [hit for hit in self.hits if hit.held]

    @property
    def ticked(self) -> set[str]:
        return set(self.form.data.getlist("chosen")) if self.form.is_bound else set()


def confidence_words(score: float) -> str:
    """How sure a found or searched skill is, in words; ``score`` is a confidence in [0, 1]."""
    if score >= LIKELY:
        return str(_("likely"))
    if score >= POSSIBLE:
        return str(_("possible"))
    return str(_("uncertain: check it"))


def _quoted(span: str) -> str:
    span = " ".join(span.split())
    return span if len(span) <= SPAN_SHOWN else span[: SPAN_SHOWN - 1].rstrip() + "…"


def skills_in_text(text: str, held: set[str]) -> list[FoundSkill]:
    """Best first; ``extract_skills`` already gives each skill once per text."""
    return [
        FoundSkill(
            uri=hit.uri,
            label=hit.label,
            span=_quoted(text[hit.start : hit.end]),
            confidence=confidence_words(hit.score),
            held=hit.uri in held,
        )
        for hit in local_taxonomy().extract_skills(text)[:SKILL_TEXT_HITS]
    ]


class SkillTextForm(FastWidgetsForm):
    skill_text = forms.CharField(
        label=_("Text to look in"),
        help_text=_(
            "Paste a CV, a letter or a job description. OpenPES suggests the ESCO skills it "
            "finds; nothing is added until you choose. The text itself is not kept."
        ),
        max_length=SKILL_TEXT_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Paste or type a text to look for skills in."),
            "max_length": ngettext_lazy(
                "Shorten the text: it can be at most %(limit_value)s character long.",
                "Shorten the text: it can be at most %(limit_value)s characters long.",
                "limit_value",
            ),
        },
    )
    chosen = forms.MultipleChoiceField(
        label=_("Skills to add"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "A chosen skill was not found in this text. Find the skills again and choose "
                "from the list."
            ),
        },
    )

    def __init__(self, *args: Any, adding: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adding = adding

    def offer(self, hits: list[FoundSkill]) -> None:
        """Only skills found in this very text, and not yet recorded, can be chosen."""
        self.fields["chosen"].choices = [(h.uri, h.label) for h in hits if not h.held]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.adding and "skill_text" in cleaned and not cleaned.get("chosen"):
            self.add_error("chosen", _("Choose at least one skill to add."))
        return cleaned


def find_skills(data: QueryDict | None, jobseeker: JobSeeker) -> FoundSkills:
    """The form bound to ``data`` (a POST) with the skills its text gives, or an empty one."""
    if data is None:
        return FoundSkills(SkillTextForm())
    form = SkillTextForm(data, adding="add" in data)
    found = FoundSkills(form)
    # The same cleaning as the field's, before validation: the choices come from the text.
    text = data.get("skill_text", "").strip()
    if text and len(text) <= SKILL_TEXT_MAX:
        found.hits = skills_in_text(text, {s.skill_uri for s in jobseeker.skills.all()})
    form.offer(found.hits)
    form.is_valid()
    return found
