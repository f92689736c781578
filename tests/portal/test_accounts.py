"""allauth under /akun/: sign-up stays closed until the membership flow exists."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_a_bare_signup_without_the_membership_fields_creates_no_account(client, site_tree):
    """Only the allauth fields (no guardian, no privacy notice): refused, nothing saved."""
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
    assert "guardian_name" in response.context["form"].errors
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


@pytest.mark.django_db
def test_after_login_members_land_on_their_forum_home_and_staff_in_the_back_office(
    client, wilayah, settings
):
    from portal.roles import EDITOR
    from tests import factories
    from tests.forum_anak.factories import MemberProfileFactory

    member = MemberProfileFactory()
    response = client.post(
        "/akun/login/", {"login": member.user.username, "password": "kata-sandi-uji-123"}
    )
    assert response["Location"] == "/forum/"
    client.logout()
    editor = factories.UserFactory(groups=[EDITOR])
    response = client.post(
        "/akun/login/", {"login": editor.username, "password": "kata-sandi-uji-123"}
    )
    assert response["Location"] == "/admin/"
    client.logout()
    plain = factories.UserFactory()
    response = client.post(
        "/akun/login/", {"login": plain.username, "password": "kata-sandi-uji-123"}
    )
    assert response["Location"] == "/"
