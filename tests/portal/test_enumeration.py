"""Nobody can find out from sign-up, sign-in or password reset whether an account or an
address exists; mail goes only to verified addresses (apart from the verification itself)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client

from forum_anak.models import MemberProfile
from tests.factories import UserFactory
from tests.forum_anak.membership.test_signup import signup_data

pytestmark = pytest.mark.django_db

User = get_user_model()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _body(response, *secrets: str) -> str:
    text = _CSRF.sub("", response.content.decode())
    for secret in secrets:
        text = text.replace(secret, "SECRET")
    return text


def _page_templates(response) -> list[str]:
    """Templates rendered for the visitor; the mail templates rendered on the way are not
    part of the answer (which mail went where is asserted separately)."""
    return [t.name for t in response.templates if not t.name.startswith("account/email/")]


def _answer(client: Client, path: str, data: dict, *secrets: str) -> dict:
    """Everything a visitor can observe about a POST and the page it leads to."""
    response = client.post(path, data)
    observed = {
        "status": response.status_code,
        "location": response.get("Location"),
        "templates": _page_templates(response),
        "body": _body(response, *secrets),
        "messages": [str(m) for m in get_messages(response.wsgi_request)],
    }
    if response.status_code == 302:
        followed = client.get(response["Location"])
        observed["next_status"] = followed.status_code
        observed["next_templates"] = _page_templates(followed)
        observed["next_body"] = _body(followed, *secrets)
    return observed


def _user_with_email(username: str, email: str, *, verified: bool):
    user = UserFactory(username=username, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def test_signup_with_a_registered_email_answers_like_a_new_one(site_tree, wilayah, mailoutbox):
    _user_with_email("kakak", "dipakai@contoh.id", verified=True)

    registered = _answer(
        Client(),
        "/akun/signup/",
        signup_data(username="anak_a", email="dipakai@contoh.id"),
        "dipakai@contoh.id",
        "anak_a",
    )
    assert not User.objects.filter(username="anak_a").exists()
    assert [mail.to for mail in mailoutbox] == [["dipakai@contoh.id"]]
    assert "/akun/password/reset/" in mailoutbox[0].body
    assert "/akun/confirm-email/" not in mailoutbox[0].body

    new = _answer(
        Client(),
        "/akun/signup/",
        signup_data(username="anak_b", email="baru@contoh.id"),
        "baru@contoh.id",
        "anak_b",
    )
    user = User.objects.get(username="anak_b")
    assert MemberProfile.objects.filter(user=user).exists()
    assert [mail.to for mail in mailoutbox[1:]] == [["baru@contoh.id"]]
    assert "/akun/confirm-email/" in mailoutbox[1].body

    assert registered["status"] == 302
    assert registered["location"] == "/akun/confirm-email/"
    assert registered["messages"] == ["Kami sudah mengirim email. Bukalah kotak masuk emailmu."]
    assert registered == new


def test_an_unverified_registered_email_gets_no_mail_and_does_not_block(
    site_tree, wilayah, mailoutbox
):
    _user_with_email("kakak", "belum@contoh.id", verified=False)
    response = Client().post(
        "/akun/signup/", signup_data(username="anak_c", email="belum@contoh.id")
    )
    assert response["Location"] == "/akun/confirm-email/"
    new_user = User.objects.get(username="anak_c")
    # Only the verification message itself goes out, and only for the new account.
    assert [mail.to for mail in mailoutbox] == [["belum@contoh.id"]]
    assert EmailAddress.objects.get(user=new_user).verified is False


def test_login_answers_the_same_for_a_wrong_password_and_an_unknown_user(site_tree):
    UserFactory(username="ada_orangnya")
    known = _answer(
        Client(),
        "/akun/login/",
        {"login": "ada_orangnya", "password": "salah-sekali-123"},
        "ada_orangnya",
    )
    unknown = _answer(
        Client(),
        "/akun/login/",
        {"login": "tidak_ada_orangnya", "password": "salah-sekali-123"},
        "tidak_ada_orangnya",
    )
    assert known["status"] == 200
    assert "tidak benar" in known["body"]
    assert known == unknown


def test_password_reset_answers_the_same_and_mails_only_a_verified_address(site_tree, mailoutbox):
    _user_with_email("terverifikasi", "sudah@contoh.id", verified=True)
    _user_with_email("belum_verifikasi", "belum@contoh.id", verified=False)
    UserFactory(username="tanpa_alamat", email="lama@contoh.id")

    answers = [
        _answer(Client(), "/akun/password/reset/", {"email": email}, email)
        for email in ("sudah@contoh.id", "belum@contoh.id", "lama@contoh.id", "entah@contoh.id")
    ]
    assert answers[0]["status"] == 302
    assert answers[0]["location"] == "/akun/password/reset/done/"
    assert all(answer == answers[0] for answer in answers)
    assert [mail.to for mail in mailoutbox] == [["sudah@contoh.id"]]
    assert "/akun/password/reset/key/" in mailoutbox[0].body
