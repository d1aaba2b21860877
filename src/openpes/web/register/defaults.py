"""What the register says about OpenPES's own two systems when it registers them.

The texts describe what the code does (counsellor-first, protected attributes kept apart,
the stop switch), in every interface language from the app's catalogue, so a record
starts true and complete; an administrator refines it for their organisation.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from openpes.web.register.enums import SystemKind

SOURCE_CODE = "https://github.com/openpes/openpes"
AI_ACT = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
GDPR = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"


def texts(message: Any) -> dict[str, str]:
    """A translatable message in every interface language."""
    out = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            out[code] = str(message)
    return out


def _common() -> dict[str, Any]:
    return {
        "oversight": texts(
            _(
                "Counsellor first: the counsellor records their own assessment before seeing "
                "the system's output, decides, and gives a reason when they differ. Oversight "
                "officers watch fairness monitors and can pause the system at any time."
            )
        ),
        "lawful_basis": texts(
            _(
                "The public employment service's legal task of supporting job seekers, and "
                "GDPR Article 6(1)(e). High-risk AI system under the EU AI Act, Annex III."
            )
        ),
        "lawful_basis_links": [
            {"title": texts(_("EU AI Act (Regulation 2024/1689)")), "url": AI_ACT},
            {"title": texts(_("General Data Protection Regulation")), "url": GDPR},
        ],
        "data_description": texts(
            _(
                "The job seeker's registration: skills, work history, education, region. "
                "Protected attributes are stored apart and used only to check fairness."
            )
        ),
        "data_categories": [
            {
                "name": texts(_("Skills, work history and education")),
                "source": texts(_("The job seeker's registration")),
            },
            {
                "name": texts(_("Protected attributes (gender, age band, origin, disability)")),
                "source": texts(_("Voluntary questionnaire")),
                "protected": True,
                "why": texts(_("Only to measure fairness; never an input of the system.")),
            },
        ],
        "proportionality": texts(
            _(
                "It helps counsellors offer the right support sooner; people decide, the "
                "data it uses are those of the registration, and it can be paused at any time."
            )
        ),
        "source_code_url": SOURCE_CODE,
        "themes": ["work", "social_security"],
        "tags": ["employment", "AI Act"],
    }


def defaults(kind: str) -> dict[str, Any]:
    """The fields of the record OpenPES registers for one of its running systems."""
    common = _common()
    if kind == SystemKind.SUPPORT_NEEDS:
        return {
            **common,
            "name": texts(_("Support-needs assessment")),
            "purpose": texts(
                _(
                    "Estimates how likely a job seeker is to still be looking for work in "
                    "12 months, so that more support can be offered earlier."
                )
            ),
            "forbidden_uses": texts(
                _(
                    "deny or reduce a benefit or a service, sanction a person, or decide "
                    "without a counsellor."
                )
            ),
            "methods": texts(
                _(
                    "An interpretable, calibrated additive model (Explainable Boosting "
                    "Machine) trained on past registrations; every assessment comes with its "
                    "exact explanation."
                )
            ),
            "risks": [
                {
                    "risk": texts(_("Groups may be assessed less accurately than others.")),
                    "mitigation": texts(
                        _("Error rates per group are audited at training and monitored.")
                    ),
                },
                {
                    "risk": texts(_("Counsellors may follow the score without thinking.")),
                    "mitigation": texts(
                        _("Counsellor first, a reason for each decision, override rates watched.")
                    ),
                },
            ],
        }
    return {
        **common,
        "name": texts(_("Vacancy and training suggestions")),
        "purpose": texts(
            _(
                "Suggests vacancies and trainings that fit a job seeker's skills, and says "
                "why each one fits."
            )
        ),
        "forbidden_uses": texts(
            _("select or reject applicants for an employer, or sanction a person.")
        ),
        "methods": texts(
            _(
                "A documented score of skill coverage (ESCO), occupation fit and distance, "
                "after hard constraints. No learned model."
            )
        ),
        "risks": [
            {
                "risk": texts(_("Suggestions may repeat past segregation between groups.")),
                "mitigation": texts(
                    _("Protected attributes are never inputs; parity of suggestions is checked.")
                ),
            }
        ],
    }
