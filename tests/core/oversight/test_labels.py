"""Group and metric names in words, with the codes only where policy authors need them."""

import pytest

from openpes.oversight import describe_group, describe_metric, group_code


@pytest.mark.parametrize(
    ("attribute", "group", "language", "words"),
    [
        ("sex", "female", "en", "Women"),
        ("sex × age_group", "female × 50 and over", "fr", "Femmes × 50 ans et plus"),
        ("origin", "non_eu", "de", "Herkunft außerhalb der EU"),
        ("disability", "yes", "es", "Con discapacidad"),
        ("overall", "overall", "fi", "Kaikki"),
        # The profiling report's form, as the public register shows it.
        ("sex", "sex=female", "nl", "Vrouwen"),
        ("sex, age_band", "sex=male, age_band=50+", "en", "Men × Aged 50 and over"),
        ("disability", "disability=true", "tr", "Engelli"),
        # A known attribute with a value we do not know, a flag, a missing value.
        ("age_group", "67+", "en", "Age group: 67+"),
        ("care_duties", "(missing)", "en", "Care duties: not recorded"),
        ("migrant", "true", "fr", "migrant : oui"),
        # A PES's own column: as written.
        ("region", "north", "ko", "region: north"),
    ],
)
def test_groups_read_as_words(attribute, group, language, words):
    assert describe_group(attribute, group, language) == words


def test_the_officer_sees_the_codes_after_the_words():
    assert (
        describe_group("sex × age_group", "female × 50 and over", "fr", codes=True)
        == "Femmes × 50 ans et plus (sex=female × age_group=50 and over)"
    )
    assert describe_group("overall", "overall", codes=True) == "Everyone (overall)"
    assert group_code("origin", "non_eu") == "origin=non_eu"


def test_metrics_read_as_words_from_either_report():
    assert describe_metric("less_support_rate", "fr") != "less_support_rate"
    assert describe_metric("less_support_rate", codes=True).endswith(" (less_support_rate)")
    # The fairness report's names fill in what the monitors do not name.
    assert describe_metric("fnr") == "false negative rate"
    assert describe_metric("own_metric", codes=True) == "own_metric"
