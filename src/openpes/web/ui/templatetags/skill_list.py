"""A person's skills, each with its remove button, written in Python.

A profile holds dozens of skills; through the template engine their list was a tenth of a
case page's time. The markup is what ``caseload/_skills.html`` wrote per skill.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from openpes.web.ui.html import esc

register = template.Library()


@register.simple_tag(takes_context=True)
def skill_items(context: template.Context, skills: list[Any], remove_url: str) -> SafeString:
    if not skills:
        return mark_safe(f"<li>{esc(gettext('No skills recorded yet.'))}</li>")
    csrf = CsrfTokenNode().render(context)  # one request, one token: the same in every form
    action, remove = esc(remove_url), esc(gettext("Remove"))
    remove_one = gettext("Remove %(label)s")  # translated once, filled in per skill
    return mark_safe(
        "\n".join(
            f'<li>\n  <span>{esc(skill.label)}</span> <span class="muted">({esc(skill.source)})'
            f'</span>\n  <form method="post" action="{action}" class="inline">\n    {csrf}\n'
            f'    <input type="hidden" name="skill_uri" value="{esc(skill.uri)}">\n'
            f'    <button type="submit" class="small" aria-label="'
            f'{esc(remove_one % {"label": skill.label})}">{remove}</button>\n'
            "  </form>\n</li>"
            for skill in skills
        )
    )
