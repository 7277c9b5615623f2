from django.db import models


class Shop(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        managed = False
        db_table = "shops_shop"

    def __str__(self):
        return self.name


class Product(models.Model):
    shop = models.ForeignKey(Shop, on_delete=models.DO_NOTHING)
    name = models.CharField(max_length=120)
    unit_price = models.DecimalField(max_digits=14, decimal_places=2)
    status = models.CharField(max_length=16)
    created_at = models.DateTimeField()

    class Meta:
        managed = False
        db_table = "shops_product"

    def __str__(self):
        return self.name
