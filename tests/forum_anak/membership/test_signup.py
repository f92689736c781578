"""The child's sign-up at /akun/signup/ (issue 3)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from forum_anak.core.errors import ActionError
from forum_anak.membership.forms import guardian_phone_normalise
from forum_anak.membership.services import member_age_problem
from forum_anak.models import Area, MemberEvent, MemberProfile, PrivacyNotice
from tests.forum_anak.factories import birth_for_age

pytestmark = pytest.mark.django_db

User = get_user_model()


def signup_data(**changes) -> dict:
    """A complete, valid sign-up of a 14-year-old without e-mail."""
    year, month = birth_for_age(14)
    data = {
        "username": "bintang_kecil",
        "password1": "pelangi-sore-2031",
        "password2": "pelangi-sore-2031",
        "email": "",
        "nickname": "Bintang",
        "birth_year": str(year),
        "birth_month": str(month),
        "kelurahan": str(Area.objects.filter(level=Area.Level.KELURAHAN).first().pk),
        "guardian_name": "Siti Aminah",
        "guardian_relationship": MemberProfile.Relationship.MOTHER,
        "guardian_phone": "0812-3456-7890",
        "guardian_knows": "on",
        "notice_accepted": "on",
        "notice_version": str(PrivacyNotice.current().version),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_page_shows_the_privacy_notice_and_grouped_kelurahan(client, site_tree, wilayah):
    response = client.get("/akun/signup/")
    page = response.content.decode()
    notice = PrivacyNotice.current()
    assert response.status_code == 200
    assert "<title>Daftar ·" in page
    assert notice.title in page
    assert page.index(notice.title) < page.index('<form class="form signup-form"')
    assert page.count("<p>") >= notice.body.count("\n\n") + 1
    assert '<optgroup label="Kecamatan Asakota">' in page
    assert f'name="notice_version" value="{notice.version}"' in page
    assert ">Desember</option>" in page
    assert "Aku sudah membaca pemberitahuan privasi" in page
    assert "Orang tua atau waliku sudah tahu aku mendaftar" in page
    assert "setelah disetujui fasilitator" in page
    assert "<script" not in page.split("</head>", 1)[1]
    assert 'style="' not in page
    assert "sekolah" not in page.lower().split("<form", 1)[1]


def test_signup_without_email_signs_in_and_waits_for_verification(client, site_tree, wilayah):
    response = client.post("/akun/signup/", signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/forum/"
    user = User.objects.get(username="bintang_kecil")
    assert client.session["_auth_user_id"] == str(user.pk)
    profile = user.member_profile
    assert profile.status == MemberProfile.Status.PENDING
    assert profile.nickname == "Bintang" and not profile.nickname_approved
    assert profile.guardian_phone == "081234567890"
    assert profile.guardian_knows is True
    assert profile.notice_version == PrivacyNotice.current().version
    assert profile.school == ""
    assert MemberEvent.objects.filter(member=user, kind=MemberEvent.Kind.SIGNED_UP).exists()
    assert not EmailAddress.objects.filter(user=user).exists()


def test_signup_with_email_saves_but_does_not_sign_in(client, site_tree, wilayah, mailoutbox):
    response = client.post("/akun/signup/", signup_data(email="bintang@contoh.id"))
    assert response.status_code == 302
    assert response["Location"] == "/akun/confirm-email/"
    user = User.objects.get(username="bintang_kecil")
    assert "_auth_user_id" not in client.session
    assert user.member_profile.status == MemberProfile.Status.PENDING
    address = EmailAddress.objects.get(user=user)
    assert address.email == "bintang@contoh.id" and not address.verified
    assert [mail.to for mail in mailoutbox] == [["bintang@contoh.id"]]
    assert "/akun/confirm-email/" in mailoutbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "Cek emailmu" in page
    assert "nama pengguna dan kata sandimu" in page
    assert "bintang@contoh.id" not in page


@pytest.mark.parametrize("age", [11, 18])
def test_too_young_or_too_old_is_refused_kindly(client, site_tree, wilayah, age):
    year, month = birth_for_age(age)
    response = client.post(
        "/akun/signup/", signup_data(birth_year=str(year), birth_month=str(month))
    )
    assert response.status_code == 200
    page = response.content.decode()
    expected = member_age_problem(birth_year=year, birth_month=month)
    assert expected
    assert expected.split(".")[0] in page
    assert 'href="/bantuan/"' in page.split('id="id_birth_year_error"', 1)[1]
    assert not User.objects.exists()
    assert not MemberProfile.objects.exists()


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("guardian_knows", "Beri tahu orang tua atau walimu dulu"),
        ("notice_accepted", "Bacalah pemberitahuan privasi di atas"),
    ],
)
def test_unticked_checkbox_is_refused(client, site_tree, wilayah, missing, message):
    data = signup_data()
    del data[missing]
    response = client.post("/akun/signup/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_stale_notice_version_is_refused_and_the_new_notice_shown(client, site_tree, wilayah):
    old = PrivacyNotice.current()
    data = signup_data()
    new = PrivacyNotice.objects.create(
        version=old.version + 1,
        title="Pemberitahuan baru untuk uji",
        body="Paragraf satu.\n\nParagraf dua.",
        published_at=timezone.now(),
    )
    response = client.post("/akun/signup/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pemberitahuan privasi baru saja diganti" in page
    assert new.title in page and old.title not in page
    assert f'name="notice_version" value="{new.version}"' in page
    assert 'name="notice_accepted" required aria-invalid' not in page
    assert 'id="id_notice_accepted" checked' not in page
    assert not User.objects.exists()


@pytest.mark.parametrize("phone", ["12345", "0212345678", "+1 415 555 0100", "08123", "halo"])
def test_bad_guardian_phone_is_refused(client, site_tree, wilayah, phone):
    response = client.post("/akun/signup/", signup_data(guardian_phone=phone))
    assert response.status_code == 200
    assert "Tulis nomor HP atau WhatsApp Indonesia" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "phone",
    ["081234567890", "0812 3456 7890", "+62 812-3456-7890", "6281234567890", "(0812) 3456.7890"],
)
def test_guardian_phone_is_normalised(phone):
    assert guardian_phone_normalise(phone) == "081234567890"


def test_a_kecamatan_is_not_a_kelurahan(client, site_tree, wilayah):
    kecamatan = Area.objects.filter(level=Area.Level.KECAMATAN).first()
    response = client.post("/akun/signup/", signup_data(kelurahan=str(kecamatan.pk)))
    assert response.status_code == 200
    assert "Pilih kelurahan dari daftar" in response.content.decode()
    assert not User.objects.exists()


def test_signup_is_atomic_when_the_profile_fails(client, site_tree, wilayah, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("forum_anak.membership.signup.member_register", broken)
    client.raise_request_exception = False
    response = client.post("/akun/signup/", signup_data(email="bintang@contoh.id"))
    assert response.status_code == 500
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()


def test_a_refusal_at_save_time_is_a_form_error_and_saves_nothing(
    client, site_tree, wilayah, monkeypatch
):
    def refuse(**kwargs):
        raise ActionError("Pemberitahuan privasi sudah berubah. Bacalah lagi.")

    monkeypatch.setattr("forum_anak.membership.signup.member_register", refuse)
    response = client.post("/akun/signup/", signup_data())
    assert response.status_code == 200
    assert "Pemberitahuan privasi sudah berubah" in response.content.decode()
    assert not User.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_room_of_children_behind_one_ip_can_all_sign_up(site_tree, wilayah):
    for n in range(25):
        client = Client(REMOTE_ADDR="10.20.30.40")
        response = client.post(
            "/akun/signup/", signup_data(username=f"anak{n:02d}", nickname=f"Anak {n}")
        )
        assert response.status_code == 302, n
        assert response["Location"] == "/forum/"
    assert MemberProfile.objects.count() == 25


def test_signed_in_member_visiting_signup_is_sent_on(client, site_tree, wilayah):
    client.post("/akun/signup/", signup_data())
    response = client.get("/akun/signup/")
    assert response.status_code == 302


def test_a_username_race_is_a_form_error_and_leaves_nothing(
    client, site_tree, wilayah, monkeypatch
):
    """The username passed the form's check, then another child took it before the save."""
    from django.db import IntegrityError

    def taken(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: accounts_user.username")

    monkeypatch.setattr("forum_anak.membership.signup.member_register", taken)
    response = client.post("/akun/signup/", signup_data())
    assert response.status_code == 200
    assert "sudah dipakai" in response.content.decode()
    assert not get_user_model().objects.exists()
