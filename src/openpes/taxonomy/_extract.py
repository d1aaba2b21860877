"""Find ESCO skills in free text (a CV, a vacancy) by their labels.

Every preferred and alternative skill label becomes a key: its folded, lightly
stemmed tokens (``"operate forklifts"`` and ``"Operating forklift"`` share a key).
The text is scanned left to right; at each token the longest label starting there
wins, and the scan resumes after it, so hits never overlap. A label never spans a
sentence break.

A label written in capitals (an acronym such as *LESS* or *CALL*) matches only
text in capitals, so that the words *less* and *call* do not.

Confidence combines what makes a label match trustworthy: a preferred label beats
an alternative one, longer labels are less likely to occur by chance than
one-word labels, an exact word-for-word match beats a stem-only one, and a label
shared by several skills is split between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from openpes.taxonomy._text import stem, tokenise

__all__ = ["SkillExtractor", "SkillHit"]

_PREFERRED, _ALTERNATIVE = 0.95, 0.8
_BY_LENGTH = {1: 0.7, 2: 0.9}  # three words or more: 1.0
_STEM_ONLY = 0.9
_MAX_TOKENS = 16
_BREAK = re.compile(r"[.;:!?\n\r\u2022|]")
# Labels made only of these words would fire on ordinary prose.
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "work",
        "use",
    }
)


@dataclass(frozen=True, slots=True)
class SkillHit:
    """An ESCO skill found in a text: ``text[start:end]`` mentions it.

    Attributes
    ----------
    uri, label : str
        The skill's ESCO URI and preferred label.
    start, end : int
        Character span in the original text.
    confidence : float
        In ``(0, 1]``; see :meth:`Taxonomy.extract_skills`.
    source : {"label", "meaning"}
        ``"label"``: the span is a label of the skill (or an inflected form);
        ``"meaning"``: the span (a sentence or bullet) says it in other words, found
        by hybrid retrieval.
    """

    uri: str
    label: str
    start: int
    end: int
    confidence: float
    source: str = "label"

    @property
    def score(self) -> float:
        """The confidence, under the name search hits use."""
        return self.confidence


@dataclass(frozen=True, slots=True)
class _Entry:
    skill: int
    preferred: bool
    folded: tuple[str, ...]
    acronym: bool  # written in capitals ("LESS", "CALL"): matches capitals only


class SkillExtractor:
    """Index of skill labels, keyed by stemmed token tuples."""

    def __init__(self, skills: pl.DataFrame) -> None:
        self._uris: list[str] = skills["uri"].to_list()
        self._labels: list[str] = skills["label"].to_list()
        self._index: dict[tuple[str, ...], list[_Entry]] = {}
        self._longest: dict[str, int] = {}
        alternatives = skills["alt_labels"].to_list()
        for skill, (label, alts) in enumerate(zip(self._labels, alternatives, strict=True)):
            self._add(skill, label, preferred=True)
            for alt in alts:
                self._add(skill, alt, preferred=False)

    def _add(self, skill: int, label: str, *, preferred: bool) -> None:
        folded = tuple(token for token, _, _ in tokenise(label))
        if not folded or len(folded) > _MAX_TOKENS or all(t in _STOPWORDS for t in folded):
            return
        # One- and two-letter labels ("R", "C") are mostly noise in prose; "C++" stays.
        if len(folded) == 1 and len(folded[0]) < 3:
            return
        key = tuple(stem(t) for t in folded)
        entries = self._index.setdefault(key, [])
        if any(e.skill == skill for e in entries):
            return
        acronym = label.isupper() and len(label) <= 8
        entries.append(_Entry(skill, preferred, folded, acronym))
        self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def extract(self, text: str) -> list[SkillHit]:
        tokens = tokenise(text)
        if not tokens:
            return []
        stems = [stem(token) for token, _, _ in tokens]
        # Sentence id per token: a label never runs across punctuation.
        sentence = [0] * len(tokens)
        for i in range(1, len(tokens)):
            gap = text[tokens[i - 1][2] : tokens[i][1]]
            sentence[i] = sentence[i - 1] + (1 if _BREAK.search(gap) else 0)

        hits: list[SkillHit] = []
        i, n = 0, len(tokens)
        while i < n:
            longest = min(self._longest.get(stems[i], 0), n - i)
            matched = 0
            for size in range(longest, 0, -1):
                if sentence[i + size - 1] != sentence[i]:
                    continue
                entries = self._index.get(tuple(stems[i : i + size]))
                start, end = tokens[i][1], tokens[i + size - 1][2]
                if entries and not text[start:end].isupper():
                    # "less" and "call" are words; "LESS" and "CALL" are the acronyms.
                    entries = [e for e in entries if not e.acronym]
                if entries:
                    surface = tuple(token for token, _, _ in tokens[i : i + size])
                    hits.extend(self._hits(entries, surface, start, end))
                    matched = size
                    break
            i += matched or 1
        return hits

    def _hits(
        self, entries: list[_Entry], surface: tuple[str, ...], start: int, end: int
    ) -> list[SkillHit]:
        # A label that is some skill's preferred label means that skill; others
        # merely list it as a synonym.
        owners = [e for e in entries if e.preferred] or entries
        length = _BY_LENGTH.get(len(surface), 1.0)
        out = []
        for entry in owners:
            confidence = (_PREFERRED if entry.preferred else _ALTERNATIVE) * length
            if entry.folded != surface:
                confidence *= _STEM_ONLY
            confidence /= len(owners)
            out.append(
                SkillHit(
                    uri=self._uris[entry.skill],
                    label=self._labels[entry.skill],
                    start=start,
                    end=end,
                    confidence=round(confidence, 4),
                )
            )
        return out
