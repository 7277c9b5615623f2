import re
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.quantity import unit_name
from core.storage import private_storage
from shops import catalogue_cache, search
from shops.labels import category_label


class SearchDocumentField(models.TextField):
    """A product's search tokens (shops/search.py): a `tsvector` on PostgreSQL (GIN-indexed), text elsewhere."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)


class CatalogueQuerySet(models.QuerySet):
    """Bulk writes (the orders' stock and sales updates, reordered photos) move the catalogue's cached answers
    on like saves do (shops.catalogue_cache; saves and deletes through the signals of ShopsConfig.ready)."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            catalogue_cache.changed()
        return rows

    def bulk_update(self, objs, fields, batch_size=None):
        rows = super().bulk_update(objs, fields, batch_size=batch_size)
        if rows:
            catalogue_cache.changed()
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            catalogue_cache.changed()
        return created


class SalesChannel(models.Model):
    """A platform a shop also sells on (Taobao, JD.com, Suning, Pinduoduo, own site)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=64)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("sales channel")
        verbose_name_plural = _("sales channels")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language (pages and API alike)."""
        return category_label(self.name)


class Category(models.Model):
    """A node of the produce category tree."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    name = models.CharField(_("name"), max_length=64)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language (pages and API alike)."""
        return category_label(self.name)


class ShopStatus(models.TextChoices):
    # Contexts of their own: a dispute is "open" too (处理中), and a station closes (French genders differ).
    OPEN = "open", pgettext_lazy("shop status", "Open")
    SUSPENDED = "suspended", pgettext_lazy("shop status", "Suspended")
    CLOSED = "closed", pgettext_lazy("shop status", "Closed")


class Shop(models.Model):
    """A villager's online shop (or a cooperative's), located in its village."""

    village = models.ForeignKey(
        "villages.Village", on_delete=models.PROTECT, related_name="shops", verbose_name=_("village")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_shops",
        verbose_name=_("owner"),
        help_text=_("The farmer who runs the shop (for a cooperative: its representative)."),
    )
    is_cooperative = models.BooleanField(_("cooperative"), default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="member_of_shops", verbose_name=_("cooperative members")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ShopStatus.choices, default=ShopStatus.OPEN)
    opened_on = models.DateField(_("opened on"))
    channels = models.ManyToManyField(SalesChannel, blank=True, related_name="shops", verbose_name=_("also sells on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=pgettext_lazy("shop", "opened by"),
        help_text=_("The owner, or the station operator who opened it on their behalf."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Denormalised from the visible reviews of its products (shops.services.rating_refresh, same transaction).
    rating_average = models.DecimalField(_("average rating"), max_digits=3, decimal_places=2, default=Decimal("0"))
    rating_count = models.PositiveIntegerField(_("reviews"), default=0)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        indexes = [
            models.Index(fields=["village", "status"]),
            # Certification reads a range of villages' shops index-only, in (village, id) order.
            models.Index(fields=["village", "id"], include=["status", "opened_on"], name="shop_village_order"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shops:shop_detail", args=[self.slug])


class Unit(models.TextChoices):
    KG = "kg", _("kg")
    JIN = "jin", _("jin (500 g)")
    PIECE = "piece", _("piece")
    PORTION = "portion", _("portion")
    BOX = "box", _("box")
    BOTTLE = "bottle", _("bottle")


# Sane unit prices (yuan) when no admin has set UnitPriceBound for the unit: a fen-priced "sale" or a trillion-yuan
# kilo of apples is a trick to wash trades or inflate sales, never produce.
DEFAULT_UNIT_PRICE_BOUNDS: dict[str, tuple[Decimal, Decimal]] = {
    "kg": (Decimal("0.10"), Decimal("2000.00")),
    "jin": (Decimal("0.05"), Decimal("1000.00")),
    "piece": (Decimal("0.10"), Decimal("50000.00")),
    "portion": (Decimal("0.10"), Decimal("5000.00")),
    "box": (Decimal("0.50"), Decimal("20000.00")),
    "bottle": (Decimal("0.10"), Decimal("10000.00")),
}


class UnitPriceBound(models.Model):
    """The lowest and highest unit price a product sold by this unit may have (admins edit them)."""

    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, unique=True)
    min_price = models.DecimalField(_("lowest unit price"), max_digits=14, decimal_places=2)
    max_price = models.DecimalField(_("highest unit price"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("unit price bound")
        verbose_name_plural = _("unit price bounds")
        constraints = [
            models.CheckConstraint(condition=Q(min_price__gt=0), name="unit_price_bound_min_positive"),
            models.CheckConstraint(condition=Q(max_price__gte=F("min_price")), name="unit_price_bound_ordered"),
        ]

    def __str__(self):
        return f"{self.unit}: {self.min_price}–{self.max_price}"


def unit_label(code: str) -> str:
    """A unit code ("box") by its name after a number in the active language (箱, caisse); an unknown code as it
    is. The choice labels above ("jin (500 g)") explain the unit in forms; after a number, "斤" is enough."""
    return unit_name(code)


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Product(models.Model):
    """A produce listing. Quantities are Decimal: 1.5 kg of pickled cabbage is an order, 0.3 portions is not."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="products", verbose_name=_("shop"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.KG)
    # With options (ProductVariant), the lowest price of the options on sale; `price_max` the highest (null or
    # equal when there is one price): the catalogue shows "¥12–30". Written by shops.services with the options.
    unit_price = models.DecimalField(_("unit price (yuan)"), max_digits=14, decimal_places=2)
    price_max = models.DecimalField(
        _("highest option price (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The total stock of the options on sale (the options hold the stock; checkout takes both in one statement).
    stock = models.DecimalField(_("stock"), max_digits=12, decimal_places=3, default=Decimal("0"))
    order_step = models.DecimalField(
        _("order step"),
        max_digits=10,
        decimal_places=3,
        default=Decimal("1"),
        help_text=_("Quantities are multiples of this (0.5 for half kilos, 1 for whole portions)."),
    )
    order_minimum = models.DecimalField(_("minimum order"), max_digits=10, decimal_places=3, default=Decimal("1"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProductStatus.choices, default=ProductStatus.DRAFT, db_index=True
    )
    is_local_specialty = models.BooleanField(_("local specialty"), default=False)
    produced_on = models.DateField(_("produced or harvested on"), null=True, blank=True)
    shelf_life_days = models.PositiveIntegerField(_("shelf life (days)"), null=True, blank=True)
    # Read by logistics to price freight: what one unit weighs packed, for products not sold by kg or jin.
    shipping_weight_kg = models.DecimalField(
        _("shipping weight per unit (kg)"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "Packed weight of one unit, for freight (1 kg if empty). Not needed for produce sold by kg or jin."
        ),
    )
    units_sold = models.DecimalField(
        _("units sold"),
        max_digits=14,
        decimal_places=3,
        default=Decimal("0"),
        help_text=_("Kept up to date by the orders app for the best-selling sort."),
    )
    # Denormalised from its visible reviews (shops.services.rating_refresh, in the review's transaction), so the
    # catalogue shows and sorts by rating without aggregating per page.
    rating_average = models.DecimalField(_("average rating"), max_digits=3, decimal_places=2, default=Decimal("0"))
    rating_count = models.PositiveIntegerField(_("reviews"), default=0)
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="listed_products",
        verbose_name=_("listed by"),
        help_text=_("The farmer, or the station operator who listed it on the farmer's behalf."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Written from the name and description on every save (search.product_document); read by the catalogue.
    search_document = SearchDocumentField(default="", db_default="", blank=True, editable=False)
    search_words = models.TextField(default="", db_default="", blank=True, editable=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="product_price_positive"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="product_stock_not_negative"),
            models.CheckConstraint(condition=Q(order_step__gt=0), name="product_step_positive"),
            models.CheckConstraint(condition=Q(order_minimum__gt=0), name="product_minimum_positive"),
            models.CheckConstraint(
                condition=Q(shipping_weight_kg__isnull=True) | Q(shipping_weight_kg__gt=0),
                name="product_shipping_weight_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["status", "unit_price"]),
            # The best-selling sort of the catalogue.
            models.Index(fields=["status", "-units_sold"], name="product_best_selling_idx"),
            models.Index(fields=["status", "-rating_average", "-rating_count"], name="product_rating_idx"),
            # The catalogue's capped count (plain or by category) from the index alone: 1 ms instead of 9 ms
            # reading 5,001 rows at 100,000 products.
            models.Index(fields=["status", "category", "shop"], name="product_listed_count_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or {"name", "description"} & set(update_fields):
            self.search_fields_fill()
            if update_fields is not None:
                update_fields = {*update_fields, "search_document", "search_words"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        return reverse("shops:product_detail", args=[self.pk])

    @cached_property
    def options(self) -> "list[ProductVariant]":
        """Its options on sale, in their order (shops.selectors.product_detail prefetches them here)."""
        return list(self.variants.filter(is_active=True).order_by("position", "pk"))

    @property
    def option_default(self) -> "ProductVariant | None":
        """The option a buyer finds picked: the first one on sale with its minimum order in stock."""
        return next((option for option in self.options if not option.sold_out), None)

    @property
    def options_same_rule(self) -> bool:
        """All its options share one step and minimum: the quantity box can step by them."""
        return len({(option.order_step, option.order_minimum) for option in self.options}) <= 1

    @property
    def has_price_range(self) -> bool:
        """Options at different prices: the catalogue shows the range, from `unit_price` to `price_max`."""
        return self.price_max is not None and self.price_max > self.unit_price

    def search_fields_fill(self) -> None:
        """Derive the search tokens from the name and description (bulk inserts call it themselves)."""
        for field, value in search.product_search_fields(self.name, self.description).items():
            setattr(self, field, value)


class ProductVariant(models.Model):
    """One option of a product that a buyer picks (5 斤装 / 10 斤装, a grade): its own price, stock, step, minimum
    and packed weight. A product has at least one; a product without options has exactly one, with an empty
    name. The variant is what is sold and what holds stock (issue 18): orders and carts name it, pre-sales and
    group buys are offered on it.

    The product's own `unit_price` and `stock` are the catalogue's summary of its variants (the lowest active
    price and the total stock), written in the same transaction as any change of a variant, so the catalogue
    sorts, filters and counts on one table."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product"))
    name = models.CharField(
        _("option"), max_length=60, blank=True, help_text=_("What the buyer picks: 5 斤装, 10 斤装, grade A.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    unit_price = models.DecimalField(_("unit price (yuan)"), max_digits=14, decimal_places=2)
    stock = models.DecimalField(_("stock"), max_digits=12, decimal_places=3, default=Decimal("0"))
    order_step = models.DecimalField(_("order step"), max_digits=10, decimal_places=3, default=Decimal("1"))
    order_minimum = models.DecimalField(_("minimum order"), max_digits=10, decimal_places=3, default=Decimal("1"))
    shipping_weight_kg = models.DecimalField(
        _("shipping weight per unit (kg)"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    units_sold = models.DecimalField(_("units sold"), max_digits=14, decimal_places=3, default=Decimal("0"))
    is_active = models.BooleanField(_("on sale"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["product", "position", "pk"]
        verbose_name = _("product option")
        verbose_name_plural = _("product options")
        constraints = [
            models.UniqueConstraint(fields=["product", "name"], name="variant_unique_name_per_product"),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="variant_price_positive"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="variant_stock_not_negative"),
            models.CheckConstraint(condition=Q(order_step__gt=0), name="variant_step_positive"),
            models.CheckConstraint(condition=Q(order_minimum__gt=0), name="variant_minimum_positive"),
            models.CheckConstraint(
                condition=Q(shipping_weight_kg__isnull=True) | Q(shipping_weight_kg__gt=0),
                name="variant_shipping_weight_positive",
            ),
        ]

    def __str__(self):
        return f"{self.product} · {self.name}" if self.name else str(self.product)

    @property
    def unit(self) -> str:
        """The product's unit (a variant is sold in its product's unit): the quantity rules read it."""
        return self.product.unit

    @property
    def sold_out(self) -> bool:
        """Less than its minimum order left."""
        return self.stock < self.order_minimum


class SearchSynonym(models.Model):
    """Words buyers use for the same produce (土豆 马铃薯 洋芋): a search for one finds the others."""

    words = models.CharField(
        _("words"),
        max_length=200,
        unique=True,
        help_text=_("Two or more words for the same produce, separated by spaces or commas: 红薯 地瓜 番薯."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["words"]
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return self.words

    @property
    def word_list(self) -> list[str]:
        return [word for word in re.split(r"[\s,，、;；]+", self.words) if word]


class ImageStatus(models.TextChoices):
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", pgettext_lazy("photo status", "Failed")


def _image_path(instance, filename: str) -> str:
    return f"products/{instance.product_id}/{filename}"


def _original_path(instance, filename: str) -> str:
    return f"uploads/products/{instance.product_id}/{filename}"


class ProductImage(models.Model):
    """A product photo: as uploaded (private, until the worker has cleaned it), then the cleaned photo
    (metadata stripped, public) and its thumbnails, all made by a Celery task."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images", verbose_name=_("product"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    original = models.FileField(
        _("photo as uploaded"), upload_to=_original_path, storage=private_storage, blank=True, max_length=200
    )
    image = models.ImageField(_("image"), upload_to=_image_path, width_field="width", height_field="height", blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_small = models.ImageField(_("thumbnail 320 px"), upload_to=_image_path, blank=True)
    thumbnail_large = models.ImageField(_("thumbnail 960 px"), upload_to=_image_path, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ImageStatus.choices, default=ImageStatus.PROCESSING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["product", "position", "pk"]
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    def __str__(self):
        return f"{self.product} #{self.position}"


# --- Reviews: a buyer rates a line of a completed order (orders.services.review_post checks the purchase)


def _review_photo_path(instance, filename: str) -> str:
    return f"reviews/{instance.review_id}/{filename}"


def _review_original_path(instance, filename: str) -> str:
    return f"uploads/reviews/{instance.review_id}/{filename}"


class Review(models.Model):
    """One per order line. `order_line_id` is the orders app's OrderLine (a plain id: shops sits below orders and
    never imports it; orders.services.reviews checks the line is the author's, of a completed order). A hidden
    review (admins, with a reason) is left out of pages and averages; `counts` is false while its order is held
    by the anti-fraud rules (a suspect buyer's stars are not shown in averages)."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("product"))
    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("shop"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    order_line_id = models.BigIntegerField(_("order line"), unique=True)
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("review"), blank=True, max_length=1000)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    has_photos = models.BooleanField(default=False)
    counts = models.BooleanField(_("counts in the average"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reply = models.TextField(_("seller's answer"), blank=True, max_length=1000)
    replied_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=255, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-has_photos", "-created_at", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="review_rating_1_to_5"),
        ]
        indexes = [
            models.Index(fields=["product", "hidden", "-has_photos", "-created_at"], name="review_product_page_idx"),
            models.Index(fields=["shop", "hidden", "-has_photos", "-created_at"], name="review_shop_page_idx"),
        ]

    def __str__(self):
        return f"{self.product_id} {self.rating}"

    @property
    def author_display(self) -> str:
        """What other buyers read: the name with its middle hidden, or nothing but 匿名 for an anonymous review."""
        if self.anonymous:
            return str(_("Anonymous buyer"))
        name = self.author.username
        return name[:1] + "***" + (name[-1:] if len(name) > 2 else "")


class ReviewPhoto(models.Model):
    """A review photo through the product photo pipeline (shops.photos): the original private until the worker
    has cleaned it, then the clean photo and its 320 px thumbnail."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos", verbose_name=_("review"))
    original = models.FileField(
        _("photo as uploaded"), upload_to=_review_original_path, storage=private_storage, blank=True, max_length=200
    )
    image = models.ImageField(_("image"), upload_to=_review_photo_path, blank=True)
    thumbnail_small = models.ImageField(_("thumbnail 320 px"), upload_to=_review_photo_path, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ImageStatus.choices, default=ImageStatus.PROCESSING)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["review", "pk"]
        verbose_name = _("review photo")
        verbose_name_plural = _("review photos")

    def __str__(self):
        return f"{self.review_id} #{self.pk}"


# Defined in their own packages, registered here: traceability batches (shops/batches/) and the bulk listing from a
# spreadsheet (shops/imports/).
from shops.batches.models import BatchPhoto, ProduceBatch  # noqa: E402, F401
from shops.imports.models import ProductImport, ProductImportKey  # noqa: E402, F401
