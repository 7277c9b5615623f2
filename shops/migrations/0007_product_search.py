"""Catalogue search (shops/search.py): a token document per product, GIN-indexed on PostgreSQL, and synonyms.

The token document replaces the trigram indexes of 0004 (they cannot serve two-character Chinese words and
nothing reads UPPER(name) any more); `search_words` keeps a trigram index for typos. The seed synonyms are
common produce names buyers use interchangeably; admins edit them.
"""

from django.db import migrations, models

import shops.models
from shops import search

SYNONYMS = [
    "土豆 马铃薯 洋芋",
    "红薯 地瓜 番薯 山芋 白薯",
    "玉米 苞谷 玉蜀黍 棒子",
    "西红柿 番茄",
    "猕猴桃 奇异果",
    "花生 落花生 长生果",
    "香菜 芫荽",
    "茄子 落苏",
    "卷心菜 包菜 圆白菜 甘蓝",
    "腊肉 咸肉",
    "土鸡蛋 草鸡蛋 柴鸡蛋",
    "木耳 黑木耳",
    "香菇 冬菇 花菇",
    "核桃 胡桃",
    "芋头 芋艿",
    "荸荠 马蹄",
    "南瓜 倭瓜 番瓜",
    "辣椒 海椒 辣子",
]


def fill(apps, schema_editor):
    Product = apps.get_model("shops", "Product")
    batch = []
    for product in Product.objects.only("pk", "name", "description").iterator(chunk_size=2_000):
        product.search_document = search.product_document(product.name, product.description)
        product.search_words = search.product_words(product.name)
        batch.append(product)
        if len(batch) == 2_000:
            Product.objects.bulk_update(batch, ["search_document", "search_words"])
            batch = []
    Product.objects.bulk_update(batch, ["search_document", "search_words"])
    SearchSynonym = apps.get_model("shops", "SearchSynonym")
    for words in SYNONYMS:
        SearchSynonym.objects.get_or_create(words=words)


def indexes_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS product_name_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS product_description_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS product_search_document ON shops_product USING gin (search_document)")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS product_search_words_trgm ON shops_product USING gin (search_words gin_trgm_ops)"
    )


def indexes_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS product_search_document")
    schema_editor.execute("DROP INDEX IF EXISTS product_search_words_trgm")
    schema_editor.execute('CREATE INDEX IF NOT EXISTS product_name_trgm ON shops_product USING gin (UPPER(("name")::text) gin_trgm_ops)')
    schema_editor.execute('CREATE INDEX IF NOT EXISTS product_description_trgm ON shops_product USING gin (UPPER("description") gin_trgm_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ('shops', '0006_photo_original_private'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchSynonym',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('words', models.CharField(help_text='Two or more words for the same produce, separated by spaces or commas: 红薯 地瓜 番薯.', max_length=200, unique=True, verbose_name='words')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
            ],
            options={
                'verbose_name': 'search synonyms',
                'verbose_name_plural': 'search synonyms',
                'ordering': ['words'],
            },
        ),
        migrations.AddField(
            model_name='product',
            name='search_document',
            field=shops.models.SearchDocumentField(blank=True, db_default='', default='', editable=False),
        ),
        migrations.AddField(
            model_name='product',
            name='search_words',
            field=models.TextField(blank=True, db_default='', default='', editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(indexes_create, indexes_drop),
    ]
