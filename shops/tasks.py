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


@shared_task(name="shops.tasks.product_import_run", bind=True, max_retries=3)
def product_import_run(self, import_id: int) -> str | None:
    """Write a confirmed spreadsheet import row by row (heavy queue); a second run goes on where the first stopped."""
    from shops.imports import services as import_services

    try:
        product_import = import_services.product_import_run(import_id=import_id)
    except import_services.ImportBusy as busy:  # delivered twice: the other worker is on it
        raise self.retry(exc=busy, countdown=60, max_retries=None) from busy
    except Exception as error:
        if self.request.retries >= self.max_retries:
            import_services.product_import_fail(import_id=import_id, error=str(error))
            raise
        raise self.retry(exc=error, countdown=10) from error
    return product_import.status if product_import else None


@shared_task(name="shops.tasks.batch_photo_process")
def batch_photo_process(photo_id: int) -> str | None:
    """Clean a batch photo into its public thumbnail; running it twice does nothing more."""
    from shops.batches import services as batch_services

    photo = batch_services.batch_photo_process(photo_id=photo_id)
    return photo.status if photo else None
