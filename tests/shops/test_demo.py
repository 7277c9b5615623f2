import pytest

from shops import demo
from shops.models import ImageStatus, Product, ProductImage, ProductStatus, Shop
from villages import demo as villages_demo


@pytest.mark.django_db
def test_demo_shops_are_realistic_and_idempotent():
    villages_demo.seed(quiet=True)
    demo.seed(quiet=True)
    counts = (Shop.objects.count(), Product.objects.count(), ProductImage.objects.count())
    demo.seed(quiet=True)
    assert (Shop.objects.count(), Product.objects.count(), ProductImage.objects.count()) == counts
    showcase = Shop.objects.filter(slug__in=[spec[0] for spec in demo.DEMO_SHOPS])
    # The farmers' own six shops, and the village trade: a hundred family shops or more in each trade village.
    assert showcase.count() == 6 and counts[0] == 6 + sum(count for count, _d, _t in demo.TRADE_VILLAGES.values())
    assert Shop.objects.filter(village__name="Dinglou").count() == 1 + demo.TRADE_VILLAGES["Dinglou"][0]
    assert set(showcase.values_list("owner__username", flat=True)) == {
        "farmer_long",
        "farmer_wang",
        "farmer_ding",
        "farmer_zhou",
        "farmer_li",
        "farmer_chen",
    }
    assert Shop.objects.filter(channels__isnull=False).distinct().count() == counts[0]
    assert Product.objects.filter(listed_by__role="operator").exists()  # listed at the station for a villager
    assert not ProductImage.objects.exclude(status=ImageStatus.READY).exists()
    assert Product.objects.filter(status=ProductStatus.PUBLISHED).count() == counts[1]
    cabbage = Product.objects.get(name="酸菜")
    assert str(cabbage.order_step) == "1.500" and cabbage.shop.village.name == "Zhouquan"
    image = ProductImage.objects.first()
    assert image.width == 800 and image.thumbnail_small and image.thumbnail_large
    # Written in Chinese first, as farmers name their shops and produce on Taobao.
    assert showcase.get(slug="long-family-xifeng-tea").name == "龙家息烽茶园"
    assert not Product.objects.filter(name__regex=r"^[A-Za-z]").exists()
    # Every village-trade lot has a photo; lots of one kind share its files.
    assert not Product.objects.filter(images__isnull=True).exists()


@pytest.mark.django_db
def test_a_photo_file_shared_by_the_demo_lots_stays_when_one_lot_drops_it():
    villages_demo.seed(quiet=True)
    demo.seed(quiet=True)
    image = ProductImage.objects.filter(product__shop__slug="dinglou-001").first()
    shared = ProductImage.objects.filter(image=image.image.name).exclude(pk=image.pk)
    assert shared.exists()
    from shops import services

    services.product_image_delete(actor=image.product.shop.owner, image=image)
    assert shared.first().image.storage.exists(image.image.name)
