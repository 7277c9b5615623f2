"""Reads for shops and the catalogue: one query builder shared by pages and the API."""

from __future__ import annotations

import contextvars
import datetime
from decimal import Decimal

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Field,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.functional import cached_property

from shops import search as search_text
from shops.models import (
    DEFAULT_UNIT_PRICE_BOUNDS,
    Category,
    ImageStatus,
    Product,
    ProductImage,
    ProductStatus,
    ProductVariant,
    SalesChannel,
    SearchSynonym,
    Shop,
    ShopStatus,
    UnitPriceBound,
)
from villages.selectors import operated_village_ids

# After relevance, the popular first: units sold, then the rating (denormalised on the product by shops.reviews).
POPULARITY = ("-units_sold", "-rating_average")
SORTS = {
    "relevance": ("-relevance", *POPULARITY, "-pk"),  # with a search; without one it is "newest"
    "newest": ("-created_at", "-pk"),
    "price_asc": ("unit_price", "pk"),
    "price_desc": ("-unit_price", "-pk"),
    "best_selling": ("-units_sold", "-pk"),
    "rating": ("-rating_average", "-rating_count", "-pk"),
}
DEFAULT_SORT = "relevance"
SYNONYMS_CACHE_KEY = "shops:search-synonyms"
SUGGESTIONS = 8
SUGGESTION_FIELDS = ("pk", "name", "unit_price", "unit")

PRODUCT_RELATED = ("shop__village__township__county__province", "category__parent")
SEARCH_FIELDS = ("search_document", "search_words")


# Counting every match of a broad query over 100,000 products costs more than the page itself; past this
# many, pages say "5,000+" and the API's count stops there (refine the search to see further).
COUNT_CAP = 5_000


class CappedPaginator(Paginator):
    """A paginator whose count stops at COUNT_CAP: `SELECT COUNT(*) FROM (... LIMIT cap + 1)`, unordered.

    Searches are never counted on their own. One ranked by relevance first tries its page and one row more
    among the best sellers (`best_sellers_first`: a few milliseconds however many products match); if that
    fills the page and the probe row, `open_ended` says there are more ("More than 24 products"; the API's
    `count` is null) and nothing else is read. Otherwise, and for searches in another order, the page comes
    with the exact count from the one query that ranks every match (`COUNT(*) OVER ()`).
    """

    cap = COUNT_CAP

    def __init__(self, object_list, per_page, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._fetched: tuple[int, list] | None = None
        self.open_ended = False

    @cached_property
    def count(self) -> int:
        return min(self.object_list.order_by()[: self.cap + 1].count(), self.cap + 1)

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    @property
    def shown_through(self) -> int:
        """With `open_ended`: how many matches the pages up to this one hold (there are more)."""
        return self.count - 1

    @cached_property
    def num_pages(self) -> int:
        return min(Paginator.num_pages.func(self), -(-self.cap // self.per_page))

    def get_page(self, number):
        # Django's get_page validates the number against the count first: a ranked list fetches its page (and
        # what it knows of the count) before, or the count alone would read up to 5,001 matches.
        if self._ranked() and "count" not in self.__dict__:
            try:
                self._fetch(max(1, int(number)))
            except (TypeError, ValueError):
                self._fetch(1)
        return super().get_page(number)

    def page(self, number):
        if self._ranked() and "count" not in self.__dict__:
            self._fetch(number)
        return super().page(number)

    def _ranked(self) -> bool:
        return isinstance(self.object_list, QuerySet) and "relevance" in self.object_list.query.annotations

    def _fetch(self, number) -> None:
        try:
            number = int(number)
        except (TypeError, ValueError):
            return
        if number < 1:
            return
        if tuple(self.object_list.query.order_by) == SORTS["relevance"]:
            self._fetch_probed(number)
        else:
            self._fetch_with_count(number)

    def _fetch_probed(self, number: int) -> None:
        bottom = (number - 1) * self.per_page
        wanted = bottom + self.per_page + 1  # the page and the probe row
        ids = best_sellers_first(self.object_list, wanted)
        if ids is None:
            self._fetch_with_count(number)
            return
        self.open_ended = True
        self.__dict__["count"] = wanted  # a lower bound: one more than the pages up to here hold
        self._fetch_rows(number, ids[bottom : bottom + self.per_page])

    def _fetch_with_count(self, number: int) -> None:
        bottom = (number - 1) * self.per_page
        # Narrow rows first (id, rank, count): thousands of matches are sorted without their joined columns;
        # then the page's rows in full, by id.
        ranked = self.object_list.annotate(matches=Window(Count("*"))).values_list("pk", "matches")
        ranked = list(ranked[bottom : bottom + self.per_page])
        if ranked:  # past the end, the plain count says where the last page is
            self.__dict__["count"] = min(ranked[0][1], self.cap + 1)
            self._fetch_rows(number, [pk for pk, _n in ranked])

    def _fetch_rows(self, number: int, ids: list[int]) -> None:
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
        self._fetched = (number, [rows[pk] for pk in ids if pk in rows])

    def _get_page(self, object_list, number, paginator):
        if self._fetched and self._fetched[0] == number:
            object_list = self._fetched[1]
        return super()._get_page(object_list, number, paginator)


def channel_list() -> QuerySet[SalesChannel]:
    return SalesChannel.objects.order_by("pk")


def category_list() -> QuerySet[Category]:
    """Every category with its parent, parents first then by position (a tree fits in one query)."""
    return Category.objects.select_related("parent").order_by("parent_id", "position", "name")


def category_choices() -> QuerySet[Category]:
    """Each top-level category followed by its children: the order of a select box."""
    return Category.objects.order_by(
        Coalesce("parent__position", "position"),
        Coalesce("parent_id", "id"),
        F("parent_id").asc(nulls_first=True),
        "position",
        "name",
    )


def category_tree() -> list[tuple[Category, list[Category]]]:
    """Top-level categories with their children, in display order (one query)."""
    categories = list(Category.objects.order_by("position", "name"))
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(category)
    return [(category, children.get(category.pk, [])) for category in categories if category.parent_id is None]


def category_and_descendants(category: Category) -> QuerySet[Category]:
    """The category and everything under it (three levels), as a subquery: no extra round trip."""
    return Category.objects.filter(Q(pk=category.pk) | Q(parent=category.pk) | Q(parent__parent=category.pk)).values(
        "pk"
    )


# --- search (shops/search.py says what is matched and why)


def search_synonyms() -> dict[str, tuple[str, ...]]:
    """The admins' synonym groups as a map, cached until one changes (services.search_synonyms_changed)."""
    return cache.get_or_set(
        SYNONYMS_CACHE_KEY,
        lambda: search_text.synonym_map(group.word_list for group in SearchSynonym.objects.all()),
        timeout=None,
    )


class _TsQueryField(Field):
    def db_type(self, connection):
        return "tsquery"


_documents_unindexed: contextvars.ContextVar[bool] = contextvars.ContextVar("documents_unindexed", default=False)


class _DocumentMatches(Func):
    """`search_document @@ '...'::tsquery`: served by the GIN index on PostgreSQL, except while
    `_documents_unindexed` is set (`(search_document || '') @@ ...`: the same test, that no index serves)."""

    arg_joiner = " @@ "
    template = "%(expressions)s"
    output_field = BooleanField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        if _documents_unindexed.get():
            document, _sep, tsquery = sql.partition(" @@ ")
            sql = f"({document} || ''::tsvector) @@ {tsquery}"
        return sql, params


class _WordsResemble(Func):
    """`'xiangu' <% search_words`: pg_trgm's word similarity above its threshold (0.6), trigram-indexed."""

    arg_joiner = " <%% "
    template = "%(expressions)s"
    output_field = BooleanField()


def _tsquery_match(text: str):
    return _DocumentMatches(F("search_document"), Cast(Value(text), _TsQueryField()))


def _like_match(readings: list) -> Q:
    """SQLite: every term of some alternative of every word, found in the token text (no adjacency)."""
    condition = Q(pk__in=[])
    for reading in readings:
        conjunction = Q()
        for alternatives in reading:
            either = Q(pk__in=[])
            for terms in alternatives:
                both = Q()
                for term in terms:
                    both &= Q(search_document__contains=f"'{term.token}" + ("" if term.prefix else "':"))
                either |= both
            conjunction &= either
        condition |= conjunction
    return condition


def _literal_match(query: search_text.SearchQuery):
    """What was typed, found in a name: the upper relevance tier."""
    if connection.vendor == "postgresql":
        return _tsquery_match(query.tsquery(literal_in_name=True))
    literal = search_text.SearchQuery(
        words=[[phrase for phrase in alternatives if phrase.literal] for alternatives in query.words],
        joined=[phrase for phrase in query.joined if phrase.literal],
    )
    return _like_match(literal.like_terms())


def search_parse(text: str) -> search_text.SearchQuery:
    """What was typed, parsed once per request (with the admins' synonyms)."""
    return search_text.search_query(text, synonyms=search_synonyms())


def product_search(
    qs: QuerySet[Product], query: search_text.SearchQuery, *, approximate: bool = False
) -> QuerySet[Product]:
    """Products matching the search, with their `relevance` (2: what was typed is in the name, 1: pinyin,
    initials, synonyms, homophones or the description). `approximate` (PostgreSQL): words of four letters or
    more may also resemble the name's words or pinyin (typos); callers try it when nothing matched."""
    if not query:
        qs = qs.alias(named_match=ExpressionWrapper(Q(pk__isnull=False), output_field=BooleanField()))
        return qs.annotate(relevance=Value(0, output_field=IntegerField()))
    if connection.vendor != "postgresql":
        qs = qs.filter(_like_match(query.like_terms()))
    elif approximate:
        for index, typo in enumerate(query.typos):
            match = Q(_tsquery_match(query.word_tsquery(index)))
            qs = qs.filter(match | Q(_WordsResemble(Value(typo), F("search_words"))) if typo else match)
    else:
        qs = qs.filter(_tsquery_match(query.tsquery()))
    # `named_match`: what was typed, found in a name (the upper tier, which pages and suggestions read first).
    qs = qs.alias(named_match=ExpressionWrapper(_literal_match(query), output_field=BooleanField()))
    return qs.annotate(
        relevance=Case(When(named_match=True, then=Value(2)), default=Value(1), output_field=IntegerField())
    )


def _may_be_approximate(query: search_text.SearchQuery) -> bool:
    """Could a search that found nothing find something approximately (PostgreSQL, a word of 4+ letters)?"""
    return connection.vendor == "postgresql" and any(query.typos)


def product_suggestions(*, text: str, limit: int = SUGGESTIONS) -> list[dict]:
    """What to offer while a buyer types: the best matching products' ids and names (one or two light queries)."""
    if not text.strip() or (len(text.strip()) < 2 and text.strip().isascii()):
        return []
    published = Product.objects.filter(status=ProductStatus.PUBLISHED, shop__status=ShopStatus.OPEN)
    qs = product_search(published, search_parse(text))
    found = best_sellers_first(qs, limit, fields=SUGGESTION_FIELDS)
    if found is None:
        found = list(qs.order_by(*SORTS["relevance"]).values(*SUGGESTION_FIELDS)[:limit])
    return found


# How many of the best-selling products a search reads first (issue 25). Ranking every match costs a recheck of
# each (30-60 ms for the 7,000 shiitakes of 100,000 products); a broad query's first pages are among the
# best sellers anyway.
WALK = 1_000


def best_sellers_first(qs: QuerySet[Product], wanted: int, *, fields: tuple[str, ...] = ()) -> list | None:
    """The first `wanted` ids (or dicts of `fields`) of a search in relevance order, if they are all among the
    WALK best-selling products and match what was typed in their name (`named_match`, the upper tier); else
    None, and the caller ranks every match. Correct whenever it answers: a match it does not read sells less
    than every row it read.

    PostgreSQL reads the best-selling index from the top down to the WALK-th product's sales (one subquery) and
    tests each row's document on the way; the documents are compared without their GIN index, whose row
    estimates for phrases and prefixes are far too low (it would fetch and rank every match instead)."""
    key = POPULARITY[0].lstrip("-")
    floor = Product.objects.filter(status=ProductStatus.PUBLISHED).order_by(f"-{key}").values(key)[WALK - 1 : WALK]
    bounded = qs.filter(named_match=True, **{f"{key}__gte": Subquery(floor)}).order_by(*POPULARITY, "-pk")
    bounded = bounded.values(*fields) if fields else bounded.values_list("pk", flat=True)
    token = _documents_unindexed.set(True)
    try:
        rows = list(bounded[:wanted])
    finally:
        _documents_unindexed.reset(token)
    return rows if len(rows) == wanted else None


def _ready_images() -> Prefetch:
    return Prefetch(
        "images",
        queryset=ProductImage.objects.filter(status=ImageStatus.READY).order_by("position", "pk"),
        to_attr="ready_images",
    )


def product_list(
    *, search: str = "", sort: str = DEFAULT_SORT, queryset: QuerySet[Product] | None = None, **filters
) -> QuerySet[Product]:
    """Catalogue query: published products of open shops, searched, filtered (see _filtered) and sorted.

    Search matches every word in the name or the description (product_search: Chinese words inside longer
    text, pinyin, initials, synonyms); with a search the default sort is by relevance, then popularity.
    """
    qs = queryset if queryset is not None else product_list_public()
    if search.strip():
        query = search_parse(search)
        searched = product_search(qs, query)
        # Nothing found as typed: a typo ("xiangu", "shitake") may still resemble a name (one more query).
        if _may_be_approximate(query) and not _filtered(searched, **filters).exists():
            searched = product_search(qs, query, approximate=True)
        qs = searched
    elif sort == "relevance":
        sort = "newest"
    return _filtered(qs, **filters).order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def _price_filtered(qs: QuerySet[Product], *, price_min: Decimal | None, price_max: Decimal | None):
    """A product whose options on sale have any price in [price_min, price_max]. Its lowest (`unit_price`) and
    highest (`price_max`) price answer from the product row; only a product whose range straddles the window
    on both sides asks its options (an option may fall in the gap)."""
    highest = Coalesce("price_max", "unit_price")
    if price_min is not None:
        qs = qs.alias(highest_price=highest).filter(highest_price__gte=price_min)
    if price_max is not None:
        qs = qs.filter(unit_price__lte=price_max)
    if price_min is not None and price_max is not None:
        option_in_window = ProductVariant.objects.filter(
            product=OuterRef("pk"), is_active=True, unit_price__gte=price_min, unit_price__lte=price_max
        )
        qs = qs.filter(Q(unit_price__gte=price_min) | Q(highest_price__lte=price_max) | Exists(option_in_window))
    return qs


def _filtered(
    qs: QuerySet[Product],
    *,
    category: Category | None = None,
    province_id: int | None = None,
    county_id: int | None = None,
    village_id: int | None = None,
    shop_id: int | None = None,
    price_min: Decimal | None = None,
    price_max: Decimal | None = None,
    local_specialty: bool | None = None,
    in_stock: bool | None = None,
) -> QuerySet[Product]:
    """The catalogue's filters: category (with its sub-categories), place, shop, price, specialty, stock."""
    if category is not None:
        qs = qs.filter(category__in=category_and_descendants(category))
    if province_id:
        qs = qs.filter(shop__village__township__county__province_id=province_id)
    if county_id:
        qs = qs.filter(shop__village__township__county_id=county_id)
    if village_id:
        qs = qs.filter(shop__village_id=village_id)
    if shop_id:
        qs = qs.filter(shop_id=shop_id)
    qs = _price_filtered(qs, price_min=price_min, price_max=price_max)
    if local_specialty is not None:
        qs = qs.filter(is_local_specialty=local_specialty)
    # In stock means at least the minimum order is left: 0.5 kg of a 1 kg minimum cannot be bought.
    if in_stock is True:
        qs = qs.filter(stock__gte=F("order_minimum"))
    elif in_stock is False:
        qs = qs.filter(stock__lt=F("order_minimum"))
    return qs


def _all_images() -> Prefetch:
    return Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk"))


def _with_related(qs: QuerySet[Product], photos: str = "ready") -> QuerySet[Product]:
    """Shop, place and category joined; photos prefetched: the "ready" ones (cards) or "all" (API, detail)."""
    # The search fields are the widest columns and no page shows them (a save fills them again itself).
    qs = qs.select_related(*PRODUCT_RELATED).defer(*SEARCH_FIELDS)
    return qs.prefetch_related(_ready_images() if photos == "ready" else _all_images())


def product_list_public(*, photos: str = "ready") -> QuerySet[Product]:
    """What buyers see: published products of open shops."""
    products = Product.objects.filter(status=ProductStatus.PUBLISHED, shop__status=ShopStatus.OPEN)
    return _with_related(products, photos)


def product_list_visible(*, user, photos: str = "ready") -> QuerySet[Product]:
    """The public catalogue, plus every product (draft or archived too) of the shops the user manages."""
    if not user.is_authenticated:
        return product_list_public(photos=photos)
    if user.is_admin:
        return _with_related(Product.objects.all(), photos)
    public = Q(status=ProductStatus.PUBLISHED, shop__status=ShopStatus.OPEN)
    managed = Q(shop__in=shops_managed_by(user=user).values("pk"))
    return _with_related(Product.objects.filter(public | managed), photos)


def product_detail(*, pk: int, user) -> Product | None:
    """A product with its shop, village, category, ordered photos and its options on sale (`options`, in their
    order), if the user may see it."""
    options = Prefetch(
        "variants", queryset=ProductVariant.objects.filter(is_active=True).order_by("position", "pk"), to_attr="options"
    )
    return (
        product_list_visible(user=user, photos="all").prefetch_related("shop__channels", options).filter(pk=pk).first()
    )


def shop_list_public() -> QuerySet[Shop]:
    """Open shops with their village and address, and how many products they have on sale."""
    return (
        Shop.objects.filter(status=ShopStatus.OPEN)
        .select_related("village__township__county__province", "owner")
        .prefetch_related("channels")
        .annotate(product_count=Count("products", filter=Q(products__status=ProductStatus.PUBLISHED)))
        .order_by("name", "pk")
    )


def shop_list_visible(*, user) -> QuerySet[Shop]:
    """Open shops for everyone, plus (any status) the shops the user manages."""
    if not user.is_authenticated:
        return shop_list_public()
    managed = shops_managed_by(user=user).values("pk")
    return (
        Shop.objects.filter(Q(status=ShopStatus.OPEN) | Q(pk__in=managed))
        .select_related("village__township__county__province", "owner")
        .prefetch_related("channels")
        .annotate(product_count=Count("products", filter=Q(products__status=ProductStatus.PUBLISHED)))
        .order_by("name", "pk")
    )


def shops_managed_by(*, user) -> QuerySet[Shop]:
    """Shops the user may change: their own (owner or cooperative member), their village's (operators), all (admins)."""
    if not user.is_authenticated:
        return Shop.objects.none()
    if user.is_admin:
        return Shop.objects.all()
    condition = Q(owner=user) | Q(pk__in=Shop.members.through.objects.filter(user=user).values("shop_id"))
    if user.is_operator:
        condition |= Q(village_id__in=list(operated_village_ids(user=user)))
    return Shop.objects.filter(condition)


def shop_can_manage(*, user, shop: Shop) -> bool:
    """May this user change the shop and its products? Owner, cooperative member, the village's operator, admin."""
    if not user.is_authenticated:
        return False
    if user.is_admin or shop.owner_id == user.pk:
        return True
    if user.is_operator and shop.village_id in operated_village_ids(user=user):
        return True
    return shop.is_cooperative and shop.members.filter(pk=user.pk).exists()


def shop_list_for_manager(*, user, village_id: int | None = None) -> QuerySet[Shop]:
    """The shops a farmer, operator or admin manages, with product counts by status (one query)."""
    qs = shops_managed_by(user=user)
    if village_id is not None:
        qs = qs.filter(village_id=village_id)
    return (
        qs.select_related("village__township__county", "owner")
        .prefetch_related("channels")
        .annotate(
            published_count=Count("products", filter=Q(products__status=ProductStatus.PUBLISHED)),
            draft_count=Count("products", filter=Q(products__status=ProductStatus.DRAFT)),
        )
        .order_by("village__name", "name", "pk")
    )


def products_for_manager(*, shop_ids) -> QuerySet[Product]:
    """Every product (any status) of these shops, with photos, for the management pages."""
    return (
        Product.objects.filter(shop_id__in=shop_ids)
        .select_related("shop", "category", "listed_by")
        .prefetch_related(_ready_images())
        .order_by("shop__name", "status", "name", "pk")
    )


def village_shops(*, village_id: int) -> QuerySet[Shop]:
    return shop_list_public().filter(village_id=village_id)


# --- the home page: the front of the shop


IN_SEASON_DAYS = 60


def _one_per_name(products: list[Product], limit: int) -> list[Product]:
    """Many village shops sell the same lot under the same name: the home page shows each name once."""
    seen: set[str] = set()
    kept = []
    for product in products:
        if product.name not in seen:
            seen.add(product.name)
            kept.append(product)
    return kept[:limit]


def products_in_season(*, today: datetime.date, limit: int = 8) -> list[Product]:
    """Produce harvested or made in the last IN_SEASON_DAYS days and in stock: local specialties first, then
    the freshest (3 queries)."""
    since = today - datetime.timedelta(days=IN_SEASON_DAYS)
    qs = product_list_public().filter(produced_on__gte=since, stock__gte=F("order_minimum"))
    ordered = qs.order_by("-is_local_specialty", "-produced_on", "-units_sold", "-pk")
    return _one_per_name(list(ordered[: limit * 3]), limit)


def products_new_near(*, province_id: int | None, exclude: list[int], limit: int = 8) -> tuple[list[Product], bool]:
    """The newest products of the buyer's province, newest first, and True; or, when the province is unknown or
    sells nothing yet, the newest of all and False (3 to 5 queries)."""
    qs = product_list_public().filter(stock__gte=F("order_minimum")).exclude(pk__in=exclude).order_by("-created_at")
    if province_id is not None:
        near = list(qs.filter(shop__village__township__county__province_id=province_id)[: limit * 3])
        if near:
            return _one_per_name(near, limit), True
    return _one_per_name(list(qs[: limit * 3]), limit), False


def unit_price_bounds() -> dict[str, tuple[Decimal, Decimal]]:
    """(lowest, highest) unit price per unit: the admins' bounds over the defaults (one query)."""
    bounds = dict(DEFAULT_UNIT_PRICE_BOUNDS)
    for unit, low, high in UnitPriceBound.objects.values_list("unit", "min_price", "max_price"):
        bounds[unit] = (low, high)
    return bounds
