from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    name = "shops"
    verbose_name = _("Shops and produce")

    def ready(self):
        from shops import catalogue_cache
        from shops.models import Category, Product, ProductImage, SearchSynonym, Shop
        from villages.models import County, Province, Township, Village

        # Whatever a catalogue answer shows or filters on: a save or a delete forgets the cached answers
        # (bulk writes: shops.models.CatalogueQuerySet).
        shown = (Product, ProductImage, Shop, Category, SearchSynonym, Village, Township, County, Province)
        for model in shown:
            post_save.connect(catalogue_cache.changed, sender=model, dispatch_uid=f"catalogue-{model.__name__}-save")
            post_delete.connect(
                catalogue_cache.changed, sender=model, dispatch_uid=f"catalogue-{model.__name__}-delete"
            )
