from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from core.sms import phone_normalise
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


class PhoneCodeForm(forms.Form):
    """A mobile number and, once it was sent, the 6-digit code. The page has two buttons: `send` asks for a
    code (only the number is needed), the other uses it; both work without JavaScript."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "138 0013 8000"}),
    )
    code = forms.CharField(
        label=_("Code received by SMS"),
        max_length=6,
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*", "maxlength": 6}
        ),
    )

    def __init__(self, *args, sending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sending = sending
        if sending:  # asking for a code: the other fields wait for the next step
            for name, field in self.fields.items():
                if name != "phone":
                    field.required = False

    def clean_phone(self):
        number = phone_normalise(self.cleaned_data["phone"])
        if number is None:
            raise ValidationError(_("Enter a valid mobile number."))
        return number

    def clean_code(self):
        code = self.cleaned_data.get("code", "").strip()
        if not self.sending and not code:
            raise ValidationError(_("Enter the code you received by SMS."))
        return code


class PhoneSignUpForm(PhoneCodeForm):
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
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

    field_order = ["phone", "code", "last_name", "first_name", "role", "home_village"]

    def clean(self):
        data = super().clean()
        if not self.sending and data.get("role") == Role.FARMER and not data.get("home_village"):
            self.add_error("home_village", _("A farmer must choose their home village."))
        return data


class PhonePasswordResetForm(PhoneCodeForm):
    password1 = forms.CharField(label=_("New password"), widget=forms.PasswordInput, required=True)
    password2 = forms.CharField(label=_("New password again"), widget=forms.PasswordInput, required=True)

    def clean(self):
        data = super().clean()
        if not self.sending:
            if data.get("password1") and data.get("password1") != data.get("password2"):
                self.add_error("password2", _("The two passwords differ."))
            elif data.get("password1"):
                try:
                    password_validation.validate_password(data["password1"])
                except ValidationError as error:
                    self.add_error("password1", error)
        return data
