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
    # Taocun, lowest layer first (see ARCHITECTURE.md: lower never imports higher).
    "core",
    "accounts",
    "villages",
    "shops",
    "training",
    "orders",
    "certification",
    "credit",
    "insights",
    "config",
]

MIDDLEWARE = [
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
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Counts product page views (shops:product_detail) for the insights dashboards; never breaks a page.
    "insights.middleware.ProductViewMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # In the connection's start-up packet rather than round trips of their own: the time zone Django wants
    # (else it sends SET TIME ZONE on every new connection), and a random page cost for data that fits in
    # memory, as the catalogue does (with the default 4 the planner scans 100,000 products sequentially
    # instead of reading the 7,000 the search index points to, 4-5 times slower).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c timezone=UTC -c random_page_cost={env.float('DB_RANDOM_PAGE_COST', default=1.1)}"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent page loads of the dev server must not fail with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20})
    # Covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite builds the plain index, which is all it needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is set, else local memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "taocun"}}

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
# Failed logins: after this many failures from one client or for one account,
# further tries are refused for LOGIN_LOCKOUT_SECONDS.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=900)

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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Taocun <no-reply@taocun.example>")

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
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
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
    },
}

# --- Insights: dashboards' figures are cached this long (seconds).
INSIGHTS_CACHE_SECONDS = env.int("INSIGHTS_CACHE_SECONDS", default=600)

# --- Celery: in-process (eager) when no broker is configured, so a fresh machine works.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
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
}

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
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# --- Orders: payment provider and its signed callback, unpaid timeout, auto-completion, disputes.
PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", default="simulated")
# The HMAC key shared with the provider. Unset in production, it is derived from the secret key (the
# simulated provider signs in-process); a real provider needs the value it was given set here.
PAYMENT_WEBHOOK_SECRET = env(
    "PAYMENT_WEBHOOK_SECRET",
    default="dev-only-payment-webhook-secret"
    if DEBUG
    else hashlib.sha256(f"payment-webhook:{SECRET_KEY}".encode()).hexdigest(),
)
ORDERS_UNPAID_TIMEOUT_MINUTES = env.int("ORDERS_UNPAID_TIMEOUT_MINUTES", default=30)
ORDERS_AUTO_COMPLETE_DAYS = env.int("ORDERS_AUTO_COMPLETE_DAYS", default=15)
ORDERS_DISPUTE_DAYS = env.int("ORDERS_DISPUTE_DAYS", default=15)
CELERY_BEAT_SCHEDULE["orders-cancel-unpaid"] = {
    "task": "orders.tasks.orders_cancel_unpaid",
    "schedule": crontab(minute="*/5"),
}
CELERY_BEAT_SCHEDULE["orders-auto-complete"] = {
    "task": "orders.tasks.orders_auto_complete",
    "schedule": crontab(minute=17),
}
