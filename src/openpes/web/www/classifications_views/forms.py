from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NationalCodeForm(forms.Form):
    national = forms.ChoiceField(label=_("National occupation"), required=False)

    def __init__(self, *args, choices=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["national"].choices = [("", _("Choose a national occupation")), *choices]


class OccupationChoiceForm(forms.Form):
    national = forms.CharField(max_length=120, widget=forms.HiddenInput)
    occupation_uri = forms.CharField(max_length=200)
