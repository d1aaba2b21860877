"""How far a taxonomy's skill vectors are embedded, and what the rest would cost.

An imported ESCO in another language needs its own vectors: its labels' and its
descriptions' (neither is computed by a search: until they are built, skill search in that
language is lexical). ``openpes taxonomy embed`` builds both ahead; ``openpes doctor`` reports
what is left (:class:`EmbeddingStatus`), with the time it would take.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DESCRIPTION_SECONDS", "LABEL_SECONDS", "EmbeddingStatus"]

#: CPU seconds of one core per label (both e5 encodings) and per description (its first
#: sentence, as a passage), as measured for decision 0201: some 11 and 13 minutes for
#: the 13,939 skills of a whole ESCO language.
LABEL_SECONDS = 0.05
DESCRIPTION_SECONDS = 0.056


@dataclass(frozen=True, slots=True)
class EmbeddingStatus:
    """The skill vectors of one taxonomy.

    ``encoder``: whether the sentence encoder is installed (without it nothing is
    embedded and skill search is lexical). ``labels_to_embed``: labels without a vector
    yet. ``described``: skills with a description; ``embedded``: those of them with a
    description vector; ``descriptions_to_embed``: the distinct description texts
    still to embed (two skills may share one).
    """

    encoder: bool
    skills: int
    labels_to_embed: int
    described: int
    embedded: int
    descriptions_to_embed: int

    @property
    def complete(self) -> bool:
        """Whether nothing is left to embed."""
        return self.labels_to_embed == 0 and self.descriptions_to_embed == 0

    @property
    def seconds(self) -> float:
        """Estimated CPU seconds of one core to embed what is left."""
        return (
            self.labels_to_embed * LABEL_SECONDS + self.descriptions_to_embed * DESCRIPTION_SECONDS
        )

    @property
    def minutes(self) -> int:
        """:attr:`seconds` in whole minutes (0: less than half a minute)."""
        return round(self.seconds / 60)
