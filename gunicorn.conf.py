"""Gunicorn settings, read from the working directory by every `gunicorn` command (Dockerfile, compose, make fuzz).

Catalogue and shop filters repeat query parameters, so a request line can pass gunicorn's default 4,094 bytes;
gunicorn then answers an HTML 400 that Django never sees. 8,190 is the largest bounded value it allows.
"""

import os

limit_request_line = 8190

# With LOG_FORMAT=json (docker-compose) gunicorn's own lines are JSON objects too, and the access log carries
# nginx's request id.
if os.environ.get("LOG_FORMAT") == "json":
    access_log_format = (
        '{"time":"%(t)s","client":"%(h)s","request":"%(r)s","status":%(s)s,"bytes":%(B)s,'
        '"duration_us":%(D)s,"request_id":"%({x-request-id}i)s","logger":"gunicorn.access"}'
    )
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
            "access": {"format": "%(message)s"},
        },
        # gunicorn's own handler names, so that its defaults (root -> console) still resolve.
        "handlers": {
            "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "console": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["error_console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }


def child_exit(server, worker):
    """Prometheus multiprocess mode: a gone worker's live gauges must not be summed any more."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
