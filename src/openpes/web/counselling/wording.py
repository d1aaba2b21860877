"""Why a vacancy was suggested, in the counsellor's words (the core speaks to the job seeker).

``openpes.matching.explain_suggestion`` addresses the job seeker ("you have 2 of the 17
essential skills"). On the counsellor's screen the same facts are said about the person
("has 2 of the 17 essential skills"), so each role reads text written for them.
"""

from __future__ import annotations

from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openpes.web.caseload.taxonomy import label_of

MAX_SKILLS = 3


def _names(uris: list[str]) -> str:
    labels = [label_of(u) for u in uris]
    if len(labels) > MAX_SKILLS:
        rest = len(labels) - MAX_SKILLS
        labels = [*labels[:MAX_SKILLS], ngettext("%(n)s more", "%(n)s more", rest) % {"n": rest}]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(items)s and %(last)s") % {"items": ", ".join(labels[:-1]), "last": labels[-1]}


def _occupation_sentence(match: str, basis: str) -> str | None:
    texts = {
        ("same_occupation", "experience"): _("It is the occupation they have worked in."),
        ("same_occupation", "preference"): _("It is the occupation they are looking for."),
        ("same_unit_group", "experience"): _("It is close to an occupation they have worked in."),
        ("same_unit_group", "preference"): _("It is close to an occupation they are looking for."),
        ("same_minor_group", "experience"): _(
            "It is in the same field as an occupation they have worked in."
        ),
        ("same_minor_group", "preference"): _(
            "It is in the same field as an occupation they are looking for."
        ),
        ("same_occupation", "skills"): _("It is the occupation their skills fit best."),
        ("same_unit_group", "skills"): _("It is close to the occupation their skills fit best."),
        ("same_minor_group", "skills"): _(
            "It is in the same field as the occupation their skills fit best."
        ),
    }
    return texts.get((match, basis))


def counsellor_reasons(row: dict[str, Any], *, language: str) -> list[str]:
    """The sentences of ``explain_suggestion``, said about the job seeker."""
    with translation.override(language):
        matched = list(row.get("matched_essential") or [])
        missing = list(row.get("missing_essential") or [])
        partial = list(row.get("partial_matches") or [])
        total = len(matched) + len(missing) + len(partial)
        score = formats.number_format(round(float(row["score"]) * 100), 0)
        # Worded without plural forms so that one sentence fits every count.
        sentences = [
            _("Match %(score)s%%. Essential skills: has %(held)s of %(total)s.")
            % {"score": score, "held": len(matched), "total": total}
        ]
        relation = {
            "related": _("their skill “%(held)s” is related to “%(required)s”"),
            "broader": _("their skill “%(held)s” is a broader form of “%(required)s”"),
            "narrower": _("their skill “%(held)s” is a specific form of “%(required)s”"),
        }
        if partial:
            details = "; ".join(
                relation.get(p["relation"], relation["related"])
                % {"held": label_of(p["held"]), "required": label_of(p["required"])}
                for p in partial[:MAX_SKILLS]
            )
            sentences.append(_("Counted in part: %(details)s.") % {"details": details})
        if missing:
            sentences.append(
                _("Essential skills missing: %(skills)s.") % {"skills": _names(missing)}
            )
        occupation = _occupation_sentence(
            str(row.get("occupation_match")), str(row.get("occupation_basis"))
        )
        if occupation:
            sentences.append(occupation)
        km = formats.number_format(round(float(row["distance_km"])), 0)
        sentences.append(_("It is %(km)s km from the job seeker's home.") % {"km": km})
        return sentences
