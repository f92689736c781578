"""Settings shared by every environment. Secure by default.

Nothing secret or host-specific lives here: `dev` and `test` fill in safe local values,
`production` reads them from the environment and refuses to start without them.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "portal",
    "portal.accounts",
    "forum_anak",
    "content",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Inside the CSP middleware, so its 403 carries the strict policy and X-Frame-Options.
    "portal.middleware.AdminAccessMiddleware",
    # Staff who can see children's data open /admin/ only with a second factor.
    "portal.middleware.SecondFactorMiddleware",
    # Shared phones: members' sessions end with the browser and after idle time.
    "portal.middleware.MemberSessionMiddleware",
    # Inside the CSP middleware so its choice of policy is seen on the way out.
    "portal.middleware.AdminPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site",
                "portal.context_processors.inbox",
            ],
        },
    },
]

# Database: SQLite by default (zero set-up); DATABASE_URL selects another (PostgreSQL in
# production and CI).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts: two staff acting at once then wait for
    # each other instead of one failing with "database is locked" halfway through.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend needs it for PostgreSQL full-text search.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/akun/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Indonesian everywhere; Kota Bima is on WITA.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static files: whitenoise serves them compressed with hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS: list[Path] = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Children's uploads (proposal photos): outside MEDIA_ROOT, never served by the web server;
# views stream them after checking who asks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# A proposal photo: at most this many bytes uploaded (phones send 2-6 MB) and pixels decoded.
PROPOSAL_PHOTO_MAX_BYTES = 8 * 1024 * 1024
PROPOSAL_PHOTO_MAX_PIXELS = 40_000_000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads above this go to a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Cache: local memory here; production requires a shared one (see production.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks: the `django_tasks` backend setting drives our tasks and Wagtail's alike.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Mail: Django 6.1 MAILERS. Environments override the backend.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@forumanak.bimakota.go.id")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Strict policy for every page outside /admin/: nothing inline, nothing from another host.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail admin writes inline scripts and styles (choosers, inline panels, date
# widgets); it gets its own policy instead of weakening the public one.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "frame-src": [CSP.SELF],
}
ADMIN_PATH_PREFIX = "/admin/"

# CORS: the read-only API may be read from any origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Portal Forum Anak Kota Bima"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "content.CustomImage"
# Its upload form turns undecodable files into form errors (content/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.forms.ImageForm"
# Width x height above which an upload is refused with a form error (read from the header
# before decoding). Renditions are what downscale.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "bmp": "jpeg", "gif": "png"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "csv", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: nothing is loaded from another host, in the admin too.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Password-protected pages keep the quick exit and the help link.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "pages/password_required.html"
# Every login goes through allauth.
WAGTAILADMIN_LOGIN_URL = "/akun/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/akun/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_SEARCH_ENABLED = True

REST_FRAMEWORK = {
    # JSON only: no browsable HTML renderer anywhere.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}

# --- allauth --------------------------------------------------------------------------------
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
# The child's membership sign-up (privacy notice, guardian, kelurahan). False closes it.
ACCOUNT_SIGNUP_OPEN = True
ACCOUNT_FORMS = {"signup": "forum_anak.membership.signup.MemberSignupForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PREVENT_ENUMERATION = "strict"
# No "someone tried to use this address, but there is no account" mails: mail goes only to
# verified addresses, apart from the verification message itself (see the adapter).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Only the per-IP limits are raised over allauth's defaults, so that a room of 30 children
# behind one school or kelurahan IP can all sign up and sign in within a minute. Every
# per-account limit stays at allauth's default: five wrong passwords for one account within
# five minutes still lock that account's sign-in for the rest of the five minutes. Counts
# live in the default cache, which production requires to be shared by every worker.
ACCOUNT_RATE_LIMITS = {
    "signup": "60/m/ip",
    "login": "90/m/ip",
    "login_failed": "60/m/ip,5/5m/key",
    "reset_password": "60/m/ip,5/m/key",
    "reset_password_from_key": "60/m/ip",
}
# Proxies of ours that append to X-Forwarded-For: the per-IP limits count the address the
# outermost one saw. None in development; production reads TRUSTED_PROXY_COUNT (default 1).
ALLAUTH_TRUSTED_PROXY_COUNT = 0

# Second factor (allauth.mfa): an authenticator app, with recovery codes for a lost phone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Portal Forum Anak Kota Bima"
# Staff who can see a child's personal data (portal.roles.requires_second_factor) must have
# an authenticator app before any /admin/ page opens (portal.middleware); allauth then asks
# for its code at every sign-in. Off only in the local demo (dev.py); production refuses to
# start with it off.
STAFF_SECOND_FACTOR_REQUIRED = True

# --- Forum anak membership ----------------------------------------------------------------
# Members are children: 12 to 17 years old. They become alumni in the month they turn 18.
MEMBER_MIN_AGE = 12
MEMBER_MAX_AGE = 17
# Accounts still waiting for verification after this many days are deleted (purge_expired).
MEMBER_UNVERIFIED_DAYS = 30
# Public surfaces name the kecamatan instead of a kelurahan with fewer verified members.
SMALL_KELURAHAN_MIN_MEMBERS = 5
# Shared phones: a member's session ends after this much idle time (and when the browser closes).
MEMBER_IDLE_MINUTES = 30
# How many proposals one member may submit per day (a flood protection, not a quota).
PROPOSAL_SUBMITS_PER_DAY = 3
# Password-reset links (e-mailed, or handed out once by a facilitator) expire within a day.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# --- What every page needs, with fallbacks -------------------------------------------------
# The 500 page renders without the database: these are the only places the quick-exit
# target and the help number are not read from editable site settings.
QUICK_EXIT_FALLBACK_URL = "https://www.google.com/search?q=cuaca+bima"
HELP_PHONE_FALLBACK = "129"
HELP_WHATSAPP_FALLBACK = "https://wa.me/628111129129"

# Error reports hide POST data under /akun/, /forum/ and the facilitator's back office, and
# the query of /cari/ (portal.logging).
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.logging.ChildSafeExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "portal.logging.ChildSafeExceptionReporter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # Search queries and form data never reach a log line.
        "strip_query": {"()": "portal.logging.StripQueryStringFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["strip_query"]},
        # Error reports to ADMINS (none unless set), built by ChildSafeExceptionReporter.
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "strip_query"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}
