from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0013_payout_account_number_encrypted")]

    operations = [
        migrations.AddField(
            model_name="withdrawal",
            name="payout_sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="payout sent at"),
        ),
    ]
