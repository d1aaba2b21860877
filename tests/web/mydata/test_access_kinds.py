"""Every page and API kind the code writes into a read event has words on "My data".

A code missing from ``ACCESS_KINDS`` is shown as stored ("counsellor-v2"), which a job
seeker cannot read; this test finds the codes in the source, so a new page cannot forget it.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpes.web.casework.access_kinds import ACCESS_KINDS
from openpes.web.www.case_pages import context

WEB = Path(context.__file__).resolve().parents[2]


def _written_codes() -> set[str]:
    codes = {context.COUNSELLOR_PAGE, context.SELF_SERVICE_PAGE}
    for path in WEB.rglob("*.py"):
        text = path.read_text()
        codes |= set(re.findall(r'jobseeker_record_view\([^)]*page="([^"]+)"', text))
        if "api_views" in path.parts:
            codes |= set(re.findall(r'^\s+kind = "([^"]+)"', text, re.M))
            codes |= set(re.findall(r'_reads_(?:record|unless_changed)\([^)]*"([^"]+)"\)', text))
    return codes


def test_the_scan_finds_the_codes_it_should():
    # Guards the regular expressions: a scan that finds nothing would pass vacuously.
    assert {"my-data", "meeting-summary", "admin", "outcomes", "jobseekers"} <= _written_codes()


def test_every_code_written_has_words():
    missing = sorted(c for c in _written_codes() if c not in ACCESS_KINDS)
    assert not missing, f"add these to casework/access_kinds.py: {missing}"
