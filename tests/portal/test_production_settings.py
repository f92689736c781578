"""Production settings, loaded in a fresh process as a server would load them."""

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
HOST = "forumanak.example.id"
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")
# Variables that would change what production.py reads, removed from the inherited env.
PRODUCTION_VARIABLES = (
    *REQUIRED,
    "CACHE_BACKEND",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "WAGTAILADMIN_BASE_URL",
)


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    # Nothing inherited that a server would not have: the browser tests, for one, set
    # DJANGO_ALLOW_ASYNC_UNSAFE in this process, which `check --deploy` rightly refuses.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_VARIABLES and not k.startswith("DJANGO_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},www.{HOST}",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _check_deploy(env):
    return _run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")


def test_deploy_check_is_clean_with_redis_and_sqlite(production_env):
    assert len(production_env["SECRET_KEY"]) >= 50

    result = _check_deploy(production_env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_deploy_check_is_clean_with_postgresql_and_the_database_cache(production_env):
    del production_env["REDIS_URL"]
    production_env["CACHE_BACKEND"] = "database"
    production_env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/postgres"

    result = _check_deploy(production_env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.parametrize("name", REQUIRED)
def test_refuses_to_start_without_a_required_variable_and_names_it(production_env, name):
    del production_env[name]

    result = _check_deploy(production_env)

    assert result.returncode != 0
    assert name in result.stderr
    # One clear line, not a traceback through Django's settings machinery.
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    others = [other for other in REQUIRED if other != name]
    assert not any(f"variable {other}" in result.stderr for other in others)


@pytest.mark.parametrize("value", ["", "   ", ",", " , "])
def test_an_empty_allowed_hosts_counts_as_missing(production_env, value):
    production_env["ALLOWED_HOSTS"] = value

    result = _check_deploy(production_env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_everything_missing_is_named_at_once(production_env):
    for name in REQUIRED:
        del production_env[name]

    result = _check_deploy(production_env)

    assert result.returncode != 0
    for name in REQUIRED:
        assert name in result.stderr


def test_a_server_importing_the_settings_gets_improperly_configured(production_env):
    """gunicorn stops booting on an exception; the one-line message must not swallow it."""
    del production_env["SECRET_KEY"]
    script = textwrap.dedent(
        """
        from django.core.exceptions import ImproperlyConfigured
        try:
            import portal.settings.production
        except ImproperlyConfigured as exc:
            print("raised:", exc)
        """
    )

    result = _run(production_env, "-c", script)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("raised:")
    assert "SECRET_KEY" in result.stdout


def test_production_security_settings(production_env):
    script = textwrap.dedent(
        """
        import json
        import django
        from django.conf import settings
        django.setup()
        print(json.dumps({
            "debug": settings.DEBUG,
            "ssl_redirect": settings.SECURE_SSL_REDIRECT,
            "hsts": settings.SECURE_HSTS_SECONDS,
            "session_secure": settings.SESSION_COOKIE_SECURE,
            "csrf_secure": settings.CSRF_COOKIE_SECURE,
            "hosts": settings.ALLOWED_HOSTS,
            "csrf_origins": settings.CSRF_TRUSTED_ORIGINS,
            "cache": settings.CACHES["default"]["BACKEND"],
            "tasks": settings.TASKS["default"]["BACKEND"],
            "admin_base_url": settings.WAGTAILADMIN_BASE_URL,
        }))
        """
    )

    result = _run(production_env, "-c", script)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["ssl_redirect"] is True
    assert values["hsts"] >= 60 * 60 * 24 * 365
    assert values["session_secure"] is True
    assert values["csrf_secure"] is True
    assert values["hosts"] == [HOST, f"www.{HOST}"]
    assert values["csrf_origins"] == [f"https://{HOST}", f"https://www.{HOST}"]
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["admin_base_url"] == f"https://{HOST}"


def test_healthz_is_exempt_from_the_https_redirect(production_env):
    """The load balancer probes /healthz over plain HTTP; every other path goes to HTTPS."""
    script = textwrap.dedent(
        f"""
        import json
        import django
        django.setup()
        from django.test import Client
        client = Client(HTTP_HOST="{HOST}")
        health = client.get("/healthz")
        health_slash = client.get("/healthz/")
        home = client.get("/")
        news = client.get("/berita/?halaman=2")
        admin = client.get("/admin/")
        secure = client.get("/healthz", secure=True)
        by_ip = Client(HTTP_HOST="10.0.0.5").get("/healthz")
        print(json.dumps({{
            "health": [health.status_code, health.get("Location")],
            "health_slash": [health_slash.status_code, health_slash.get("Location")],
            "home": [home.status_code, home.get("Location")],
            "news": [news.status_code, news.get("Location")],
            "admin": [admin.status_code, admin.get("Location")],
            "hsts": secure.get("Strict-Transport-Security"),
            "by_ip": by_ip.status_code,
        }}))
        """
    )

    result = _run(production_env, "-c", script)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["health"] == [200, None]
    assert values["home"] == [301, f"https://{HOST}/"]
    assert values["news"] == [301, f"https://{HOST}/berita/?halaman=2"]
    assert values["admin"] == [301, f"https://{HOST}/admin/"]
    # Only the exact path is exempt.
    assert values["health_slash"][0] == 301
    assert values["hsts"].startswith("max-age=31536000")
    assert "includeSubDomains" in values["hsts"]
    # A probe must name an allowed host (docs/operations.md says so).
    assert values["by_ip"] == 400
