from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationFailed
from insights.selectors import Period, period_parse


class PeriodForm(forms.Form):
    """A whole year, or a range of months (from/to as YYYY-MM); empty means this year."""

    year = forms.CharField(label=_("Year"), required=False, max_length=4)
    start = forms.CharField(label=_("From (YYYY-MM)"), required=False, max_length=7)
    end = forms.CharField(label=_("To (YYYY-MM)"), required=False, max_length=7)

    def __init__(self, data=None, **kwargs):
        if data is not None:
            # The public parameter names are from/to (the API's too); "from" is not a Python name.
            data = {"year": data.get("year", ""), "start": data.get("from", ""), "end": data.get("to", "")}
        super().__init__(data, **kwargs)
        self.fields["start"].widget.attrs.update(placeholder="2025-01", inputmode="numeric")
        self.fields["end"].widget.attrs.update(placeholder="2025-12", inputmode="numeric")
        self.fields["year"].widget.attrs.update(inputmode="numeric")

    def clean(self):
        data = super().clean()
        try:
            data["period"] = period_parse(year=data.get("year"), start=data.get("start"), end=data.get("end"))
        except ValidationFailed as error:
            names = {"from": "start", "to": "end", "year": "year"}
            for field, messages in error.fields.items():
                for message in messages:
                    self.add_error(names.get(field), message)
        return data

    def period(self) -> Period:
        """The period asked for, or this year when the form is empty or wrong (its errors are shown)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["period"]
        return period_parse()
