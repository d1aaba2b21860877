from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeStatus(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    IN_TRAINING = "in_training", _("In training")
    STILL_REGISTERED = "still_registered", _("Still registered")
    LEFT_REGISTER = "left_register", _("Left the register")
