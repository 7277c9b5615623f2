from django import forms
from django.utils.translation import gettext_lazy as _

from training.models import Audience, Course, Level


class CatalogueFilterForm(forms.Form):
    audience = forms.ChoiceField(label=_("Audience"), choices=[("", _("Everyone"))] + Audience.choices, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("Any level"))] + Level.choices, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Any language"))] + list(Course._meta.get_field("language").choices),
        required=False,
    )


class QuizForm(forms.Form):
    """One radio group per question, named q<question id>; choices in the author's order."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(choice.pk, choice.text) for choice in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )

    def answers(self) -> dict[int, int]:
        return {question.pk: self.cleaned_data[f"q{question.pk}"] for question in self.questions}


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": "XXXX-XXXX-XXXX-XXXX", "autocomplete": "off"}),
    )


class TrainingTargetForm(forms.Form):
    label = forms.CharField(label=_("Target"), max_length=160)
    goal = forms.IntegerField(label=_("People to train"), min_value=1, max_value=2_000_000_000)
    audience = forms.ChoiceField(
        label=_("Count certificates of"), choices=[("", _("every course"))] + Audience.choices, required=False
    )


class StationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Operator"),
        choices=[("", _("All stations")), ("qualified", _("Qualified")), ("unqualified", _("Not qualified"))],
        required=False,
    )
