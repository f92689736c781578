"""Production: everything secret or host-specific comes from the environment.

Refuses to start, naming what is missing, without SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
a shared cache (REDIS_URL, or CACHE_BACKEND=database): rate limits and sessions must be shared
by every worker, so local memory is not accepted. Refuses too when the second factor for staff
(STAFF_SECOND_FACTOR_REQUIRED) is off: only the local demo may turn it off.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


def _refuse_to_start(missing: list[str]) -> None:
    """Raise ImproperlyConfigured naming every missing variable, printed as one line.

    Servers that import the settings (gunicorn) still see the exception and stop booting;
    when nothing catches it (`manage.py ...`), the operator reads one line instead of a
    traceback through Django's settings machinery.
    """
    error = ImproperlyConfigured(
        "Production settings refuse to start. Missing: "
        + "; ".join(missing)
        + ". See docs/deployment.md."
    )
    default_hook = sys.excepthook

    def one_line(exc_type, exc, tb):
        if exc is error:
            print(f"ERROR: {error}", file=sys.stderr)
        else:
            default_hook(exc_type, exc, tb)

    sys.excepthook = one_line
    raise error


_hosts = [host.strip() for host in _env("ALLOWED_HOSTS").split(",") if host.strip()]
_missing = [
    f"the environment variable {name}"
    for name, value in (
        ("SECRET_KEY", _env("SECRET_KEY")),
        ("ALLOWED_HOSTS", _hosts),
        ("DATABASE_URL", _env("DATABASE_URL")),
    )
    if not value
]
if not _env("REDIS_URL") and _env("CACHE_BACKEND") != "database":
    # Rate limits and sessions must be shared by every worker: local memory is refused.
    _missing.append(
        "a shared cache: set the environment variable REDIS_URL, or CACHE_BACKEND=database "
        "(then run `manage.py createcachetable`)"
    )
# How many proxies of ours (load balancer, nginx) append to X-Forwarded-For: allauth's per-IP
# rate limits count the address the outermost of them saw.
_proxy_count = _env("TRUSTED_PROXY_COUNT") or "1"
if not _proxy_count.isdigit():
    _missing.append("a whole number (0 or more) in the environment variable TRUSTED_PROXY_COUNT")
if not STAFF_SECOND_FACTOR_REQUIRED:  # noqa: F405
    _missing.append(
        "the second factor for staff: STAFF_SECOND_FACTOR_REQUIRED must be True "
        "(only the local demo turns it off)"
    )
if _missing:
    _refuse_to_start(_missing)

SECRET_KEY = _env("SECRET_KEY")
ALLOWED_HOSTS = _hosts
ALLAUTH_TRUSTED_PROXY_COUNT = int(_proxy_count)
# DATABASE_URL itself was parsed by base.py; here only its absence is fatal.

if _env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _env("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }

CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
# The load balancer's health probe speaks plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload directive only signals consent: joining the browsers' preload list is a separate
# submission, made for a registrable domain by its owner (for a subdomain of bimakota.go.id the
# header is inert). Set SECURE_HSTS_PRELOAD=false to leave it out.
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true").lower() != "false"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Tasks run in a worker (`manage.py db_worker`), stored in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "true").lower() == "true",
        },
    }
}
