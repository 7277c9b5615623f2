from celery import shared_task

from shops import services


@shared_task(name="shops.tasks.product_image_process")
def product_image_process(image_id: int) -> str | None:
    """Clean a photo as uploaded and make its thumbnails (320 px and 960 px); running it twice does nothing more."""
    image = services.product_image_process(image_id=image_id)
    return image.status if image else None
