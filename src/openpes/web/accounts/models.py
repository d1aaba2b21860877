from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A team of counsellors with one team lead."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team lead"),
        on_delete=models.PROTECT,
        related_name="led_teams",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        # Capabilities granted to role groups; object-level rules live in perms.py.
        permissions = [
            ("self_service", _("Can use job seeker self-service")),
            ("counsel", _("Can counsel the job seekers in their caseload")),
            ("lead_team", _("Can see the caseloads of their team")),
            ("oversee", _("Can use fairness and oversight pages")),
        ]

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    """A counsellor's team (a counsellor belongs to at most one team)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_membership"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.team}"
