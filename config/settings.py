"""Taocun settings: one module, configured from the environment.

Defaults make a fresh machine work (SQLite, in-process tasks, local-memory cache);
DATABASE_URL, CELERY_BROKER_URL and REDIS_URL switch to PostgreSQL, Celery on Redis
and a Redis cache. DJANGO_DEBUG=0 turns on production hardening.
"""

import hashlib
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from django_guid.integrations import CeleryIntegration

from config.storages import upload_storages

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz" if DEBUG else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_guid",
    "django_prometheus",
    # Taocun, lowest layer first (see ARCHITECTURE.md: lower never imports higher).
    "core",
    "accounts",
    "villages",
    "notifications",
    "shops",
    "logistics",
    "promotions",
    "training",
    "orders",
    "certification",
    "credit",
    "insights",
    "traceability",
    "config",
]

MIDDLEWARE = [
    # First and last: requests by view and status, latencies (config/metrics.py exposes them).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # The client's address and scheme come from forwarded headers only when a trusted proxy sent them.
    "core.middleware.TrustedProxyMiddleware",
    # A request id (X-Request-ID from the proxy, or a new one) in every log line and the Celery tasks it starts.
    "django_guid.middleware.guid_middleware",
    # /healthz and /readyz, answered before host validation and the HTTPS redirect (config/health.py).
    "config.health.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise: under `make run` it compresses static files too (collected ones come precompressed).
    "core.middleware.CompressionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.RequestAddressMiddleware",
    "core.middleware.DeviceMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Counts product page views (shops:product_detail) for the insights dashboards; never breaks a page.
    "insights.middleware.ProductViewMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.navigation",
            ],
        },
    }
]

# --- Database: SQLite file by default, PostgreSQL (or any) from DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening one (and setting it up) cost 4 ms of every request (issue 25).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # In the connection's start-up packet rather than round trips of their own: the time zone Django wants
    # (else it sends SET TIME ZONE on every new connection), and a random page cost for data that fits in
    # memory, as the catalogue does (with the default 4 the planner scans 100,000 products sequentially
    # instead of reading the 7,000 the search index points to, 4-5 times slower).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c timezone=UTC -c random_page_cost={env.float('DB_RANDOM_PAGE_COST', default=1.1)}"
    )
# Query counts and latencies per database (django_prometheus wraps the engine; same SQL, same behaviour).
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends."
)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent page loads of the dev server must not fail with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20})
    # Covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite builds the plain index, which is all it needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set, else local memory. With Redis the web processes keep nothing a
# request needs to themselves: sessions, login lockouts, API throttles and upload limits all live there.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Django's Redis cache, counting gets, hits and misses for /metrics.
    CACHES = {"default": {"BACKEND": "config.cache.CountingRedisCache", "LOCATION": REDIS_URL}}
    # Sessions read from Redis and written through to the database: a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "config.cache.CountingLocMemCache", "LOCATION": "taocun"}}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Failed logins (accounts.services): attempts are refused for the rest of a LOGIN_LOCKOUT_SECONDS window once
# one account from one address, one account from anywhere, or one address over all accounts passed its limit.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=30)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=100)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=900)
# Log-in and sign-up by SMS code (accounts.services, docs/accounts.md): a 6-digit code lives PHONE_CODE_TTL_SECONDS,
# the next one may be asked for after PHONE_CODE_RESEND_SECONDS; each code takes PHONE_CODE_MAX_ATTEMPTS guesses;
# over a PHONE_CODE_WINDOW_SECONDS window one number gets PHONE_CODE_SENDS_PER_PHONE codes and
# PHONE_CODE_CHECKS_PER_PHONE guesses, one client address PHONE_CODE_SENDS_PER_CLIENT and PHONE_CODE_CHECKS_PER_CLIENT.
PHONE_CODE_TTL_SECONDS = env.int("PHONE_CODE_TTL_SECONDS", default=300)
PHONE_CODE_RESEND_SECONDS = env.int("PHONE_CODE_RESEND_SECONDS", default=60)
PHONE_CODE_MAX_ATTEMPTS = env.int("PHONE_CODE_MAX_ATTEMPTS", default=5)
PHONE_CODE_WINDOW_SECONDS = env.int("PHONE_CODE_WINDOW_SECONDS", default=3600)
PHONE_CODE_SENDS_PER_PHONE = env.int("PHONE_CODE_SENDS_PER_PHONE", default=5)
PHONE_CODE_CHECKS_PER_PHONE = env.int("PHONE_CODE_CHECKS_PER_PHONE", default=15)
PHONE_CODE_SENDS_PER_CLIENT = env.int("PHONE_CODE_SENDS_PER_CLIENT", default=30)
PHONE_CODE_CHECKS_PER_CLIENT = env.int("PHONE_CODE_CHECKS_PER_CLIENT", default=100)
# Codes are texted only to numbers of these regions (ISO codes): anywhere else is how SMS pumping earns money.
PHONE_CODE_REGIONS = env.list("PHONE_CODE_REGIONS", default=["CN"])

# --- Internationalisation: stored in UTC, shown in Asia/Shanghai.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Dates, times and decimal separators per locale: config/formats/<locale>/formats.py.
# USE_THOUSAND_SEPARATOR stays False on purpose: it would also group ids rendered with {{ obj.pk }}
# in URLs and hidden inputs (1234 -> "1,234"); amounts use the `yuan` filter, counts use |intcomma.
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = False
USE_TZ = True

# --- Static and media files.
STATIC_URL = "static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Uploads: the local disk (MEDIA_ROOT) unless a bucket is given, then S3-compatible object storage (MinIO in
# docker-compose). "default" holds what anyone may see (product photos: public-read, plain URLs), "private"
# what only the application reads (photos as uploaded, still carrying their metadata: signed, short-lived URLs).
STORAGE_BUCKET = env("STORAGE_BUCKET", default="")
STORAGE_SIGNED_URL_SECONDS = env.int("STORAGE_SIGNED_URL_SECONDS", default=300)
STORAGES = upload_storages(
    bucket=STORAGE_BUCKET,
    endpoint_url=env("STORAGE_ENDPOINT_URL", default=""),
    access_key=env("STORAGE_ACCESS_KEY", default=""),
    secret_key=env("STORAGE_SECRET_KEY", default=""),
    region=env("STORAGE_REGION", default=""),
    public_url=env("STORAGE_PUBLIC_URL", default=""),
    signed_url_seconds=STORAGE_SIGNED_URL_SECONDS,
)
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if not DEBUG
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Photos one person may send per hour (each is checked, stored and cleaned by a worker): beyond, 429.
SHOPS_PHOTO_UPLOADS_PER_HOUR = env.int("SHOPS_PHOTO_UPLOADS_PER_HOUR", default=120)
# Bulk listing from a spreadsheet (shops/imports/): the size and rows of one sheet, and the sheets (and photo
# zips) one person may send per hour.
SHOPS_IMPORT_MAX_BYTES = env.int("SHOPS_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
SHOPS_IMPORT_MAX_ROWS = env.int("SHOPS_IMPORT_MAX_ROWS", default=5000)
SHOPS_IMPORTS_PER_HOUR = env.int("SHOPS_IMPORTS_PER_HOUR", default=30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Taocun <no-reply@taocun.example>")

# --- Notifications (docs/notifications.md): SMS provider, quiet hours, limits, retries.
SMS_PROVIDER = env("SMS_PROVIDER", default="console")  # console | aliyun | memory | dotted path (core/sms.py)
SMS_DEFAULT_REGION = env("SMS_DEFAULT_REGION", default="CN")  # numbers without +country are mainland ones
SMS_ENDPOINT = env("SMS_ENDPOINT", default="https://dysmsapi.aliyuncs.com/")
SMS_REGION = env("SMS_REGION", default="cn-hangzhou")
SMS_ACCESS_KEY_ID = env("SMS_ACCESS_KEY_ID", default="")
SMS_ACCESS_KEY_SECRET = env("SMS_ACCESS_KEY_SECRET", default="")
SMS_SIGN_NAME = env("SMS_SIGN_NAME", default="")
SMS_DEFAULT_TEMPLATE_CODE = env("SMS_DEFAULT_TEMPLATE_CODE", default="")
SMS_TEMPLATE_CODES = env.json("SMS_TEMPLATE_CODES", default={})  # {"parcel_arrived": "SMS_123456789", ...}
SMS_TIMEOUT_SECONDS = env.float("SMS_TIMEOUT_SECONDS", default=10)
NOTIFICATIONS_DEFAULT_LANGUAGE = env("NOTIFICATIONS_DEFAULT_LANGUAGE", default="zh-hans")
NOTIFICATIONS_QUIET_HOURS = tuple(env.list("NOTIFICATIONS_QUIET_HOURS", cast=int, default=[22, 8]))
NOTIFICATIONS_SMS_PER_PHONE = env.int("NOTIFICATIONS_SMS_PER_PHONE", default=10)
NOTIFICATIONS_SMS_WINDOW_SECONDS = env.int("NOTIFICATIONS_SMS_WINDOW_SECONDS", default=3600)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.int("NOTIFICATIONS_RETRY_BASE_SECONDS", default=30)
NOTIFICATIONS_RETRY_MAX_SECONDS = env.int("NOTIFICATIONS_RETRY_MAX_SECONDS", default=1800)
NOTIFICATIONS_STALE_SECONDS = env.int("NOTIFICATIONS_STALE_SECONDS", default=900)
NOTIFICATIONS_RELEASE_BATCH = env.int("NOTIFICATIONS_RELEASE_BATCH", default=2000)
SITE_URL = env("SITE_URL", default="").rstrip("/")  # links in e-mails
# Username and password as Django's ModelBackend, or a mobile number and an SMS code (accounts.auth); the user
# loaded on each request also carries its unread count, whichever way they logged in.
AUTHENTICATION_BACKENDS = ["notifications.auth.InboxModelBackend", "notifications.auth.InboxPhoneCodeBackend"]

# --- REST API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "core.api.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "core.api.OrderingFilter",  # only a view's declared ordering_fields
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # DRF's throttles counting a client as the project's other limits do: the address the trusted proxy
    # reported, an IPv6 client by its /64 (accounts.throttling); a signed-in user by id.
    "DEFAULT_THROTTLE_CLASSES": [
        "accounts.throttling.AnonRateThrottle",
        "accounts.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "user": env("API_THROTTLE_USER", default="600/min"),
        # /api/products/suggest/: a request every keystroke or two while someone types.
        "suggest": env("API_THROTTLE_SUGGEST", default="600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Taocun API",
    "DESCRIPTION": (
        "Rural e-commerce villages: stations, shops, orders, certification, trust score and microloans, training."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.schema.add_error_responses",
    ],
    # Swagger UI served from our own static files: no CDN on a rural link.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "orders.models.OrderStatus",
        "PaymentStatusEnum": "orders.models.PaymentStatus",
        "DisputeStatusEnum": "orders.models.DisputeStatus",
        "AssistedStatusEnum": "orders.models.AssistedStatus",
        "RoleEnum": "accounts.models.Role",
        "CouponKindEnum": "promotions.models.CouponKind",
        "CouponClaimStatusEnum": "promotions.models.ClaimStatus",
        "SelfServiceRoleEnum": [("buyer", "buyer"), ("farmer", "farmer")],  # phone sign-up, station registration
    },
}

# --- Insights: dashboards' figures are cached this long (seconds).
INSIGHTS_CACHE_SECONDS = env.int("INSIGHTS_CACHE_SECONDS", default=600)
# k-anonymity: a sales figure made by fewer farmers than this is hidden from those who may not see each farmer's.
INSIGHTS_MIN_FARMERS = env.int("INSIGHTS_MIN_FARMERS", default=5)

# --- Celery: in-process (eager) when no broker is configured, so a fresh machine works.
# The broker is Redis (redis://) or RabbitMQ (amqp://). Results go to the broker when it is Redis, else to
# REDIS_URL, else back to the caller over RabbitMQ (rpc://).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND",
    default=(
        CELERY_BROKER_URL
        if CELERY_BROKER_URL.startswith(("redis://", "rediss://"))
        else (REDIS_URL or "rpc://")
        if CELERY_BROKER_URL
        else None
    ),
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Queues by kind of work (config/celery.py routes each task by name): default, notifications (short, urgent),
# heavy (certification runs, snapshots, rebuilds, imports), media (photos). A prefix keeps several
# deployments, or the tests, apart on one broker.
CELERY_QUEUE_PREFIX = env("CELERY_QUEUE_PREFIX", default="")
CELERY_TASK_DEFAULT_QUEUE = f"{CELERY_QUEUE_PREFIX}default"
CELERY_TASK_ROUTES = ("config.celery.route_task",)
# A worker process exports its task metrics on this port (Prometheus); 0: none.
CELERY_METRICS_PORT = env.int("CELERY_METRICS_PORT", default=0)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "health-check": {"task": "config.tasks.health_check", "schedule": crontab(minute="*/15")},
    # Insights: destination and product rollups (dashboards never scan the orders).
    "insights-refresh-recent-rollups": {"task": "insights.refresh_recent_rollups", "schedule": crontab(minute="*/10")},
    "insights-rebuild-rollups": {"task": "insights.rebuild_rollups", "schedule": crontab(hour=3, minute=30)},
    # credit: overdue loans and interest first, then the scores that read them.
    "credit-loans-nightly": {"task": "credit.tasks.loans_nightly", "schedule": crontab(hour=0, minute=10)},
    "credit-score-snapshots": {"task": "credit.tasks.score_snapshots_nightly", "schedule": crontab(hour=1, minute=30)},
    "credit-station-cash": {"task": "credit.tasks.station_cash_reconcile", "schedule": crontab(hour=0, minute=40)},
    # Loan payouts committed with their loan but never sent to the provider (a crash in between): same reference.
    "credit-loan-payouts-resume": {"task": "credit.tasks.loan_payouts_resume", "schedule": crontab(minute="*/5")},
    # Loan reminders (due in 3 days, today, overdue) after the nightly run, at 09:00 Asia/Shanghai (not at night).
    "credit-loan-reminders": {"task": "credit.tasks.loan_reminders_notify", "schedule": crontab(hour=9, minute=0)},
    "notifications-release": {"task": "notifications.tasks.deliveries_release", "schedule": crontab(minute="*")},
}

# --- Metrics (/metrics, config/metrics.py): readable with `Authorization: Bearer <METRICS_TOKEN>`, or without
# it from these networks when the request did not come through the reverse proxy.
METRICS_TOKEN = env("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = env.list(
    "METRICS_ALLOWED_NETWORKS", default=["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
)
PROMETHEUS_EXPORT_MIGRATIONS = False

# --- Certification: the daily assessment run (Asia/Shanghai time), chunk size, when a silent run counts as stalled.
CERTIFICATION_RUN_AT = env("CERTIFICATION_RUN_AT", default="02:30")
CERTIFICATION_CHUNK_SIZE = env.int("CERTIFICATION_CHUNK_SIZE", default=1000)
CERTIFICATION_RUN_STALL_SECONDS = env.int("CERTIFICATION_RUN_STALL_SECONDS", default=600)
CELERY_BEAT_SCHEDULE["certification-daily-run"] = {
    "task": "certification.tasks.assessment_run_daily",
    "schedule": crontab(
        hour=CERTIFICATION_RUN_AT.split(":")[0].strip(), minute=CERTIFICATION_RUN_AT.split(":")[1].strip()
    ),
}

# --- Security: production hardening when DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Addresses or networks of the reverse proxies in front of Django (e.g. "10.0.0.0/8,172.16.0.0/12"). Only a
# request from one of them has its X-Forwarded-For and X-Forwarded-Proto believed (core.middleware); empty, the
# default, believes none: a client talking to gunicorn directly cannot forge its address or HTTPS.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # stripped unless a trusted proxy sent it
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Our own origin only; style attributes are allowed (progress bar widths), inline scripts are not.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}

# Logs on stderr, one JSON object a line with LOG_FORMAT=json (docker-compose), each carrying the request id
# (`correlation_id`) of the request, or of the request that started the Celery task.
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"correlation_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(correlation_id)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["correlation_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "django_guid": {"level": "WARNING"},
        "celery": {"level": env("LOG_LEVEL", default="WARNING")},
    },
}
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "UUID_LENGTH": 32,  # nginx's $request_id: 32 hex digits (a client's id that is not a UUID is replaced)
    # The id travels in the task's headers; a worker logs with Django's LOGGING above.
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True)],
}

# --- Orders: payment provider and its signed callback, unpaid timeout, auto-completion, disputes.
PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", default="simulated")
# The simulated provider confirms payments nobody made: with DEBUG off it works only when this is set on purpose
# (a demo); otherwise `manage.py check` (and so migrate, runserver, the WSGI start) fails with core.E011.
PAYMENT_PROVIDER_ALLOW_SIMULATED = DEBUG or env.bool("PAYMENT_PROVIDER_ALLOW_SIMULATED", default=False)
# The HMAC key shared with the provider. Unset in production, it is derived from the secret key (the
# simulated provider signs in-process); a real provider needs the value it was given set here. The development
# secret is refused when the server did not start in DEBUG (core.payments, check core.E012).
PAYMENT_DEV_SECRET_ACCEPTED = DEBUG
PAYMENT_WEBHOOK_SECRET = env(
    "PAYMENT_WEBHOOK_SECRET",
    default="dev-only-payment-webhook-secret"
    if DEBUG
    else hashlib.sha256(f"payment-webhook:{SECRET_KEY}".encode()).hexdigest(),
)
# The key that encrypts payout account numbers in the database (core/crypto.py): a Fernet key
# (`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`) or any long passphrase.
# Unset, it is derived from the secret key: set it before ever changing DJANGO_SECRET_KEY. Keys listed in
# PAYOUT_ACCOUNT_OLD_KEYS still decrypt while `manage.py payout_accounts_reencrypt` moves the rows to the new one.
PAYOUT_ACCOUNT_KEY = env("PAYOUT_ACCOUNT_KEY", default=f"derived:{SECRET_KEY}")
PAYOUT_ACCOUNT_OLD_KEYS = env.list("PAYOUT_ACCOUNT_OLD_KEYS", default=[])
# --- Training and credit: what a script could farm for trust points.
TRAINING_QUIZ_ATTEMPTS_PER_DAY = env.int("TRAINING_QUIZ_ATTEMPTS_PER_DAY", default=3)
# On-time repayments that earn points, per calendar quarter (by the day the loan closed).
CREDIT_ON_TIME_LOANS_PER_QUARTER = env.int("CREDIT_ON_TIME_LOANS_PER_QUARTER", default=2)
# Arrears buckets by days past due (credit/arrears.py): the upper bounds, "30,60,90" gives 1-30, 31-60, 61-90, >90.
CREDIT_ARREARS_BUCKETS = env.list("CREDIT_ARREARS_BUCKETS", cast=int, default=[30, 60, 90])
# Loans classified per SQL statement in the nightly arrears run (each chunk its own transaction; a rerun resumes).
CREDIT_ARREARS_CHUNK = env.int("CREDIT_ARREARS_CHUNK", default=50000)
ORDERS_UNPAID_TIMEOUT_MINUTES = env.int("ORDERS_UNPAID_TIMEOUT_MINUTES", default=30)
ORDERS_AUTO_COMPLETE_DAYS = env.int("ORDERS_AUTO_COMPLETE_DAYS", default=15)
ORDERS_DISPUTE_DAYS = env.int("ORDERS_DISPUTE_DAYS", default=15)
# The HMAC key of the carriers' tracking callbacks (orders/carriers.py). Unset in production it is derived from the
# secret key, so nobody outside can sign until a carrier's key is set here; the development key, set by hand on a
# server that did not start in DEBUG, verifies nothing (logistics.tracking).
CARRIER_DEV_SECRET_ACCEPTED = DEBUG
CARRIER_WEBHOOK_SECRET = env(
    "CARRIER_WEBHOOK_SECRET",
    default="dev-only-carrier-webhook-secret"
    if DEBUG
    else hashlib.sha256(f"carrier-webhook:{SECRET_KEY}".encode()).hexdigest(),
)
# Parcel tracking (logistics/tracking.py): the aggregator that pushes the carriers' events, signed with
# CARRIER_WEBHOOK_SECRET. The simulated one moves each parcel one step every TRACKING_SIMULATED_STEP_MINUTES
# (beat task orders.tasks.tracking_simulate); with DEBUG off it runs only when allowed on purpose (a demo).
TRACKING_PROVIDER = env("TRACKING_PROVIDER", default="simulated")
TRACKING_PROVIDER_ALLOW_SIMULATED = DEBUG or env.bool("TRACKING_PROVIDER_ALLOW_SIMULATED", default=False)
TRACKING_SIMULATED_STEP_MINUTES = env.int("TRACKING_SIMULATED_STEP_MINUTES", default=2)
CELERY_BEAT_SCHEDULE["orders-tracking-simulate"] = {
    "task": "orders.tasks.tracking_simulate",
    "schedule": crontab(minute="*"),
}
# Parcels at the village station: listed for a reminder when not collected after this many days.
ORDERS_STATION_UNCLAIMED_DAYS = env.int("ORDERS_STATION_UNCLAIMED_DAYS", default=3)
# Trading points (credit/trading.py): only completed orders worth at least this many yuan, from buyers whose account
# was this many days old (or verified), count; at most this many orders count per week.
CREDIT_TRADING_MIN_ORDER_VALUE = env.str("CREDIT_TRADING_MIN_ORDER_VALUE", default="10.00")
CREDIT_TRADING_BUYER_MIN_DAYS = env.int("CREDIT_TRADING_BUYER_MIN_DAYS", default=30)
CREDIT_TRADING_WEEKLY_ORDERS = env.int("CREDIT_TRADING_WEEKLY_ORDERS", default=20)
# The first orders from one buyer that count in full; the k-th after them counts this many k-ths.
CREDIT_TRADING_FULL_ORDERS_PER_BUYER = env.int("CREDIT_TRADING_FULL_ORDERS_PER_BUYER", default=3)
# A shipped order neither the buyer nor the carrier's tracking confirmed becomes delivered after this many days.
ORDERS_AUTO_DELIVER_DAYS = env.int("ORDERS_AUTO_DELIVER_DAYS", default=10)
CELERY_BEAT_SCHEDULE["orders-auto-deliver"] = {
    "task": "orders.tasks.orders_auto_deliver",
    "schedule": crontab(minute=47),
}
CELERY_BEAT_SCHEDULE["orders-cancel-unpaid"] = {
    "task": "orders.tasks.orders_cancel_unpaid",
    "schedule": crontab(minute="*/5"),
}
CELERY_BEAT_SCHEDULE["orders-withdrawal-payouts-resume"] = {
    "task": "orders.tasks.withdrawal_payouts_resume",
    "schedule": crontab(minute="*/5"),
}
# Group buys (issue 23): groups past their deadline are refunded (paid members) and released (unpaid places).
CELERY_BEAT_SCHEDULE["orders-group-buys-expire"] = {
    "task": "orders.tasks.group_buys_expire",
    "schedule": crontab(minute="*"),
}
CELERY_BEAT_SCHEDULE["orders-auto-complete"] = {
    "task": "orders.tasks.orders_auto_complete",
    "schedule": crontab(minute=17),
}
# Pre-sales (issue 23): lapsed reservations and forfeited deposits; refunds past the last shipping date.
CELERY_BEAT_SCHEDULE["orders-presale-expire"] = {
    "task": "orders.tasks.presale_orders_expire",
    "schedule": crontab(minute="*/5"),
}
CELERY_BEAT_SCHEDULE["orders-presale-refund-unshipped"] = {
    "task": "orders.tasks.presales_refund_unshipped",
    "schedule": crontab(minute=23),
}
