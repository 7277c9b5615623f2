from celery import shared_task

from shops import services


@shared_task(name="shops.tasks.product_image_process")
def product_image_process(image_id: int) -> str | None:
    """Clean a photo as uploaded and make its thumbnails (320 px and 960 px); running it twice does nothing more."""
    image = services.product_image_process(image_id=image_id)
    return image.status if image else None


@shared_task(name="shops.tasks.review_photo_process")
def review_photo_process(photo_id: int) -> str | None:
    """Clean a review photo and make its thumbnail; running it twice does nothing more."""
    from shops.reviews import review_photo_process as process

    photo = process(photo_id=photo_id)
    return photo.status if photo else None
