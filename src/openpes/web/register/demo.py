"""The demo's register: the two running systems, and a FRIA of the support-needs model.

The FRIA's risks name the oversight monitors that watch them (``decisions``: the
human-decision monitor; ``performance``: per-group performance), so when the demo's
planted bias raises an alert the FRIA is flagged for update.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from openpes.web.register.defaults import texts
from openpes.web.register.models import Fria, RegisterRecord
from openpes.web.register.services import (
    fria_flag_check,
    fria_save,
    record_publish,
    records_register_running,
)

DEMO_ORGANISATION = "OpenPES demo employment service"
DEMO_CONTACT = "ai-register@pes.example"
REVIEW_ROUTE = "/ai/#review"
DEMO_ADDRESS = "1 Example Square, 1000 Brussels"
DEMO_TEAM = "Data and AI team"
DEMO_OWNER = "Director of Employment Services"
DEMO_WEBSITE = "https://pes.example/ai/"


def register_demo_seed() -> int:
    """Register the running systems and a demo FRIA (idempotent); the number created."""
    created = records_register_running(
        organisation=DEMO_ORGANISATION,
        contact_email=DEMO_CONTACT,
        organisation_address=DEMO_ADDRESS,
        owner_team=DEMO_TEAM,
        senior_responsible_owner=DEMO_OWNER,
        website=DEMO_WEBSITE,
    )
    record = RegisterRecord.objects.filter(system="support-needs").first()
    if record is not None and not Fria.objects.filter(record=record).exists():
        fria_save(
            record=record,
            actor=None,
            elements={
                "a": texts(_("Counsellors use it in the first interview to plan support.")),
                "b": texts(_("At every registration and every six months after.")),
                "c": texts(
                    _("Every registered job seeker; groups by gender, age, origin and disability.")
                ),
                "d": texts(_("See the risks below.")),
                "e": texts(
                    _("Counsellor first, reasons for decisions, monitors and a stop switch.")
                ),
                "f": texts(
                    _(
                        "Pause the system, inform the provider and the authority, answer "
                        "complaints through human review."
                    )
                ),
            },
            risks=[
                {
                    "group": texts(_("Older job seekers")),
                    "harm": texts(
                        _("Their need for support is underestimated, so they get help later.")
                    ),
                    "severity": 3,
                    "likelihood": 2,
                    "mitigation": texts(_("Error rates per age band are monitored.")),
                    "monitor": "performance",
                    "complaint_route": REVIEW_ROUTE,
                },
                {
                    "group": texts(_("Job seekers of foreign origin")),
                    "harm": texts(
                        _("Counsellors override the model towards less support for them.")
                    ),
                    "severity": 3,
                    "likelihood": 3,
                    "mitigation": texts(_("Override rates by group are monitored.")),
                    "monitor": "human_decisions",
                    "complaint_route": REVIEW_ROUTE,
                },
            ],
        )
    if record is not None:
        fria_flag_check(record=record)
    # The public page shows published records: publish the demo's once.
    for system in RegisterRecord.objects.filter(publications__isnull=True):
        record_publish(record=system, actor=None)
    return len(created)
