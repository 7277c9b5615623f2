"""Search as villagers type: Chinese words, pinyin, initials, traditional characters, synonyms, typos, ranking,
suggestions; the same answers on the page and the API."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from shops import catalogue_cache, search, selectors, services
from shops.models import Product, SearchSynonym
from tests.factories import ProductFactory
from tests.shops.pages import card_names

pytestmark = pytest.mark.django_db
CATALOGUE = reverse("shops:catalogue")
POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def found(client, text: str, **params) -> list[str]:
    return card_names(client.get(CATALOGUE, {"q": text, **params}))


def api_found(api_client, text: str) -> list[str]:
    return [row["name"] for row in api_client.get("/api/products/", {"q": text}).json()["results"]]


@pytest.fixture
def produce():
    return {
        "shiitake": ProductFactory(name="Libei shiitake 香菇", description="Dried on bamboo racks.", units_sold=10),
        "sweet_potato": ProductFactory(name="Roasting sweet potato 红薯", units_sold=30),
        "apple": ProductFactory(name="Zhaotong apples 苹果", description="Crisp mountain fruit."),
        "tofu": ProductFactory(name="Rice tofu 米豆腐"),
        "dried": ProductFactory(name="Dried goods box", description="A mix: 香菇, 木耳, 黄花菜."),
        "potato": ProductFactory(name="Weining potatoes 马铃薯"),
        "north": ProductFactory(name="东北香菇干"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("香菇", {"Libei shiitake 香菇", "Dried goods box", "东北香菇干"}),  # two characters, in a longer word too
        ("xianggu", {"Libei shiitake 香菇", "东北香菇干"}),  # pinyin of the name
        ("xiang gu", {"Libei shiitake 香菇", "东北香菇干"}),
        ("XiangGu", {"Libei shiitake 香菇", "东北香菇干"}),
        ("xg", {"Libei shiitake 香菇", "东北香菇干"}),  # initials
        ("dbxg", {"东北香菇干"}),
        ("dongbeixiang", {"东北香菇干"}),  # pinyin of several characters, the last one being typed
        ("蘋果", {"Zhaotong apples 苹果"}),  # traditional characters
        ("pingguo", {"Zhaotong apples 苹果"}),
        ("红薯", {"Roasting sweet potato 红薯"}),
        ("米豆腐", {"Rice tofu 米豆腐"}),  # three characters: adjacent bigrams
        ("豆米", set()),
        ("tofu", {"Rice tofu 米豆腐"}),
        ("Ｔｏｆｕ", {"Rice tofu 米豆腐"}),  # full-width letters
        ("木耳", {"Dried goods box"}),  # the description counts
        ("榴莲", set()),
    ],
)
def test_what_villagers_type_finds_the_produce(client, produce, text, expected):
    assert set(found(client, text)) == expected


def test_synonyms_seeded_and_edited_by_admins_take_effect_at_once(client, produce, django_capture_on_commit_callbacks):
    # Seeded by the migration: 地瓜 and 番薯 are 红薯, 土豆 is 马铃薯, also inside a longer word and as pinyin.
    assert found(client, "地瓜") == ["Roasting sweet potato 红薯"]
    assert found(client, "土豆") == ["Weining potatoes 马铃薯"]
    assert found(client, "tudou") == ["Weining potatoes 马铃薯"]
    assert found(client, "番薯干") == []  # "红薯干" is not listed
    ProductFactory(name="红薯干")
    assert found(client, "番薯干") == ["红薯干"]
    assert found(client, "蘑菇") == []
    with django_capture_on_commit_callbacks(execute=True):
        services.search_synonyms_save(group=SearchSynonym(words="蘑菇, 香菇"))
    assert set(found(client, "蘑菇")) == {"Libei shiitake 香菇", "Dried goods box", "东北香菇干"}
    with django_capture_on_commit_callbacks(execute=True):
        services.search_synonyms_delete(groups=SearchSynonym.objects.filter(words__contains="蘑菇"))
    assert found(client, "蘑菇") == []


def test_synonyms_in_latin_letters_or_with_stray_marks_make_sound_queries():
    synonyms = search.synonym_map([["土豆", "potato", "马'铃薯", "sweet potato"]])
    assert synonyms["土豆"] == ("potato",) and synonyms["potato"] == ("土豆",)  # the others are not one word
    assert "('potato')" in search.search_query("土豆", synonyms=synonyms).tsquery()


def test_a_synonym_group_needs_two_words(admin_user):
    from core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.search_synonyms_save(group=SearchSynonym(words="香菇"))


def test_ranked_by_relevance_then_sales(client, produce):
    # The name before the description; among names, the best selling first.
    ProductFactory(name="Shiitake 香菇 seconds", units_sold=500)
    assert found(client, "香菇") == ["Shiitake 香菇 seconds", "Libei shiitake 香菇", "东北香菇干", "Dried goods box"]
    # A chosen sort still wins over relevance.
    assert found(client, "香菇", sort="newest")[0] == "Shiitake 香菇 seconds"
    assert found(client, "香菇", sort="price_desc") == found(client, "香菇", sort="newest")  # equal prices: by pk
    # Homophones (香姑 for 香菇) and synonyms match, after what was typed.
    assert found(client, "香姑") == ["Shiitake 香菇 seconds", "Libei shiitake 香菇", "东北香菇干"]


def test_the_page_and_the_api_answer_the_same(client, api_client, produce):
    for text in ["xianggu", "香菇", "xg", "地瓜", "蘋果"]:
        assert api_found(api_client, text) == found(client, text)


@pytest.mark.skipif(not POSTGRES, reason="typos are matched with pg_trgm (PostgreSQL); SQLite searches exactly")
def test_typos_find_the_produce_when_nothing_matches_as_typed(client, api_client, produce):
    assert found(client, "xiangu") == ["Libei shiitake 香菇", "东北香菇干"]
    assert found(client, "shitake") == ["Libei shiitake 香菇"]
    assert api_found(api_client, "pinguo") == ["Zhaotong apples 苹果"]
    assert found(client, "qwertyuiop") == []


def test_suggestions_as_you_type(api_client, produce):
    response = api_client.get("/api/products/suggest/", {"q": "xiangg"})
    assert response.status_code == 200
    body = response.json()
    assert body["q"] == "xiangg"
    assert [row["name"] for row in body["results"]] == ["Libei shiitake 香菇", "东北香菇干"]
    row = body["results"][0]
    assert row["url"] == produce["shiitake"].get_absolute_url() and row["unit_price"] == "18.50"
    assert api_client.get("/api/products/suggest/", {"q": "x"}).json()["results"] == []  # one letter: too broad
    assert api_client.get("/api/products/suggest/", {"q": "红"}).json()["results"]  # one character is a word
    assert api_client.get("/api/products/suggest/").json()["results"] == []


def test_suggestions_run_two_queries_at_most_and_skip_drafts(api_client, produce, django_assert_max_num_queries):
    Product.objects.filter(pk=produce["north"].pk).update(status="draft")
    selectors.search_synonyms()  # cached, as after the first search
    # Among the best sellers first (fewer than 1,000 products here: every match is ranked at once).
    with django_assert_max_num_queries(2):
        rows = api_client.get("/api/products/suggest/", {"q": "香菇"}).json()["results"]
    assert [row["name"] for row in rows] == ["Libei shiitake 香菇", "Dried goods box"]


def test_the_catalogue_page_searches_without_javascript(client, produce):
    page = client.get(CATALOGUE, {"q": "xg"}).content.decode()
    assert 'name="q"' in page and 'value="xg"' in page and "Libei shiitake 香菇" in page
    assert 'data-suggest-url="/api/products/suggest/"' in page


def test_editing_a_name_updates_what_finds_it(client, farmer):
    product = ProductFactory(name="Bamboo basket", shop__owner=farmer)
    services.product_update(actor=farmer, product=product, name="竹篮 Bamboo basket")
    assert found(client, "zhulan") == ["竹篮 Bamboo basket"]
    Product.objects.filter(pk=product.pk).update(stock=Decimal("3"))  # other writes leave it alone
    assert found(client, "zl") == ["竹篮 Bamboo basket"]


def test_a_pasted_page_is_a_bounded_query_not_an_error(client, api_client, produce):
    assert client.get(CATALOGUE, {"q": "香菇" * 5_000 + " x" * 5_000}).status_code == 200
    assert api_client.get("/api/products/", {"q": "a" * 10_000}).status_code == 200


def test_documents_and_queries():
    document = search.product_document("Libei 香菇", "Dried 木耳")
    assert "'xianggu':2A" in document and "'xg':2A" in document and "'木耳':" in document
    assert "'muer'" not in document  # pinyin of the name only
    assert search.pinyin_split("dongbeixiangg") == ["dong", "bei", "xiang", "g"]
    assert search.pinyin_split("xg") is None
    assert search.normalise("蘋果 ＸＧ") == "苹果 xg"
    assert not search.search_query("!!! ...")


@pytest.fixture
def shiitakes():
    """30 shiitakes (a page is 20), each selling one more than the last, and best sellers that are not shiitakes."""
    for n in range(30):
        ProductFactory(name=f"香菇 {n}", units_sold=100 + n)
    ProductFactory(name="Dried goods box", description="香菇, 木耳")  # the description only (on SQLite: a name too)
    for n in range(3):
        ProductFactory(name=f"Walnuts {n}", units_sold=500 + n)
    return [f"香菇 {n}" for n in range(29, -1, -1)] + ["Dried goods box"]  # the relevance order


@pytest.mark.parametrize("walk", [30, 3])  # the page among the best sellers (not counted) / every match ranked
def test_a_search_reads_the_best_sellers_first_and_is_not_counted(client, api_client, shiitakes, monkeypatch, walk):
    monkeypatch.setattr(selectors, "WALK", walk)
    response = client.get(CATALOGUE, {"q": "香菇"})
    assert card_names(response) == shiitakes[:20]
    paginator = response.context["page"].paginator
    page = response.content.decode()
    if walk == 30:  # 26 shiitakes among the 30 best sellers: a full page and one more, the rest not read
        assert paginator.open_ended and "More than 20 products" in page and "Page 1</span>" in page
    else:
        assert not paginator.open_ended and paginator.count == 31 and "31 products" in page
    assert card_names(client.get(CATALOGUE, {"q": "香菇", "page": 2})) == shiitakes[20:]
    body = api_client.get("/api/products/", {"q": "香菇", "page_size": 10}).json()
    assert [row["name"] for row in body["results"]] == shiitakes[:10] and body["next"]
    assert body["count"] == (None if walk == 30 else 31)
    last = api_client.get("/api/products/", {"q": "香菇", "page_size": 10, "page": 4}).json()
    assert [row["name"] for row in last["results"]] == shiitakes[30:] and last["count"] == 31 and not last["next"]
    suggested = api_client.get("/api/products/suggest/", {"q": "xianggu"}).json()["results"]
    assert [row["name"] for row in suggested] == shiitakes[:8]


def test_a_search_page_runs_few_queries_whatever_the_matches(
    client, shiitakes, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(selectors, "WALK", 30)
    client.get(CATALOGUE, {"q": "木耳"})  # the synonyms read and cached
    catalogue_cache.changed()
    # the best sellers' ids, the page's rows, their photos, which have a group buy (issue 23)
    with django_assert_max_num_queries(4):
        assert client.get(CATALOGUE, {"q": "香菇"}).status_code == 200
    # A query the best sellers do not answer: + every match ranked with its count (and "found as typed?").
    with django_assert_max_num_queries(6):
        assert client.get(CATALOGUE, {"q": "walnuts"}).status_code == 200


def test_an_importer_computes_the_search_fields_with_one_function(client):
    fields = search.product_search_fields("東北香菇", "")
    assert "'xg':" in fields["search_document"] and "xianggu" in fields["search_words"]
    other = ProductFactory()  # a bulk import writes rows without save(): it sets the fields itself
    row = dict(shop=other.shop, category=other.category, listed_by=other.listed_by, name="竹篮")
    Product.objects.bulk_create([ProductFactory.build(**row, **search.product_search_fields("竹篮"))])
    assert found(client, "zl") == ["竹篮"]


def test_reindex_rewrites_stale_search_fields(client, produce):
    Product.objects.filter(pk=produce["apple"].pk).update(search_document="", search_words="")
    assert found(client, "pingguo") == []
    assert services.product_search_fields_refresh(chunk_size=2) == 1
    assert found(client, "pingguo") == ["Zhaotong apples 苹果"]
    assert services.product_search_fields_refresh() == 0


def test_suggestions_read_no_session_nor_user_and_a_cached_answer_is_one_cache_trip(
    client, produce, django_assert_num_queries, monkeypatch
):
    from shops import catalogue_cache

    client.force_login(produce["shiitake"].shop.owner)  # a signed-in browser typing
    assert client.get("/api/products/suggest/", {"q": "xiangg"}).json()["results"]
    trips = []
    real = catalogue_cache.cache

    class Counting:
        def __getattr__(self, name):
            trips.append(name)
            return getattr(real, name)

    monkeypatch.setattr(catalogue_cache, "cache", Counting())
    with django_assert_num_queries(0):  # neither the session nor the user is loaded
        rows = client.get("/api/products/suggest/", {"q": "xiangg"}).json()["results"]
    assert rows[0]["name"] == "Libei shiitake 香菇" and trips == ["get_many"]


def test_only_suggestions_drawn_afresh_count_against_the_rate(api_client, produce, settings, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "suggest", "2/min")
    assert api_client.get("/api/products/suggest/", {"q": "xiangg"}).status_code == 200
    for _ in range(5):  # the same prefix again and again: served from the cache, never refused
        assert api_client.get("/api/products/suggest/", {"q": "xiangg"}).status_code == 200
    assert api_client.get("/api/products/suggest/", {"q": "红薯"}).status_code == 200
    refused = api_client.get("/api/products/suggest/", {"q": "pingg"})  # a third answer to draw in a minute
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert api_client.get("/api/products/suggest/", {"q": "xiangg"}).status_code == 200
