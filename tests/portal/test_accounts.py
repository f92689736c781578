"""allauth under /akun/: sign-up stays closed until the membership flow exists."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_signup_is_closed_and_creates_no_account(client, site_tree):
    page = client.get("/akun/signup/")
    assert page.status_code == 200
    assert "data-quick-exit" in page.content.decode()
    response = client.post(
        "/akun/signup/",
        {
            "username": "anakbaru",
            "password1": "kata-sandi-panjang-123",
            "password2": "kata-sandi-panjang-123",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="anakbaru").exists()


def test_login_and_logout_work_in_indonesian(client, site_tree):
    from tests.factories import UserFactory

    UserFactory(username="editor1")
    page = client.get("/akun/login/").content.decode()
    assert 'lang="id"' in page and "Kata sandi" in page
    response = client.post("/akun/login/", {"login": "editor1", "password": "kata-sandi-uji-123"})
    assert response.status_code == 302
    assert client.get("/akun/logout/").status_code == 200
    assert client.post("/akun/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_page_is_allauths(client, site_tree):
    response = client.get("/akun/password/reset/")
    assert response.status_code == 200
    assert "data-quick-exit" in response.content.decode()
