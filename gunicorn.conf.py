"""Gunicorn settings, read from the working directory by every `gunicorn` command (Dockerfile, compose, make fuzz).

Catalogue and shop filters repeat query parameters, so a request line can pass gunicorn's default 4,094 bytes;
gunicorn then answers an HTML 400 that Django never sees. 8,190 is the largest bounded value it allows.
"""

import os

limit_request_line = 8190

# With LOG_FORMAT=json (docker-compose) the access log is one JSON object a line, with nginx's request id.
if os.environ.get("LOG_FORMAT") == "json":
    access_log_format = (
        '{"time":"%(t)s","client":"%(h)s","request":"%(r)s","status":%(s)s,"bytes":%(B)s,'
        '"duration_us":%(D)s,"request_id":"%({x-request-id}i)s","logger":"gunicorn.access"}'
    )


def child_exit(server, worker):
    """Prometheus multiprocess mode: a gone worker's live gauges must not be summed any more."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
