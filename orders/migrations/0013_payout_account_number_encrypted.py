"""Payout account numbers encrypted in the table (core/crypto.py): the column widens to hold a Fernet token and every
existing number is encrypted in place (and decrypted back on reversal)."""

import core.crypto
from django.db import migrations


def _rewrite(apps, schema_editor, *, forward: bool):
    # Raw SQL: the historical model's field would decrypt on read, and the rows are still clear text here.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, number FROM orders_payoutaccount WHERE number <> ''")
        rows = cursor.fetchall()
        for pk, number in rows:
            value = core.crypto.secret_encrypt(number) if forward else core.crypto.secret_decrypt(number)
            cursor.execute("UPDATE orders_payoutaccount SET number = %s WHERE id = %s", [value, pk])


def encrypt(apps, schema_editor):
    _rewrite(apps, schema_editor, forward=True)


def decrypt(apps, schema_editor):
    _rewrite(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("orders", "0012_line_variants")]

    operations = [
        migrations.AlterField(
            model_name="payoutaccount",
            name="number",
            field=core.crypto.EncryptedCharField(
                help_text="Card number or Alipay login.", max_length=255, verbose_name="account number"
            ),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
