"""allauth's rate limits: per account as allauth ships them, per IP raised for a room of
children behind one address, and the client IP taken from behind our proxy."""

import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.core.cache import cache
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "kata-sandi-uji-123"  # the UserFactory default
TOO_MANY = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counts live in the default cache: every test starts from none."""
    cache.clear()
    yield
    cache.clear()


def _post_login(client, login: str, password: str, **extra):
    return client.post("/akun/login/", {"login": login, "password": password}, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _rates(config: dict, action: str, *, per: str) -> list:
    return [rate for rate in parse_rates(config.get(action)) if rate.per == per]


def test_per_account_limits_are_allauths_own(settings):
    from allauth.account import app_settings

    ours = app_settings.RATE_LIMITS
    settings.ACCOUNT_RATE_LIMITS = {}
    allauths = app_settings.RATE_LIMITS

    assert ours.keys() == allauths.keys()
    for action in allauths:
        for per in ("key", "user"):
            assert _rates(ours, action, per=per) == _rates(allauths, action, per=per), action
    assert [str(rate) for rate in _rates(ours, "login_failed", per="key")] == ["5/300.0/key"]


def test_per_ip_limits_let_a_room_of_thirty_in(settings):
    from allauth.account import app_settings

    ours = app_settings.RATE_LIMITS
    for action, at_least in [("login", 60), ("signup", 30), ("login_failed", 30)]:
        (rate,) = _rates(ours, action, per="ip")
        assert rate.amount / rate.duration * 60 >= at_least, action


def test_the_sixth_wrong_try_for_one_account_is_refused_even_with_the_right_password(
    client, site_tree
):
    factories.UserFactory(username="sasaran")
    for _ in range(5):
        response = _post_login(client, "sasaran", "salah-salah-salah")
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()

    response = _post_login(client, "sasaran", PASSWORD)

    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert not _signed_in(client)
    # Per account: another account from the same address still gets in.
    other = factories.UserFactory()
    assert _post_login(Client(), other.username, PASSWORD).status_code == 302


def test_a_success_does_not_reset_the_count_of_failures(client, site_tree):
    factories.UserFactory(username="sasaran")
    for _ in range(4):
        _post_login(client, "sasaran", "salah-salah-salah")
    assert _post_login(client, "sasaran", PASSWORD).status_code == 302
    client.post("/akun/logout/")

    _post_login(client, "sasaran", "salah-salah-salah")
    response = _post_login(client, "sasaran", PASSWORD)

    assert TOO_MANY in response.content.decode()
    assert not _signed_in(client)


def test_twenty_five_children_sign_in_from_one_address_within_a_minute(site_tree):
    children = [factories.UserFactory() for _ in range(25)]

    for child in children:
        client = Client(REMOTE_ADDR="10.20.30.40")
        assert _post_login(client, child.username, PASSWORD).status_code == 302, child
        assert _signed_in(client)


def test_thirty_children_each_mistyping_once_all_get_in_from_one_address(site_tree):
    children = [factories.UserFactory() for _ in range(30)]

    for child in children:
        client = Client(REMOTE_ADDR="10.20.30.40")
        wrong = _post_login(client, child.username, "salah-ketik")
        assert wrong.status_code == 200 and TOO_MANY not in wrong.content.decode()
        assert _post_login(client, child.username, PASSWORD).status_code == 302, child


@pytest.fixture
def tight_login_limit(settings):
    """Three sign-in posts a minute per IP, so that sharing a limit shows quickly."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}


def _exhaust(client, forwarded_for: str) -> int:
    """Use up the tight limit from one forwarded address; the status of one more try."""
    headers = {"X-Forwarded-For": forwarded_for}
    for _ in range(3):
        assert _post_login(client, "siapa", "apa", headers=headers).status_code == 200
    return _post_login(client, "siapa", "apa", headers=headers).status_code


def test_behind_one_proxy_each_forwarded_address_has_its_own_limit(
    client, site_tree, settings, tight_login_limit
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    assert _exhaust(client, "203.0.113.7") == 429
    response = _post_login(client, "siapa", "apa", headers={"X-Forwarded-For": "203.0.113.8"})

    assert response.status_code == 200


def test_behind_one_proxy_a_client_cannot_choose_its_address(
    client, site_tree, settings, tight_login_limit
):
    """nginx appends the address it saw: only the last entry is ours to trust."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    assert _exhaust(client, "203.0.113.7") == 429
    response = _post_login(
        client, "siapa", "apa", headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.7"}
    )

    assert response.status_code == 429


def test_without_a_trusted_proxy_the_header_is_ignored(
    client, site_tree, settings, tight_login_limit
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0

    assert _exhaust(client, "203.0.113.7") == 429
    response = _post_login(client, "siapa", "apa", headers={"X-Forwarded-For": "203.0.113.8"})

    assert response.status_code == 429


# --- Production: TRUSTED_PROXY_COUNT from the environment ---------------------------------


def _production(tmp_path, script: str, **env_vars) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "TRUSTED_PROXY_COUNT"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="forumanak.example.id",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
        **env_vars,
    )
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRINT_PROXY_COUNT = """
import django
from django.conf import settings
django.setup()
print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)
"""


@pytest.mark.parametrize(("value", "expected"), [(None, "1"), ("2", "2"), ("0", "0")])
def test_production_reads_the_proxy_count(tmp_path, value, expected):
    extra = {} if value is None else {"TRUSTED_PROXY_COUNT": value}

    result = _production(tmp_path, PRINT_PROXY_COUNT, **extra)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("value", ["satu", "-1", "1.5"])
def test_production_refuses_a_proxy_count_that_is_not_a_whole_number(tmp_path, value):
    result = _production(tmp_path, "import portal.settings.production", TRUSTED_PROXY_COUNT=value)

    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr


def test_over_the_per_ip_limit_the_answer_is_a_plain_indonesian_page(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    client.get("/akun/login/")
    client.post("/akun/login/", {"login": "siapa", "password": "salah-sekali"})
    response = client.post("/akun/login/", {"login": "siapa", "password": "salah-sekali"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert '<html lang="id">' in response.content.decode()
