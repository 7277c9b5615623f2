from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import written_in_chinese


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    STATION_OPERATOR = "operator", _("Station operator")
    FARMER = "farmer", _("Farmer")
    BUYER = "buyer", _("Buyer")


class User(AbstractUser):
    """A person on Taocun. The role decides the pages and actions; villagers belong to a home village."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.BUYER, db_index=True)
    home_village = models.ForeignKey(
        "villages.Village",
        verbose_name=_("home village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
    )
    # A home village claimed at sign-up is the farmer's word only, until the village's station operator (or an
    # admin) confirms it: private village figures, opening a shop there and the identity check wait for that.
    home_village_confirmed_at = models.DateTimeField(_("home village confirmed at"), null=True, blank=True)
    home_village_confirmed_by = models.ForeignKey(
        "self",
        verbose_name=_("home village confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Set when the owner proved the number with an SMS code (then `phone` is E.164 and unique among verified
    # numbers): only a verified number logs in by code.
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)
    # A villager the station operator registered in person (a name, and a number or none): they have no password,
    # and confirm the number by logging in with a code sent to it; with no number, messages go to the station.
    registered_by = models.ForeignKey(
        "self",
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    is_disadvantaged = models.BooleanField(
        _("registered poor household"),
        default=False,
        help_text=_("Counted apart in the income statistics (poverty alleviation)."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"],
                condition=models.Q(phone_verified_at__isnull=False),
                name="user_verified_phone_unique",
            )
        ]

    def clean(self):
        super().clean()
        if self.role == Role.FARMER and self.home_village_id is None:
            raise ValidationError({"home_village": _("A farmer must choose their home village.")})

    @property
    def home_village_confirmed(self) -> bool:
        return bool(self.home_village_id and self.home_village_confirmed_at)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_operator(self) -> bool:
        return self.role == Role.STATION_OPERATOR

    @property
    def is_farmer(self) -> bool:
        return self.role == Role.FARMER

    @property
    def is_buyer(self) -> bool:
        return self.role == Role.BUYER

    def get_full_name(self) -> str:
        """ "李芳" for a name written in Chinese (family name first, no space), "Rui Long" otherwise."""
        first, last = self.first_name.strip(), self.last_name.strip()
        if written_in_chinese(first + last):  # a Chinese name: family name first
            return f"{last}{first}"
        return super().get_full_name()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class UserDevice(models.Model):
    """A device (hashed fingerprint, core.middleware.DeviceMiddleware) a user was seen buying or selling from.

    Two accounts on one device trading with each other is how one villager washes trades between their accounts.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="devices")
    device = models.CharField(_("device"), max_length=40)
    first_seen = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        constraints = [models.UniqueConstraint(fields=["user", "device"], name="user_device_unique")]
        indexes = [models.Index(fields=["device", "last_seen"])]

    def __str__(self):
        return f"{self.user_id}:{self.device[:8]}"


class PhoneCodePurpose(models.TextChoices):
    LOGIN = "login", _("Log in")
    SIGN_UP = "signup", _("Sign up")
    RESET = "reset", _("Password reset")
    VERIFY = "verify", _("Phone verification")


class PhoneCode(models.Model):
    """A 6-digit code sent by SMS to prove a mobile number. Only its keyed hash is kept (accounts.services);
    the latest code of a number and purpose is the only one that counts."""

    phone = models.CharField(_("phone"), max_length=20)
    purpose = models.CharField(_("purpose"), max_length=10, choices=PhoneCodePurpose.choices)
    # The user a `verify` code is for (the number goes on that account); none for the other purposes.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=64)
    sent = models.BooleanField(_("sent"), default=False, help_text=_("No SMS goes to a number without an account."))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    client_ip = models.CharField(_("client address"), max_length=45, blank=True)

    class Meta:
        verbose_name = _("phone code")
        verbose_name_plural = _("phone codes")
        indexes = [models.Index(fields=["phone", "purpose", "-created_at"], name="phone_code_latest")]

    def __str__(self):
        return f"{self.phone} {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"
