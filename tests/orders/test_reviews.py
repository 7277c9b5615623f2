"""Reviews from real purchases only: the buyer of a completed order rates each line once (1-5, text, up to 3
photos through the photo pipeline, optionally anonymous); the seller answers once; admins hide with a reason;
product and shop rating counters stay true in the review's transaction."""

from decimal import Decimal

import pytest

from core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from orders import services
from orders.models import CartItem
from shops import reviews as shop_reviews
from shops.models import Review
from tests.factories import AdminFactory, BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import pay, place
from tests.shops.photo_files import image_bytes, jpeg_upload, upload

pytestmark = pytest.mark.django_db


def completed(buyer=None, product=None, quantity=2):
    product = product or ProductFactory(stock=Decimal("100"))
    buyer = buyer or BuyerFactory()
    (order,) = place(buyer, (product, quantity))
    pay(order)
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=buyer)
    services.order_complete(order_id=order.pk, actor=buyer)
    order.refresh_from_db()
    return order


def line_of(order):
    return order.lines.get()


def test_the_buyer_reviews_a_completed_line_and_the_counters_follow():
    product = ProductFactory(stock=Decimal("100"))
    first, second = completed(product=product), completed(product=product)
    services.review_post(buyer=first.buyer, line_id=line_of(first).pk, rating=5, text="很甜")
    services.review_post(buyer=second.buyer, line_id=line_of(second).pk, rating="2", anonymous=True)
    product.refresh_from_db()
    product.shop.refresh_from_db()
    assert (product.rating_average, product.rating_count) == (Decimal("3.50"), 2)
    assert (product.shop.rating_average, product.shop.rating_count) == (Decimal("3.50"), 2)
    anonymous = Review.objects.get(rating=2)
    assert anonymous.author_display == "Anonymous buyer"


def test_attacks_no_purchase_not_completed_twice_someone_elses_line():
    order = completed()
    line = line_of(order)
    stranger = BuyerFactory()
    with pytest.raises(NotFound):  # a review without a purchase: someone else's line
        services.review_post(buyer=stranger, line_id=line.pk, rating=5)
    with pytest.raises(NotFound):  # a line that does not exist
        services.review_post(buyer=stranger, line_id=10**12, rating=5)
    with pytest.raises(NotFound):  # the seller reviewing their own sale
        services.review_post(buyer=order.shop.owner, line_id=line.pk, rating=5)
    (unfinished,) = place(order.buyer, (line.product, 1))
    pay(unfinished)
    with pytest.raises(Conflict):  # paid, not completed
        services.review_post(buyer=order.buyer, line_id=unfinished.lines.get().pk, rating=5)
    services.review_post(buyer=order.buyer, line_id=line.pk, rating=4)
    with pytest.raises(Conflict) as error:  # twice
        services.review_post(buyer=order.buyer, line_id=line.pk, rating=5)
    assert error.value.code == "already_reviewed"
    for rating in (0, 6, "5.0", "x", None, True):
        with pytest.raises(ValidationFailed):
            shop_reviews.review_record(
                author=order.buyer, product_id=line.product_id, order_line_id=10**9, rating=rating
            )
    assert Review.objects.count() == 1


def test_the_sellers_sybil_is_held_and_its_stars_count_nowhere_until_cleared():
    seller = FarmerFactory(phone="13712345678")
    product = ProductFactory(shop=ShopFactory(owner=seller), stock=Decimal("100"))
    honest = completed(product=product)
    services.review_post(buyer=honest.buyer, line_id=line_of(honest).pk, rating=2)
    sybil = BuyerFactory(phone="13712345678")  # the seller's second account: same phone, held by checkout
    order = completed(buyer=sybil, product=product)
    assert order.trust_review == "held"
    services.review_post(buyer=sybil, line_id=line_of(order).pk, rating=5, text="好评!")
    product.refresh_from_db()
    assert (product.rating_average, product.rating_count) == (Decimal("2.00"), 1)
    services.order_review_confirm_fraud(order_id=order.pk, reviewer=AdminFactory(), note="same household")
    product.refresh_from_db()
    assert product.rating_count == 1
    # A held order a reviewer clears: its review joins the averages.
    neighbour = BuyerFactory(phone="13712345678")
    cleared = completed(buyer=neighbour, product=product)
    services.review_post(buyer=neighbour, line_id=line_of(cleared).pk, rating=4)
    services.order_review_clear(order_id=cleared.pk, reviewer=AdminFactory(), note="known neighbour")
    product.refresh_from_db()
    assert (product.rating_average, product.rating_count) == (Decimal("3.00"), 2)


def test_the_seller_answers_once_and_admins_hide_with_a_reason():
    order = completed()
    review = services.review_post(buyer=order.buyer, line_id=line_of(order).pk, rating=1, text="骗子!!!")
    with pytest.raises(NotPermitted):
        shop_reviews.review_reply(seller=FarmerFactory(), review_id=review.pk, text="?")
    shop_reviews.review_reply(seller=order.shop.owner, review_id=review.pk, text="已联系您退款")
    with pytest.raises(Conflict):
        shop_reviews.review_reply(seller=order.shop.owner, review_id=review.pk, text="again")
    with pytest.raises(NotPermitted):
        shop_reviews.review_hide(admin=order.shop.owner, review_id=review.pk, reason="I dislike it")
    with pytest.raises(ValidationFailed):
        shop_reviews.review_hide(admin=AdminFactory(), review_id=review.pk, reason=" ")
    shop_reviews.review_hide(admin=AdminFactory(), review_id=review.pk, reason="insults")
    product = line_of(order).product
    product.refresh_from_db()
    assert (product.rating_average, product.rating_count) == (Decimal("0.00"), 0)


def test_photos_go_through_the_pipeline_at_most_three(django_capture_on_commit_callbacks):
    order = completed()
    with pytest.raises(ValidationFailed):
        services.review_post(
            buyer=order.buyer, line_id=line_of(order).pk, rating=5, photos=[jpeg_upload() for _ in range(4)]
        )
    with pytest.raises(ValidationFailed):  # not an image, whatever its name
        services.review_post(
            buyer=order.buyer, line_id=line_of(order).pk, rating=5, photos=[upload("x.jpg", b"not an image")]
        )
    with django_capture_on_commit_callbacks(execute=True):
        review = services.review_post(
            buyer=order.buyer,
            line_id=line_of(order).pk,
            rating=5,
            photos=[jpeg_upload(), upload("b.png", image_bytes("PNG"), "image/png")],
        )
    photos = list(review.photos.all())
    assert [photo.status for photo in photos] == ["ready", "ready"]
    assert all(photo.thumbnail_small and not photo.original for photo in photos)
    assert review.has_photos


def test_api_posts_lists_photos_first_and_masks_the_author(
    api_client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    product = ProductFactory(stock=Decimal("100"))
    orders = [completed(product=product) for _ in range(3)]
    for order in orders[:2]:
        services.review_post(buyer=order.buyer, line_id=line_of(order).pk, rating=4, text="不错")
    api_client.force_authenticate(orders[2].buyer)
    with django_capture_on_commit_callbacks(execute=True):  # the worker cleans the photo
        response = api_client.post(
            "/api/product-reviews/",
            {"line": line_of(orders[2]).pk, "rating": "5", "text": "带图", "photos": [jpeg_upload()]},
            format="multipart",
        )
    assert response.status_code == 201, response.content
    again = api_client.post("/api/product-reviews/", {"line": line_of(orders[2]).pk, "rating": 5}, format="json")
    assert again.status_code == 409
    bad = api_client.post("/api/product-reviews/", {"line": line_of(orders[0]).pk, "rating": 9}, format="json")
    assert bad.status_code == 400 and "rating" in bad.json()["fields"]
    api_client.force_authenticate(None)
    with django_assert_max_num_queries(3):
        listed = api_client.get(f"/api/product-reviews/?product={product.pk}").json()
    assert listed["count"] == 3
    first = listed["results"][0]
    assert first["text"] == "带图" and len(first["photos"]) == 1
    assert all(orders[0].buyer.username != review["author"] for review in listed["results"])
    assert api_client.get("/api/product-reviews/?product=abc").json()["count"] == 0


def test_pages_buyer_reviews_from_the_order_page_and_the_product_page_shows_it(client):
    order = completed()
    line = line_of(order)
    client.force_login(order.buyer)
    page = client.get(f"/orders/{order.number}/").content.decode()
    assert "review-form" in page and "buy-again" in page
    client.post(
        f"/orders/{order.number}/review/",
        {"line": line.pk, "rating": "4", "text": "橙子很甜", "photos": [jpeg_upload()]},
    )
    review = Review.objects.get()
    assert (review.rating, review.text, review.photos.count()) == (4, "橙子很甜", 1)
    assert "review-form" not in client.get(f"/orders/{order.number}/").content.decode()  # reviewed: no form
    client.post(f"/orders/{order.number}/review/", {"line": line.pk, "rating": "5"})
    assert Review.objects.count() == 1
    stranger = BuyerFactory()
    client.force_login(stranger)
    client.post(f"/orders/{order.number}/review/", {"line": line.pk, "rating": "1"})
    assert Review.objects.count() == 1
    product_page = client.get(line.product.get_absolute_url()).content.decode()
    assert "橙子很甜" in product_page and "★ 4.0" in product_page
    shop_page = client.get(order.shop.get_absolute_url()).content.decode()
    assert "橙子很甜" in shop_page
    # The seller answers once from the product page.
    client.force_login(order.shop.owner)
    client.post(f"/shop/reviews/{review.pk}/reply/", {"text": "谢谢惠顾"})
    review.refresh_from_db()
    assert review.reply == "谢谢惠顾"


def test_buy_again_puts_the_lines_back_in_the_cart(client):
    order = completed(quantity=3)
    client.force_login(order.buyer)
    response = client.post(f"/orders/{order.number}/buy-again/")
    assert response.status_code == 302
    # A signed-in buyer's cart is kept in the database (orders.cart), the same on every device.
    cart = dict(CartItem.objects.filter(cart__user=order.buyer).values_list("product_id", "quantity"))
    assert cart == {line_of(order).product_id: Decimal("3")}
    client.force_login(BuyerFactory())
    assert client.post(f"/orders/{order.number}/buy-again/").status_code == 404


def test_the_seller_is_told_of_each_review_once_without_the_buyers_name():
    from notifications.models import Notification

    product = ProductFactory(stock=Decimal("100"), name="猕猴桃")
    order = completed(buyer=BuyerFactory(username="reviewer"), product=product)
    Notification.objects.all().delete()  # what the order's life told people
    services.review_post(buyer=order.buyer, line_id=line_of(order).pk, rating="4", text="很甜", anonymous=True)
    (told,) = Notification.objects.filter(event="review_received")
    assert told.recipient_id == product.shop.owner_id
    assert told.params == {"number": order.number, "product": line_of(order).product_name, "stars": "4"}  # as text
    assert "reviewer" not in str(told.params) and told.url.endswith(f"/products/{product.pk}/#reviews-title")
    with pytest.raises(Conflict):  # a second review of the line is refused and tells nobody again
        services.review_post(buyer=order.buyer, line_id=line_of(order).pk, rating=5)
    assert Notification.objects.filter(event="review_received").count() == 1
