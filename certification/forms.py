from django import forms
from django.utils.translation import gettext_lazy as _


class RunStartForm(forms.Form):
    cutoff = forms.DateField(
        label=_("Cut-off date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: today. The window is the whole calendar months before it."),
    )


class GrantForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    override_reason = forms.CharField(
        label=_("Override reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required only when the village is not eligible."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
