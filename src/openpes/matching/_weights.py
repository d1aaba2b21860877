"""The weights of the matching score, in one place so that they are documented and audited."""

from __future__ import annotations

from dataclasses import dataclass

from openpes.errors import InputError
from openpes.i18n import messages

__all__ = ["OCCUPATION_LEVELS", "MatchWeights"]

_ = messages("openpes.matching")

#: Credit for the occupation-fit part, by how close the vacancy's occupation is to one the
#: job seeker has worked in or wants: the same ESCO occupation, the same ISCO-08 unit group
#: (4 digits) or the same minor group (3 digits).
OCCUPATION_LEVELS: dict[str, float] = {
    "same_occupation": 1.0,
    "same_unit_group": 0.6,
    "same_minor_group": 0.3,
    "none": 0.0,
}


@dataclass(frozen=True)
class MatchWeights:
    """Weights of the score ``w_e·E + w_o·O + w_f·F + w_d·D`` (normalised to sum to 1).

    Parameters
    ----------
    essential:
        Weight of essential-skill coverage ``E`` (IDF-weighted share of the vacancy's
        essential skills the job seeker has).
    optional:
        Weight of optional-skill coverage ``O``. A vacancy with no optional skills gets
        ``O = E``, so that listing none is neither a bonus nor a penalty.
    occupation:
        Weight of occupation fit ``F`` (see :data:`OCCUPATION_LEVELS`).
    estimate_occupation:
        For a job seeker who lists no past or wished occupation, compare the vacancy with
        the ESCO occupation whose skill profile is closest to the person's skills (IDF-weighted
        cosine). When false, such a person gets ``F = 0``.
    distance:
        Weight of distance decay ``D = 1 - distance / max_distance``.
    partial_credit:
        Credit, between 0 and 1, for a required skill the job seeker does not have but
        for which they have a related, broader or narrower skill in ESCO.
    candidates:
        How many of the best skill matches within reach are re-scored exactly per job seeker.
    cell_km:
        Size of the grid cells used to find the vacancies within reach.

    Examples
    --------
    >>> MatchWeights(distance=0.0).normalised()["distance"]
    0.0
    """

    essential: float = 0.60
    optional: float = 0.10
    occupation: float = 0.20
    distance: float = 0.10
    partial_credit: float = 0.5
    estimate_occupation: bool = True
    candidates: int = 200
    cell_km: float = 50.0

    def __post_init__(self) -> None:
        parts = (self.essential, self.optional, self.occupation, self.distance)
        for name, value in zip(
            ("essential", "optional", "occupation", "distance"), parts, strict=True
        ):
            if not value >= 0:
                raise InputError(
                    _("weight {name} must be zero or positive, got {value!r}").format(
                        name=name, value=value
                    )
                )
        if sum(parts) <= 0:
            raise InputError(_("at least one weight must be positive"))
        if not 0 <= self.partial_credit <= 1:
            raise InputError(
                _("partial_credit must lie between 0 and 1, got {value!r}").format(
                    value=self.partial_credit
                )
            )
        if self.candidates < 1:
            raise InputError(
                _("candidates must be at least 1, got {value!r}").format(value=self.candidates)
            )
        if not self.cell_km > 0:
            raise InputError(
                _("cell_km must be positive, got {value!r}").format(value=self.cell_km)
            )

    def normalised(self) -> dict[str, float]:
        """The four score weights, scaled to sum to 1.

        Examples
        --------
        >>> round(sum(MatchWeights().normalised().values()), 6)
        1.0
        """
        parts = {
            "essential": self.essential,
            "optional": self.optional,
            "occupation": self.occupation,
            "distance": self.distance,
        }
        total = sum(parts.values())
        return {name: value / total for name, value in parts.items()}
