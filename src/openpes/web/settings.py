"""Django settings for OpenPES, all driven by ``OPENPES_*`` environment variables.

- ``OPENPES_DATABASE_URL``: defaults to SQLite under ``var/``; ``postgresql://`` selects PostgreSQL.
- ``OPENPES_SECRET_KEY``: required in production; generated into ``var/`` for local use.
- ``OPENPES_ENV=production``: secure cookies, HSTS, HTTPS redirect, no debug.
- ``OPENPES_ALLOWED_HOSTS``: comma-separated host names (production).
- ``OPENPES_BASE_URL``: the address people open, for links in mails sent from the command line
  (default ``https://`` and the first allowed host; ``http://127.0.0.1:8000`` in development).
- ``OPENPES_EMAIL_HOST`` (with ``_PORT``, ``_USER``, ``_PASSWORD``, ``_USE_TLS``, ``_FROM``):
  SMTP for oversight alerts; without a host, mail is printed to the console.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from openpes.web.environment import is_production, secret_key, var_dir

WEB_DIR = Path(__file__).resolve().parent
VAR_DIR = var_dir()
PRODUCTION = is_production()

SECRET_KEY = secret_key()
DEBUG = os.environ.get("OPENPES_DEBUG", "0") == "1" and not PRODUCTION
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "OPENPES_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
    ).split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "openpes.web.ui.admin_config.OpenPESAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "axes",
    "openpes.web.ui",
    "openpes.web.accounts",
    "openpes.web.trail",
    "openpes.web.caseload",
    "openpes.web.readiness",
    "openpes.web.counselling",
    "openpes.web.catalogue",
    "openpes.web.outcomes",
    "openpes.web.integrations",
    "openpes.web.interchange",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "openpes.web.casework",
    "openpes.web.oversight",
    "openpes.web.register",
    "openpes.web.classifications",
    "openpes.web.exchange",
]

MIDDLEWARE = [
    # First: load balancers probe over plain HTTP with an IP as host (see the module).
    "openpes.web.www.health_views.middleware.HealthProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "openpes.web.ui.caching.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Core errors that a view did not catch become a translated page, not a server error.
    "openpes.web.ui.errors.OpenPESErrorMiddleware",
    # Axes must come last so it sees the final authentication result.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "openpes.web.urls"
WSGI_APPLICATION = "openpes.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openpes.web.ui.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("OPENPES_DATABASE_URL", f"sqlite:///{VAR_DIR / 'openpes.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers, which the audit trail's hash chain relies on.
    # The connection is kept like PostgreSQL's (CONN_MAX_AGE above): opening one and running
    # the PRAGMAs cost 1.7 ms of CPU on every request. In WAL mode an idle connection in
    # autocommit holds no snapshot and no lock, so keeping it blocks no other worker.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Five failures for one username from one address lock it for 30 minutes.
# Where the trail's head is anchored outside the database: a file path or an http(s) URL
# (see openpes/web/trail/anchors.py and docs/deployment.md); in production, put it on
# storage the database's owner cannot write. Empty: no anchors (verification says so).
OPENPES_TRAIL_ANCHORS = os.environ.get("OPENPES_TRAIL_ANCHORS", str(VAR_DIR / "trail-anchors.txt"))

# Behind a reverse proxy, the client's address comes from X-Forwarded-For, but only when the
# request comes from one of these proxies (addresses or networks, comma-separated).
OPENPES_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("OPENPES_TRUSTED_PROXIES", "").split(",") if p.strip()
]
AXES_CLIENT_IP_CALLABLE = "openpes.web.accounts.client_address.client_address"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("es", _("Spanish")),
    ("fi", _("Finnish")),
    ("lv", _("Latvian")),
    ("tr", _("Turkish")),
    ("ko", _("Korean")),
    ("ms", _("Malay")),
]
LOCALE_PATHS = [WEB_DIR / "locale"]
FORMAT_MODULE_PATH = ["openpes.web.formats"]
TIME_ZONE = os.environ.get("OPENPES_TIME_ZONE", "Europe/Brussels")
# A human review must be answered within this many days (GDPR Art. 12(3): one month).
# The national occupation classification the oversight monitors also report by
# (docs/classifications.md); unset: the only imported one, if there is exactly one.
OPENPES_NATIONAL_SCHEME = os.environ.get("OPENPES_NATIONAL_SCHEME", "")
OPENPES_REVIEW_DEADLINE_DAYS = int(os.environ.get("OPENPES_REVIEW_DEADLINE_DAYS", "30"))
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# whitenoise warns about a missing root even when it serves from the finders.
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production whitenoise serves from the app folders: `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("OPENPES_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # The documented deployment terminates TLS at a reverse proxy that sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]

# The REST API (/api/v1/, see docs/integration.md); its settings live with the API.
from openpes.web.www.api_views.config import (  # noqa: E402,F401
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)

# The per-process memory cache. The API's per-token throttle counts in the database instead
# (``integrations.ThrottleWindow``), so every worker and host draws on one budget per token.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENPES_LOG_LEVEL", "WARNING")},
}

# Mail (alerts, review answers, password resets): SMTP when a host is configured, else
# printed on standard error, where it cannot mix with a command's report on standard output.
if os.environ.get("OPENPES_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["OPENPES_EMAIL_HOST"],
                "port": int(os.environ.get("OPENPES_EMAIL_PORT", "587")),
                "username": os.environ.get("OPENPES_EMAIL_USER", ""),
                "password": os.environ.get("OPENPES_EMAIL_PASSWORD", ""),
                "use_tls": os.environ.get("OPENPES_EMAIL_USE_TLS", "1") == "1",
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "openpes.web.console_mail.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("OPENPES_EMAIL_FROM", "openpes@localhost")
# Where people reach the service, for links in mails sent without a request (an account's
# invitation from the command line): by default the first allowed host over HTTPS.
OPENPES_BASE_URL = os.environ.get(
    "OPENPES_BASE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION and ALLOWED_HOSTS else "http://127.0.0.1:8000",
)
