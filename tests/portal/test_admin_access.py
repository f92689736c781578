"""Who reaches /admin/, and every login going through allauth's /akun/login/."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from portal.roles import CONTENT_MODERATOR, EDITOR
from tests import factories

pytestmark = pytest.mark.django_db


def _login(client, *groups, **fields):
    user = factories.UserFactory(groups=list(groups), **fields)
    client.force_login(user)
    return user


def _next_of(url: str) -> str | None:
    values = parse_qs(urlsplit(url).query).get("next")
    return values[0] if values else None


def test_signed_in_user_without_admin_access_gets_403_not_a_redirect_loop(client):
    _login(client)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) <= 1
    assert "Kamu tidak punya akses" in response.content.decode()


@pytest.mark.parametrize("path", ["/admin/pages/", "/admin/images/", "/admin/users/"])
def test_signed_in_user_without_admin_access_gets_403_anywhere_in_the_admin(client, path):
    _login(client)

    response = client.get(path, follow=True)

    assert response.status_code == 403


def test_signed_in_user_opening_admin_login_goes_through_allauth_without_a_loop(client):
    _login(client)

    response = client.get("/admin/login/?next=/admin/", follow=True)

    # allauth sends a signed-in user on to `next`, which answers 403: no loop.
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 3


def test_anonymous_user_on_admin_ends_at_allauth_login(client):
    response = client.get("/admin/", follow=True)

    assert response.status_code == 200
    final_url = response.redirect_chain[-1][0]
    assert urlsplit(final_url).path == "/akun/login/"
    assert _next_of(final_url) == "/admin/"
    assert response.templates[0].name.startswith("account/")


def test_admin_login_redirects_to_allauth_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/akun/login/"
    assert _next_of(response["Location"]) == "/admin/pages/"


def test_allauth_login_signs_staff_in_and_returns_to_the_admin(client):
    factories.UserFactory(username="redaksi", groups=[EDITOR])

    response = client.post(
        "/akun/login/?next=/admin/",
        {"login": "redaksi", "password": "kata-sandi-uji-123", "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "path", ["/admin/password_reset/", "/admin/password_reset/done/", "/admin/password_reset/x/y/"]
)
def test_wagtail_password_reset_is_off(client, path):
    response = client.get(path, follow=True)

    # Either no such page, or (like any unknown admin URL) the way to allauth's login,
    # which has its own password reset.
    if response.status_code != 404:
        assert response.redirect_chain, "Wagtail's own password reset answered"
        assert urlsplit(response.redirect_chain[-1][0]).path == "/akun/login/"
    assert not any(
        (template.name or "").startswith("wagtailadmin/account/password_reset")
        for template in response.templates
    )


@pytest.mark.parametrize("group", [EDITOR, CONTENT_MODERATOR])
def test_staff_with_a_content_role_reach_the_admin(client, group):
    _login(client, group)

    assert client.get("/admin/").status_code == 200


def test_superuser_reaches_the_admin(client):
    # With a second factor: tests/portal/test_second_factor.py covers the way without one.
    factories.with_totp(_login(client, is_superuser=True, is_staff=True))

    assert client.get("/admin/").status_code == 200


def test_a_role_without_admin_access_gets_403(client):
    Group.objects.create(name="Tanpa akses")
    _login(client, "Tanpa akses")

    assert client.get("/admin/", follow=True).status_code == 403


def test_private_page_login_leads_to_allauth(client, site_tree):
    page = factories.StandardPageFactory(parent=site_tree["home"], title="Khusus anggota")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/akun/login/"
    assert _next_of(response["Location"]) == page.url
    # Signed in, the page opens.
    _login(client)
    assert client.get(page.url).status_code == 200


def test_password_protected_page_asks_for_its_password_not_a_wagtail_login(client, site_tree):
    page = factories.StandardPageFactory(parent=site_tree["home"], title="Berkata sandi")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="sandi-halaman"
    )

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html
    assert "/admin/login/" not in html


def test_admin_403_carries_the_strict_csp_and_frame_denial(client, site_tree):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/admin/pages/")
    assert response.status_code == 403
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_password_protected_page_keeps_quick_exit_and_help(client, site_tree):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=site_tree["help_page"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="rahasia",
    )
    html = client.get("/bantuan/").content.decode()
    assert "data-quick-exit" in html and "Halaman ini memakai kata sandi" in html
    response = client.post(
        f"/_util/authenticate_with_password/{PageViewRestriction.objects.get().pk}/{site_tree['help_page'].pk}/",
        {"password": "rahasia", "return_url": "/bantuan/"},
    )
    assert response.status_code == 302
    assert "SAPA 129" in client.get("/bantuan/").content.decode()
