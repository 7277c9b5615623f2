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
    assert counts[0] == 6 and counts[1] >= 30
    assert set(Shop.objects.values_list("owner__username", flat=True)) == {
        "farmer_long",
        "farmer_wang",
        "farmer_ding",
        "farmer_zhou",
        "farmer_li",
        "farmer_chen",
    }
    assert Shop.objects.filter(channels__isnull=False).distinct().count() == 6
    assert Product.objects.filter(listed_by__role="operator").exists()  # listed at the station for a villager
    assert not ProductImage.objects.exclude(status=ImageStatus.READY).exists()
    assert Product.objects.filter(status=ProductStatus.PUBLISHED).count() == counts[1]
    cabbage = Product.objects.get(name__startswith="Pickled cabbage")
    assert str(cabbage.order_step) == "1.500" and cabbage.shop.village.name == "Zhouquan"
    image = ProductImage.objects.first()
    assert image.width == 800 and image.thumbnail_small and image.thumbnail_large
