from __future__ import annotations

import pytest

from openpes.errors import InputError
from openpes.synth import BiasConfig


def test_defaults_discriminate_and_none_does_not():
    default = BiasConfig()
    assert not default.is_unbiased
    assert all(
        getattr(default, name) < 1
        for name in ("age_50_plus", "non_eu_origin", "disability", "women_with_care_duties")
    )
    assert default.label_bias > 0
    none = BiasConfig.none()
    assert none.is_unbiased
    assert (none.age_50_plus, none.non_eu_origin, none.disability) == (1.0, 1.0, 1.0)
    assert (none.women_with_care_duties, none.label_bias) == (1.0, 0.0)


def test_round_trips_through_a_dict():
    config = BiasConfig(age_50_plus=0.5, label_bias=0.3, label_bias_group="disability")
    assert BiasConfig.from_dict(config.to_dict()) == config


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("age_50_plus", 0.0),
        ("non_eu_origin", -1.0),
        ("disability", 6.0),
        ("women_with_care_duties", float("nan")),
        ("label_bias", 1.0),
        ("label_bias", -0.1),
        ("label_bias_group", "everyone"),
    ],
)
def test_rejects_values_outside_their_range(field, value):
    with pytest.raises(InputError) as caught:
        BiasConfig(**{field: value})
    assert caught.value.column == field


def test_rejects_unknown_settings():
    with pytest.raises(InputError, match="shoe_size"):
        BiasConfig.from_dict({"shoe_size": 3})
