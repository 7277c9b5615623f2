"""Translation completeness: every template string is marked, every part catalogue is fully translated,
the parts hold every msgid the code has, the API answers in the language of Accept-Language, and the
money/number formats follow the locale."""

import datetime
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from config.management.commands.translations_extract import PARTS, extract, languages, new_catalog, part_for
from core.templatetags.money import yuan_text

ROOT = Path(settings.BASE_DIR)
TEMPLATES = ROOT / "templates"

# Text that may stay as it is in every language, and why:
# - "Taocun"-style brand marks and the Chinese brand mark 村 (the logo character, shown in every language);
# - "API": the name of the programming interface, untranslated on Chinese and French sites too;
# - "v": the version prefix of a policy ("v3"), a symbol;
# - "YYYY-MM": a date pattern shown as an input placeholder, understood as a format, not a word;
# - units and symbols (¥, 元, kg, km, %, ×) are not letters or are listed here.
ALLOWED_WORDS = {"村", "API", "v", "YYYY-MM", "kg", "km", "元"}
# Attributes whose values a user sees or hears.
VISIBLE_ATTRIBUTES = re.compile(r'\b(?:placeholder|title|alt|aria-label)="([^"]*)"', re.I)
WORD = re.compile(r"[^\W\d_][\w’'.-]*")


def unmarked_words(source: str) -> list[str]:
    """Words of a template that a user would see and that are not inside a translation tag."""
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    text = re.sub(r"{#.*?#}", " ", text, flags=re.S)
    text = re.sub(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    attributes = " ".join(VISIBLE_ATTRIBUTES.findall(text))
    text = re.sub(r"{%.*?%}", " ", text + " " + attributes, flags=re.S)
    text = re.sub(r"{{.*?}}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return [word for word in WORD.findall(text) if word not in ALLOWED_WORDS]


def test_the_scanner_finds_unmarked_text_and_ignores_marked_text():
    assert unmarked_words("<p>Hello {{ name }}</p>") == ["Hello"]
    assert unmarked_words('<input placeholder="Search">') == ["Search"]
    assert unmarked_words('{% translate "Hi" %}<b>{{ x|date:"Y" }}</b>{# note #}') == []
    assert unmarked_words("{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}<script>var a;</script>") == []


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_text_is_marked_for_translation(path):
    assert unmarked_words(path.read_text(encoding="utf-8")) == []


def part_files() -> list[Path]:
    return sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))


def read(path: Path):
    with path.open("rb") as po_file:
        return read_po(po_file, locale=path.parent.parent.name)


def test_no_django_po_is_committed_and_every_language_has_parts():
    assert not list((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))
    for locale in languages():
        assert list((ROOT / "locale" / locale / "LC_MESSAGES").glob("*.po")), locale


@pytest.mark.parametrize("path", part_files(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_part_catalogue_is_fully_translated(path):
    catalog = read(path)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert problems == [], f"{len(problems)} untranslated or fuzzy entries in {path}"


@pytest.mark.parametrize("locale", languages())
def test_a_msgid_means_one_thing_across_parts(locale):
    """The parts compile into one catalogue, so a msgid translated two ways in two parts shows one of them
    everywhere (the order tab "To pay" once read 应还, the loan's "to repay"): give one of them a context."""
    seen: dict[tuple, dict[str, object]] = {}
    for path in sorted((ROOT / "locale" / locale / "LC_MESSAGES").glob("*.po")):
        for message in read(path):
            if message.id and message.string and (not isinstance(message.string, tuple) or all(message.string)):
                seen.setdefault((message.context, str(message.id)), {})[path.stem] = message.string
    clashes = {key: parts for key, parts in seen.items() if len(set(parts.values())) > 1}
    assert clashes == {}


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_parts_hold_every_msgid_the_code_has():
    """Run the extraction (makemessages) into a temporary directory and compare with the parts.
    A part whose file does not exist yet (written on another branch) is reported, not failed, until merged."""
    extracted = extract()
    for locale, catalog in extracted.items():
        messages_dir = ROOT / "locale" / locale / "LC_MESSAGES"
        present = {p.stem: read(p) for p in messages_dir.glob("*.po")}
        known = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for c in present.values() for m in c}
        missing, absent_parts = [], set()
        for message in catalog:
            if not message.id:
                continue
            owner = part_for(message.locations[0][0] if message.locations else "")
            if owner not in present:
                absent_parts.add(owner)
                continue
            key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
            if key not in known:
                missing.append(f"{owner}: {key[0]}")
        assert missing == [], f"{locale}: run `manage.py translations_extract`: {missing[:20]}"
        assert absent_parts <= set(PARTS), absent_parts


def test_translations_are_served(client):
    with translation.override("zh-hans"):
        assert translation.gettext("Cart") == "购物车"
        assert translation.gettext("Waiting for payment") == "待付款"
    with translation.override("fr"):
        assert translation.gettext("Pickup code") == "Code de retrait"


@pytest.mark.django_db
def test_pages_follow_accept_language(client):
    assert "淘村" in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert "Bienvenue" in client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode() or (
        "villages du e-commerce rural" in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    )


@pytest.mark.django_db
def test_api_errors_answer_in_the_language_of_accept_language(api_client):
    body = {"username": "nobody", "password": "wrong"}
    url = "/api/auth/token/"
    zh = api_client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    fr = api_client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    en = api_client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert zh.status_code == fr.status_code == en.status_code == 400
    assert "无法登录" in zh.content.decode()
    assert "identifiants" in fr.content.decode()
    assert "Unable to log in" in en.content.decode()


@pytest.mark.parametrize(
    ("amount", "language", "shown"),
    [
        (Decimal("12345.6"), "en", "¥12,345.60"),
        (Decimal("12345.6"), "fr", "12\u202f345,60\u00a0¥"),
        (Decimal("9999.99"), "zh-hans", "¥9,999.99"),
        (Decimal("10000000"), "zh-hans", "1000万元"),
        (Decimal("65709800"), "zh-hans", "6570.98万元"),
        (Decimal("250000000"), "zh-hans", "2.5亿元"),
        (Decimal("-12000"), "zh-hans", "-1.2万元"),
        (None, "en", "—"),
    ],
)
def test_yuan_filter(amount, language, shown):
    assert yuan_text(amount, language) == shown
    with translation.override(language):
        assert Template("{% load money %}{{ a|yuan }}").render(Context({"a": amount})) == shown


def test_numbers_and_dates_follow_the_locale():
    template = Template('{% load humanize %}{{ n|intcomma }} {{ x }} {{ d|date:"SHORT_DATE_FORMAT" }} {{ d|date }}')
    context = Context({"n": 1234567, "x": Decimal("2.5"), "d": datetime.date(2026, 11, 25)})
    with translation.override("fr"):
        assert template.render(context) == "1\u202f234\u202f567 2,5 25/11/2026 25 novembre 2026"
    with translation.override("zh-hans"):
        assert template.render(context) == "1,234,567 2.5 2026-11-25 2026年11月25日"


@pytest.mark.django_db
def test_api_display_names_follow_accept_language(api_client):
    """Seed and reference names (categories, places, status and unit labels) come in the request's language,
    as the pages show them; codes and slugs stay the same in every language."""
    from shops.models import Category
    from tests.factories import ProductFactory, VillageFactory

    village = VillageFactory(name="Baihe", name_zh="白鹤村")
    ProductFactory(category=Category.objects.get(slug="pickles"), shop__owner__home_village=village, unit="box")

    def first_product(language):
        return api_client.get("/api/products/", HTTP_ACCEPT_LANGUAGE=language).json()["results"][0]

    # The middleware leaves the last request's language active in this thread: restore it for later tests.
    with translation.override(settings.LANGUAGE_CODE):
        zh, fr, en = first_product("zh-hans"), first_product("fr"), first_product("en")
        categories = api_client.get("/api/categories/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert (zh["category_name"], zh["village_name"], zh["unit_display"], zh["status_display"]) == (
        "酸菜泡菜",
        "白鹤村",
        "箱",
        "已上架",
    )
    assert (fr["category_name"], fr["village_name"], fr["unit_display"]) == ("Légumes fermentés", "Baihe", "caisse")
    assert (en["category_name"], en["village_name"], en["status_display"]) == ("Pickles", "Baihe", "Published")
    assert zh["category"] == fr["category"] == "pickles" and zh["status"] == "published"
    assert {row["slug"]: row["name"] for row in categories}["pickles"] == "酸菜泡菜"


@pytest.mark.parametrize(
    ("language", "count", "amount", "exact"),
    [
        # Counts are grouped by thousands in every language, as Taobao and JD show them (12,345 件).
        ("zh-hans", "12,345", "1.23万元", "¥12,345.60"),
        ("fr", "12\u202f345", "12\u202f345,60\u00a0¥", "12\u202f345,60\u00a0¥"),
        ("en", "12,345", "¥12,345.60", "¥12,345.60"),
    ],
)
def test_counts_and_amounts_are_written_as_each_language_reads_them(language, count, amount, exact):
    template = Template("{% load humanize money %}{{ n|intcomma }}|{{ a|yuan }}|{{ a|yuan_exact }}")
    with translation.override(language):
        assert template.render(Context({"n": 12345, "a": Decimal("12345.60")})) == f"{count}|{amount}|{exact}"


@pytest.mark.parametrize("locale", ["fr", "zh_Hans"])
def test_extracted_catalogues_have_djangos_plural_forms(locale):
    """translations_extract writes the plural rule Django's own catalogue of the language has, whatever Babel's
    CLDR data says (Babel 2.19 gives French three forms, Django two: a third msgstr would stay empty)."""
    import django

    django_po = Path(django.__file__).parent / "conf" / "locale" / locale / "LC_MESSAGES" / "django.po"
    with django_po.open("rb") as po_file:
        djangos = read_po(po_file, locale=locale)
    ours = new_catalog(locale, "core")
    assert (ours.num_plurals, ours.plural_expr.replace(" ", "")) == (
        djangos.num_plurals,
        djangos.plural_expr.replace(" ", ""),
    )
    for po_path in sorted((ROOT / "locale" / locale / "LC_MESSAGES").glob("*.po")):
        with po_path.open("rb") as po_file:
            assert read_po(po_file, locale=locale).num_plurals == djangos.num_plurals, po_path.name
