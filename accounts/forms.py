from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from villages.models import Village


class SignUpForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(
        label=_("I am"),
        choices=[(Role.BUYER, _("A buyer")), (Role.FARMER, _("A farmer selling produce"))],
        widget=forms.RadioSelect,
        initial=Role.BUYER,
    )
    home_village = forms.ModelChoiceField(
        label=_("Home village (farmers)"),
        queryset=Village.objects.select_related("township__county").order_by("name"),
        required=False,
    )
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("A user with that username already exists."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        if data.get("role") == Role.FARMER and not data.get("home_village"):
            self.add_error("home_village", _("A farmer must choose their home village."))
        if data.get("password1") and data.get("username"):
            try:
                password_validation.validate_password(data["password1"], User(username=data["username"]))
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class LoginForm(auth_forms.AuthenticationForm):
    pass
