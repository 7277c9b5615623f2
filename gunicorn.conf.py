"""Gunicorn settings, read from the working directory by every `gunicorn` command (Dockerfile, compose, make fuzz).

Catalogue and shop filters repeat query parameters, so a request line can pass gunicorn's default 4,094 bytes;
gunicorn then answers an HTML 400 that Django never sees. 8,190 is the largest bounded value it allows.
"""

limit_request_line = 8190
