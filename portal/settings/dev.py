"""Local development: `make run`. SQLite, console mail, debug on."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-7c1f0b8e"  # noqa: S105 - dev only, never used in production
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Demo accounts are created by seed_demo only when this is on.
SEED_DEMO_ACCOUNTS = True
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Local demo only: demo staff accounts open /admin/ without an authenticator app (`make run`
# says so). Production refuses to start with this off.
STAFF_SECOND_FACTOR_REQUIRED = False
