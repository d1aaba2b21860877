"""The explicit, configurable bias mechanisms of the synthetic world."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

from openpes.errors import InputError
from openpes.i18n import translator

__all__ = ["BiasConfig", "LabelBiasGroup"]

_ = translator("openpes.synth").gettext

LabelBiasGroup = Literal["non_eu", "age_50_plus", "disability", "women_with_care_duties"]
_LABEL_BIAS_GROUPS: tuple[str, ...] = (
    "non_eu",
    "age_50_plus",
    "disability",
    "women_with_care_duties",
)
_HAZARD_RATIOS = ("age_50_plus", "non_eu_origin", "disability", "women_with_care_duties")


@dataclass(frozen=True)
class BiasConfig:
    """How much historical bias the synthetic world carries.

    Employer discrimination is modelled as a *hazard ratio* on re-employment: a value of
    0.7 means that, at every moment, a member of the group is hired at 70 % of the rate of
    an otherwise identical job seeker. 1.0 means no discrimination. The ratios multiply
    when a person belongs to several groups.

    Label bias does not change who finds work, only what the register records: each
    re-employment of a member of ``label_bias_group`` goes unrecorded with probability
    ``label_bias`` (the ``*_recorded`` outcome columns).

    Parameters
    ----------
    age_50_plus, non_eu_origin, disability, women_with_care_duties:
        Hazard ratios of being hired, for job seekers aged 50 and over, of non-EU
        origin, with a disability, and for women with care duties. Each in (0, 5].
    label_bias:
        Probability in [0, 1) that a re-employment of the group is not recorded.
    label_bias_group:
        Whose re-employments are under-recorded.

    Examples
    --------
    >>> BiasConfig().age_50_plus
    0.7
    >>> BiasConfig.none().is_unbiased
    True
    """

    age_50_plus: float = 0.70
    non_eu_origin: float = 0.75
    disability: float = 0.75
    women_with_care_duties: float = 0.80
    label_bias: float = 0.15
    label_bias_group: LabelBiasGroup = "non_eu"

    def __post_init__(self) -> None:
        for name in _HAZARD_RATIOS:
            value = getattr(self, name)
            if not isinstance(value, int | float) or not (0 < value <= 5) or math.isnan(value):
                raise InputError(
                    _("a hazard ratio in (0, 5] was expected, got {value!r}").format(value=value),
                    column=name,
                )
        if not isinstance(self.label_bias, int | float) or not (0 <= self.label_bias < 1):
            raise InputError(
                _("a probability in [0, 1) was expected, got {value!r}").format(
                    value=self.label_bias
                ),
                column="label_bias",
            )
        if self.label_bias_group not in _LABEL_BIAS_GROUPS:
            raise InputError(
                _("one of {choices} was expected, got {value!r}").format(
                    choices=", ".join(_LABEL_BIAS_GROUPS), value=self.label_bias_group
                ),
                column="label_bias_group",
            )

    @classmethod
    def none(cls) -> BiasConfig:
        """A world without bias: outcomes depend on qualifications only.

        Examples
        --------
        >>> BiasConfig.none().non_eu_origin
        1.0
        """
        return cls(
            age_50_plus=1.0,
            non_eu_origin=1.0,
            disability=1.0,
            women_with_care_duties=1.0,
            label_bias=0.0,
        )

    @property
    def is_unbiased(self) -> bool:
        """True when no mechanism is switched on."""
        return self.label_bias == 0 and all(getattr(self, n) == 1 for n in _HAZARD_RATIOS)

    def to_dict(self) -> dict[str, Any]:
        """The configuration as plain JSON-ready values.

        Examples
        --------
        >>> BiasConfig.from_dict(BiasConfig().to_dict()) == BiasConfig()
        True
        """
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> BiasConfig:
        """Rebuild a configuration written by :meth:`to_dict`."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InputError(
                _("unknown bias settings: {names}").format(names=", ".join(unknown)),
            )
        return cls(**values)
