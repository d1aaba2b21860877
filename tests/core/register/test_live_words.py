"""The register's live sentences write the audit's verdict in the register's language."""

from __future__ import annotations

import pytest

from openpes.fairness import verdict_text
from openpes.register import LiveFacts, MonitorVerdict
from openpes.register._live import live_texts


@pytest.mark.parametrize("language", ["fr", "lv"])
def test_the_audit_verdict_is_in_the_registers_language(language):
    # It read "verdict warn" on the French /ai/ page.
    live = LiveFacts("2026-01-05", audit_date="2026-01-04", audit_verdict="warn")
    sentence = live_texts(live, language)["audit"]
    assert verdict_text("warn", language) in sentence
    assert " warn" not in sentence


def test_monitor_verdicts_are_in_the_registers_language():
    live = LiveFacts(
        "2026-01-05", monitor_verdicts=(MonitorVerdict("approval_rate", "fail", "2026-01-05"),)
    )
    sentence = live_texts(live, "fr")["monitors"]
    assert verdict_text("fail", "fr") in sentence and "2026-01-05" in sentence
