"""One settings file, driven by environment variables.

Embedded default (nothing set): SQLite file, local-memory cache, Celery tasks run in process.
Full stack: DATABASE_URL (PostgreSQL) and REDIS_URL (cache and Celery broker).
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    # pytest (8.2+) sets PYTEST_VERSION; anywhere else a missing key is a deployment mistake.
    if not (DEBUG or "PYTEST_VERSION" in os.environ):
        raise ImproperlyConfigured("Set SECRET_KEY, or DEBUG=1 for a local development key.")
    SECRET_KEY = "insecure-development-key-do-not-deploy"
# Keys that were published (docker-compose.yml once shipped the first): never sign anything with them.
PUBLISHED_SECRET_KEYS = {"change-me-in-production", "insecure-development-key-do-not-deploy"}
if SECRET_KEY in PUBLISHED_SECRET_KEYS and not (DEBUG or "PYTEST_VERSION" in os.environ):
    raise ImproperlyConfigured("SECRET_KEY is a published placeholder: set a long random one of your own.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS. Off by default (the embedded default and the tests serve plain HTTP on 127.0.0.1);
# docker-compose.yml's production profile turns every one on, and `check --deploy` is clean there.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of ours stand in front of the app: each appends the address it saw to
# X-Forwarded-For, so the client is the NUM_PROXIES-th address from the right. 0 (default):
# the header is ignored and REMOTE_ADDR is the client, so a forged header moves no throttle.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guide",
    "content",
    "interests",
    "recommender",
    "tooling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "interests.accounts.VisitorIdMiddleware",  # a visitor's pages carry their signed anonymous id
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "guide.middleware.UnavailableMiddleware",  # a failing database or broker: 503 + Retry-After
]
if DEBUG:  # make run: the designed 404 page, not Django's list of every URL pattern
    MIDDLEWARE.insert(1, "guide.devpages.DesignedNotFoundMiddleware")

ROOT_URLCONF = "guide.urls"
WSGI_APPLICATION = "guide.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while the in-process tasks write.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="guide"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis down: reads miss and writes are dropped, so pages and the API are served
                # from the database (slower, correct) instead of failing; waits stay short.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env.float("CACHE_TIMEOUT_SECONDS", default=0.5),
                "SOCKET_TIMEOUT": env.float("CACHE_TIMEOUT_SECONDS", default=0.5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

AUTHENTICATION_BACKENDS = ["guide.lockout.LockoutModelBackend"]
# Wrong passwords per account and per client address before sign-in stops for the lockout.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# The ingest endpoint checks its own, larger limit and answers 413 itself.
INGEST_MAX_ITEMS = 500
INGEST_MAX_BODY_BYTES = env.int("INGEST_MAX_BODY_BYTES", default=16 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = INGEST_MAX_BODY_BYTES + 1024

# Faults (guide/faults.py): what a 503 asks clients to wait; who may read /healthz in detail;
# an ingest batch still unfinished after this many seconds is refused (503), nothing written,
# before gunicorn's --timeout (60 s in docker-compose.yml) would kill it half-way.
RETRY_AFTER_SECONDS = env.int("RETRY_AFTER_SECONDS", default=5)
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")
INGEST_DEADLINE_SECONDS = env.float("INGEST_DEADLINE_SECONDS", default=45.0)
# A scoring batch (100 items, well under a second) is stopped after this; its items are
# handed out again this long after a worker died holding them (content/outbox.py).
SCORING_TIME_LIMIT = env.int("SCORING_TIME_LIMIT", default=150)
# How often beat hands the scoring workers what waits unclaimed (a failed publish, a dead worker).
SCORING_RELAY_SECONDS = env.float("SCORING_RELAY_SECONDS", default=30.0)

# Interest profiles: how fast behaviour fades (see interests.profiles).
INTEREST_HALF_LIFE_DAYS = env.float("INTEREST_HALF_LIFE_DAYS", default=14.0)

# Outbound fetching of feeds and pages.
FETCH_TIMEOUT_SECONDS = env.float("FETCH_TIMEOUT_SECONDS", default=10.0)
FETCH_MAX_BYTES = env.int("FETCH_MAX_BYTES", default=5 * 1024 * 1024)
FETCH_USER_AGENT = "GuideBot/1.0 (+https://guide.example/bot)"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "guide.auth.UserTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "guide.renderers.SafeJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["guide.parsers.BoundedJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "guide.errors.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_RATES": {"auth": "20/min", "events": env.str("EVENTS_RATE", default="120/min"),
                               "events_address": env.str("EVENTS_ADDRESS_RATE", default="600/min")},
    "NUM_PROXIES": NUM_PROXIES,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Guide 兴趣消费指南 API",
    "DESCRIPTION": "Interest-driven consumption guide: ingestion, items, interests, feeds, lists.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI is served from our own static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "guide.schema.error_responses"],
    "ENUM_NAME_OVERRIDES": {
        "WorthListPeriodEnum": ["day", "week"],
        # One name for the shared reason codes (editors' rejections, reports, audit, items).
        "ReasonCodeEnum": "content.constants.REASON_CODES",
        "DecisionActionEnum": "content.moderation.decisions.ACTIONS",
        "ListOverrideActionEnum": "recommender.models.ListOverride.ACTIONS",
    },
}

# Celery: Redis as broker when REDIS_URL is set; otherwise every task runs in process.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [Queue(name) for name in ("ingest", "scoring", "stats", "default")]
CELERY_TASK_ROUTES = {
    "content.tasks.poll_*": {"queue": "ingest"},
    "content.tasks.score_*": {"queue": "scoring"},
    "content.tasks.sweep_*": {"queue": "scoring"},
    "recommender.tasks.*": {"queue": "stats"},
    # Training takes minutes of CPU: kept off the stats queue so profile updates never wait for it.
    "interests.tasks.retrain_tagger_if_needed": {"queue": "default"},
    "interests.tasks.*": {"queue": "stats"},
}
# An unacknowledged message (worker killed) returns to the queue after this many seconds.
# Scoring does not wait for it (content/outbox.py says why and what it does instead).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
    "socket_connect_timeout": env.float("BROKER_CONNECT_TIMEOUT_SECONDS", default=2.0),
}
CELERY_TIMEZONE = TIME_ZONE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        # In process, every task's success line is noise; a worker logs them as usual.
        "celery.app.trace": {"level": "INFO" if REDIS_URL else "WARNING"},
    },
}
