"""Settings shared by every environment.

Secrets and anything that differs between machines come from the environment
(django-environ); see the README's configuration section for the variables.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me-in-production-0123456789")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The Django admin, signed in through allauth's login (throttled, with the second factor).
    "samverka.platform.accounts.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "auditlog",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "samverka.platform.core",  # keep after auditlog: registers the audited models
    "samverka.platform.accounts",
    "samverka.platform.spaces",
    "samverka.collaboration.actors",
    "samverka.collaboration.bodies",
    "samverka.platform.notifications",
    "samverka.collaboration.meetings",
    "samverka.collaboration.calendars",
    "samverka.collaboration.wheels",
    "samverka.collaboration.events",
    "samverka.steering.goals",
    "samverka.steering.workplans",
    "samverka.steering.statusreports",
    "samverka.steering.inputs",
    "samverka.records.registry",
    "samverka.records.intake",
    "samverka.records.questions",
    "samverka.records.retention",
    "samverka.insight.classifications",
    "samverka.insight.statistics",
    "samverka.insight.indicators",
    "samverka.insight.analyses",
    "samverka.education.glossary",
    "samverka.education.catalogue",
    "samverka.education.validation",
    "samverka.education.orders",
    "samverka.education.cohorts",
    "samverka.education.knowledgenodes",
    "samverka.education.myhreports",
    "samverka.platform.search",
    "samverka.platform.api",
    "samverka.demo",
]

MIDDLEWARE = [
    "samverka.platform.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samverka.platform.core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samverka.platform.core.middleware.AuditMiddleware",
    "samverka.platform.accounts.middleware.RequireMfaMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samverka" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "samverka.platform.spaces.context_processors.spaces",
            ],
        },
    }
]

# SQLite is the embedded default; DATABASE_URL=postgres://… selects PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'samverka.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers work while a writer commits; IMMEDIATE avoids
            # "database is locked" upgrades inside write transactions.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
# Persistent connections (each worker thread keeps its own): a new connection per request would cost
# PostgreSQL a connect and SQLite a schema read with a cold page cache on every request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- allauth ---------------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_ALLOW_REGISTRATION = env.bool("ACCOUNT_ALLOW_REGISTRATION", default=False)
ACCOUNT_ADAPTER = "samverka.platform.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samverka"
#: Who else must use two-factor besides platform admins and staff: callables user → bool, named here because
#: accounts sits below the apps that know the roles (spaces: space admins and registrars).
ACCOUNTS_MFA_REQUIRED_BY = ["samverka.platform.spaces.mfa.holds_mfa_role"]
LOGIN_REDIRECT_URL = "spaces:home"
LOGIN_URL = "account_login"

# --- i18n ------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "samverka" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Dates and numbers as written in Swedish ("6 december 2026", "391 224", "12,5"): config/formats.
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True

# --- static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# npm packages are copied here by `make assets` (scripts/copy_assets.py).
STATICFILES_DIRS = [BASE_DIR / "samverka" / "static", VAR_DIR / "npm"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- e-mail ----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Samverka <noreply@samverka.local>")

# Absolute links in e-mails and calendar files point here.
SITE_URL = env("SITE_URL", default="http://localhost:8000").rstrip("/")
# The right-hand side of calendar UIDs and Message-IDs: stable per installation.
ICS_UID_DOMAIN = env("ICS_UID_DOMAIN", default="samverka.local")
# External free/busy calendars (samverka/collaboration/calendars/fetch.py): limits, and the private networks that may
# be fetched from anyway (e.g. an intranet calendar server), comma-separated CIDRs; empty = none.
CALENDARS_FETCH_TIMEOUT = env.float("CALENDARS_FETCH_TIMEOUT", default=10.0)
CALENDARS_FETCH_MAX_BYTES = env.int("CALENDARS_FETCH_MAX_BYTES", default=2 * 1024 * 1024)
CALENDARS_FETCH_MAX_REDIRECTS = env.int("CALENDARS_FETCH_MAX_REDIRECTS", default=5)
CALENDARS_FETCH_ALLOWED_NETWORKS = env.list("CALENDARS_FETCH_ALLOWED_NETWORKS", default=[])

# The education catalogue's source: an EMIL3 (Susa-navet) API base URL; empty = the synthetic Sörmland
# fixtures shipped in samverka/education/catalogue/emil3/ (`manage.py import_emil3`).
CATALOGUE_EMIL3_URL = env("CATALOGUE_EMIL3_URL", default="")

# --- outbox and background tasks ---------------------------------------------
# Embedded default: tasks run in-process after commit. Production sets
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and runs `manage.py db_worker`
# (or `manage.py send_outbox --watch`).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_STUCK_MINUTES = env.int("OUTBOX_STUCK_MINUTES", default=15)

# One way in: the functional mailbox of each space, as JSON {"<space slug>": {"host": …, "port": 993, "user": …,
# "password": …, "folder": "INBOX", "ssl": true}}, read by `manage.py read_intake_mailbox`; and the number of
# public contact and copy-request forms one address may send per hour.
INTAKE_MAILBOXES = env.json("INTAKE_MAILBOXES", default={})
INTAKE_PUBLIC_LIMIT_PER_HOUR = env.int("INTAKE_PUBLIC_LIMIT_PER_HOUR", default=10)

# --- audit -------------------------------------------------------------------
AUDITLOG_CID_GETTER = "samverka.platform.core.middleware.get_request_id"
AUDITLOG_STORE_JSON_CHANGES = True

# --- REST API ----------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "samverka.platform.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["samverka.platform.api.permissions.RulesPermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "samverka.platform.api.pagination.KeysetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverka API",
    "DESCRIPTION": "Actors, bodies, memberships, meetings, decisions and action items of the competence-supply "
    "collaboration.\n\nLists are paged by cursor: follow the `next` and `previous` links (there are no page "
    "numbers and no total count). `page_size` is 50 by default and at most 500; a larger value gives 500. A "
    "cursor that was changed or does not fit the list answers 404; a page number (`page`) answers 400.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI comes from npm (swagger-ui-dist), served from our own static files.
    "SWAGGER_UI_DIST": "/static/swagger-ui-dist",
    "SWAGGER_UI_FAVICON_HREF": "/static/samverka/favicon.svg",
}

# --- security ------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# The audited models are registered in samverka/platform/core/audit.py.
