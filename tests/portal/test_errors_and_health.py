"""Health check and error pages, including when the database is gone."""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError, OperationalError, connection
from django.test import RequestFactory
from django.urls import get_resolver

from portal import views

BASE_DIR = Path(__file__).resolve().parents[2]


# --- /healthz -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, DatabaseError])
def test_healthz_answers_503_when_the_database_fails(client, error):
    with mock.patch.object(connection, "cursor", side_effect=error("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    # Load balancers and caches must never keep a stale answer.
    assert "no-cache" in response["Cache-Control"]
    assert "connection refused" not in response.content.decode()


def test_healthz_answers_503_when_the_database_server_is_unreachable():
    """A real unreachable PostgreSQL (nothing listens on port 1), in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/portal?connect_timeout=2",
    )
    script = textwrap.dedent(
        """
        import django
        django.setup()
        from django.test import Client
        response = Client(raise_request_exception=False).get("/healthz")
        print(response.status_code, response.content.decode())
        """
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("503 "), result.stdout


@pytest.mark.django_db
def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405


# --- 500 --------------------------------------------------------------------------------------


def test_500_handler_is_the_database_free_view():
    assert get_resolver().resolve_error_handler(500) is views.server_error


def _assert_safe_error_page(html: str):
    quick_exit = re.search(r"<a[^>]*data-quick-exit[^>]*>", html)
    assert quick_exit, "no quick-exit link"
    assert f'href="{settings.QUICK_EXIT_FALLBACK_URL}"' in quick_exit.group(0)
    assert 'href="/bantuan/"' in html
    assert 'href="tel:129"' in html
    assert "<strong>129</strong>" in html


def test_500_page_renders_without_the_database(django_db_blocker):
    request = RequestFactory().get("/berita/")

    with (
        django_db_blocker.block(),
        mock.patch.object(connection, "cursor", side_effect=OperationalError("down")) as cursor,
    ):
        response = views.server_error(request)

    assert response.status_code == 500
    # Not a single query attempted: the blocker would have raised on connecting.
    assert cursor.call_count == 0
    html = response.content.decode()
    _assert_safe_error_page(html)
    assert settings.HELP_WHATSAPP_FALLBACK in html


@pytest.mark.django_db
def test_a_crashing_page_gets_the_safe_500_page(site_tree):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch("content.models.HomePage.get_context", side_effect=RuntimeError("boom")):
        response = client.get("/")

    assert response.status_code == 500
    html = response.content.decode()
    _assert_safe_error_page(html)
    assert "boom" not in html
    assert "Traceback" not in html


# --- 404 and 403 ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_404_page_keeps_quick_exit_and_help(client, site_tree):
    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "data-quick-exit" in html
    assert 'href="/bantuan/"' in html
