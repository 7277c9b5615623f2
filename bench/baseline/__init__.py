"""The bare baseline of `make bench`: a minimal Django + DRF list of 24 products with their shop's name.

It reads the same tables (shops_product, shops_shop) through unmanaged models, with nothing Taocun adds:
no middleware, no i18n, no filters, no templates. Served like Taocun (gunicorn, 2 workers, DEBUG off,
persistent connections) and measured in the same run, it tells how far Taocun's catalogue is from what the
framework itself costs on this machine, whatever the machine's load.
"""
