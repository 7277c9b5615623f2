from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.i18n import chinese_page


def place_label(name: str, name_zh: str | None) -> str:
    """A place's name in the active language: its Chinese name (name_zh) on a Chinese page, when one is stored."""
    if name_zh and chinese_page():
        return name_zh
    return name


class PlaceName:
    """Places are shown by their Chinese name (name_zh) when the page is in Chinese and one is stored."""

    @property
    def label(self) -> str:
        return place_label(self.name, self.name_zh)


class Province(PlaceName, models.Model):
    """A provincial-level division of mainland China (31, loaded by a data migration)."""

    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("GB/T 2260 two-digit code"))
    name = models.CharField(_("name"), max_length=64, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=32)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.label


class County(PlaceName, models.Model):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="counties", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=64)
    name_zh = models.CharField(_("Chinese name"), max_length=32, blank=True)
    is_poverty_county = models.BooleanField(
        _("national poverty county"), default=False, help_text=_("Nationally designated poverty-stricken county.")
    )

    class Meta:
        ordering = ["province__code", "name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        constraints = [models.UniqueConstraint(fields=["province", "name"], name="county_unique_name_in_province")]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("villages:county_detail", args=[self.pk])


class Township(PlaceName, models.Model):
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="townships", verbose_name=_("county"))
    name = models.CharField(_("name"), max_length=64)
    name_zh = models.CharField(_("Chinese name"), max_length=32, blank=True)

    class Meta:
        ordering = ["county__name", "name"]
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="township_unique_name_in_county")]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("villages:township_detail", args=[self.pk])


class Village(PlaceName, models.Model):
    """A rural administrative village."""

    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="villages", verbose_name=_("township")
    )
    name = models.CharField(_("name"), max_length=64)
    name_zh = models.CharField(_("Chinese name"), max_length=32, blank=True)
    population = models.PositiveIntegerField(_("population"), default=0)
    households = models.PositiveIntegerField(_("households"), default=0)
    is_poor_village = models.BooleanField(_("poor village"), default=False)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="village_unique_name_in_township")]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("villages:village_detail", args=[self.pk])


class StationStatus(models.TextChoices):
    # Contexts of their own: "Active" is also a loan status, which Chinese words differently (还款中), and
    # shops are suspended and closed too (French: une boutique fermée, un point de service fermé).
    ACTIVE = "active", pgettext_lazy("station status", "Active")
    SUSPENDED = "suspended", pgettext_lazy("station status", "Suspended")
    CLOSED = "closed", pgettext_lazy("station status", "Closed")


class ServiceStation(models.Model):
    """The village service station, run by a local operator: buys for villagers, sells their produce."""

    village = models.OneToOneField(Village, on_delete=models.PROTECT, related_name="station", verbose_name=_("village"))
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="operated_stations",
        verbose_name=_("operator"),
        limit_choices_to={"role": "operator"},
    )
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    opened_on = models.DateField(pgettext_lazy("station", "opened on"))
    status = models.CharField(_("status"), max_length=16, choices=StationStatus.choices, default=StationStatus.ACTIVE)

    class Meta:
        ordering = ["village__name"]
        verbose_name = _("service station")
        verbose_name_plural = _("service stations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("villages:station_detail", args=[self.pk])


# --- the national divisions behind the address book (villages/data/divisions/: prefecture and county level)

PSEUDO_PREFECTURES = ("市辖区", "县")  # a municipality's own districts and counties, under no real city


class City(models.Model):
    """A prefecture-level division (地级: city, prefecture, league), NBS statistical code of 4 digits."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="cities", verbose_name=_("province"))
    code = models.CharField(_("code"), max_length=4, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=32)

    class Meta:
        ordering = ["code"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return self.name_zh

    @property
    def is_pseudo(self) -> bool:
        return self.name_zh in PSEUDO_PREFECTURES


class District(models.Model):
    """A county-level division (县级: district, county, county-level city), NBS statistical code of 6 digits.
    Apart from County, which holds the counties Taocun's villages are in, with their English names."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="districts", verbose_name=_("city"))
    code = models.CharField(_("code"), max_length=6, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=32)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county or district")
        verbose_name_plural = _("counties and districts")

    def __str__(self):
        return self.name_zh


class Address(models.Model):
    """A saved ship-to address of a user (the address book); at most one is the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("user")
    )
    recipient_name = models.CharField(_("recipient"), max_length=100)
    recipient_phone = models.CharField(_("phone"), max_length=20, help_text=_("E.164, validated with phonenumbers."))
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("county or district")
    )
    street = models.CharField(_("street address"), max_length=255)
    is_default = models.BooleanField(_("default"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-is_default", "-updated_at", "-pk"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_default=True), name="address_one_default_per_user"
            )
        ]

    def __str__(self):
        return f"{self.recipient_name} {self.region_text} {self.street}"

    @property
    def city_text(self) -> str:
        """The city as an order stores it: the municipality itself for its pseudo-prefecture."""
        return self.province.name_zh if self.city.is_pseudo else self.city.name_zh

    @property
    def region_text(self) -> str:
        """ "浙江省杭州市西湖区", big to small, as Chinese addresses are written."""
        city = "" if self.city.is_pseudo else self.city.name_zh
        return f"{self.province.name_zh}{city}{self.district.name_zh}"
