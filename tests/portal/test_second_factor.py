"""Staff who can see children's data open /admin/ only with a second factor (allauth MFA)."""

import os
import secrets
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

from portal.roles import CONTENT_MODERATOR, EDITOR, SECOND_FACTOR_ROLES
from tests import factories

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
PASSWORD = "kata-sandi-uji-123"  # the UserFactory default
ACTIVATE = "/akun/2fa/totp/activate/"
ADMIN_PATHS = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/users/"]
STAFF = [pytest.param({"groups": [role]}, id=role) for role in SECOND_FACTOR_ROLES] + [
    pytest.param({"is_superuser": True, "is_staff": True}, id="superuser")
]


def _sign_in(client, **fields):
    user = factories.UserFactory(**fields)
    client.force_login(user)
    return user


def _code(secret: str) -> str:
    """The authenticator app's current code for `secret` (allauth's own TOTP helpers)."""
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 2:
        time.sleep(left)
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def test_the_url_name_is_under_akun_2fa():
    assert reverse("mfa_activate_totp") == ACTIVATE


@pytest.mark.parametrize("fields", STAFF)
def test_staff_without_an_authenticator_are_sent_to_activate_one_from_every_admin_url(
    client, fields
):
    _sign_in(client, **fields)

    for path in ADMIN_PATHS:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ACTIVATE, path


@pytest.mark.parametrize("fields", STAFF)
def test_staff_with_an_authenticator_reach_the_admin(client, fields):
    factories.with_totp(_sign_in(client, **fields))

    assert client.get("/admin/").status_code == 200


def test_the_redirect_says_why_in_indonesian(client):
    _sign_in(client, groups=[SECOND_FACTOR_ROLES[0]])

    response = client.get("/admin/", follow=True)

    html = response.content.decode()
    # allauth asks for the password again before an authenticator may be added.
    assert response.redirect_chain[0][0] == ACTIVATE
    assert "data-quick-exit" in html
    assert "data pribadi anak" in html and "verifikasi dua langkah" in html


@pytest.mark.parametrize("role", [EDITOR, CONTENT_MODERATOR])
def test_content_roles_that_see_no_child_data_are_not_forced(client, role):
    _sign_in(client, groups=[role])

    assert client.get("/admin/").status_code == 200


def test_setting_off_forces_no_one(client, settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = False
    _sign_in(client, is_superuser=True, is_staff=True)

    assert client.get("/admin/").status_code == 200


def test_anonymous_visitors_still_go_to_the_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_activation_in_the_site_layout_with_an_inline_qr_code_under_the_strict_csp(client):
    """The whole first-time path: password again, QR code and secret, a code from the app,
    recovery codes, then the admin opens."""
    user = _sign_in(client, groups=[SECOND_FACTOR_ROLES[0]])
    reauth = client.post(f"/akun/reauthenticate/?next={ACTIVATE}", {"password": PASSWORD})
    assert reauth.status_code == 302 and reauth["Location"] == ACTIVATE

    page = client.get(ACTIVATE)

    html = page.content.decode()
    assert page.status_code == 200
    assert "data-quick-exit" in html and 'class="sign-out"' in html
    assert "<svg" in html and "data:image" not in html
    assert "<?xml" not in html
    csp = page["Content-Security-Policy"]
    assert "img-src 'self';" in csp and "data:" not in csp
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in html

    wrong = client.post(ACTIVATE, {"code": "000000"})
    assert wrong.status_code == 200
    assert "Kode salah." in wrong.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()

    done = client.post(ACTIVATE, {"code": _code(secret)})
    assert done.status_code == 302
    assert done["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    codes = client.get(done["Location"])
    codes_html = codes.content.decode()
    assert codes.status_code == 200
    assert codes_html.count("<li><code>") == 10
    assert "<script>" not in codes_html and 'href="/admin/"' in codes_html
    assert client.get("/admin/").status_code == 200


def test_mfa_overview_renders_in_the_site_layout(client):
    factories.with_totp(_sign_in(client, is_superuser=True, is_staff=True))

    page = client.get(reverse("mfa_index"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "data-quick-exit" in html and 'class="panel"' in html


# --- Signing in with the second factor ---------------------------------------------------


def test_password_alone_is_not_enough_for_staff_with_an_authenticator(client):
    user = factories.with_totp(factories.UserFactory(groups=[SECOND_FACTOR_ROLES[0]]))

    response = client.post(
        "/akun/login/?next=/admin/",
        {"login": user.username, "password": PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "data-quick-exit" in html and 'name="code"' in html
    assert 'id="logout-from-stage"' in html


def test_a_wrong_code_is_refused_and_the_right_one_signs_in(client):
    user = factories.with_totp(factories.UserFactory(is_superuser=True, is_staff=True))
    client.post(
        "/akun/login/?next=/admin/",
        {"login": user.username, "password": PASSWORD, "next": "/admin/"},
    )

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "Kode salah." in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    right = client.post(reverse("mfa_authenticate"), {"code": factories.totp_code(user)})

    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = factories.with_totp(factories.UserFactory(groups=[SECOND_FACTOR_ROLES[1]]))
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    credentials = {"login": user.username, "password": PASSWORD}

    client.post("/akun/login/", credentials)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    client.post("/akun/logout/")
    client.post("/akun/login/", credentials)
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200 and "_auth_user_id" not in client.session


# --- Production --------------------------------------------------------------------------


def test_production_settings_refuse_to_start_with_the_second_factor_off(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="forumanak.example.id",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    env.pop("TRUSTED_PROXY_COUNT", None)
    script = textwrap.dedent(
        """
        import portal.settings.base as base
        base.STAFF_SECOND_FACTOR_REQUIRED = False
        import portal.settings.production
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

    assert result.returncode != 0
    assert "STAFF_SECOND_FACTOR_REQUIRED" in result.stderr
    assert result.stderr.startswith("ERROR: Production settings refuse to start.")
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr


def test_only_the_local_demo_turns_it_off(settings):
    assert settings.STAFF_SECOND_FACTOR_REQUIRED is True  # the test settings keep it on
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from portal.settings import dev; print(dev.STAFF_SECOND_FACTOR_REQUIRED)",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False", result.stderr
    makefile = (BASE_DIR / "Makefile").read_text()
    run_target = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "second-factor requirement for staff is OFF" in run_target


def test_a_permission_that_shows_child_data_needs_a_second_factor_outside_the_groups(
    client, db, settings
):
    """verify_member granted directly (not through the Fasilitator group) still needs it."""
    from django.contrib.auth.models import Permission

    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    user = factories.UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="verify_member"),
    )
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/2fa/")
