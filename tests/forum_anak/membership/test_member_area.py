"""The member area (/forum/): who gets in, what a child is told per status, editing the
profile."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from forum_anak.membership.services import member_reject, member_suspend
from forum_anak.models import Area, ForumMembership, MemberProfile
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, birth_for_age, make_facilitator, verify

pytestmark = pytest.mark.django_db

URL_NAMES = ["home", "profile", "my_data", "my_data_download", "delete_account"]
PAGE_NAMES = ["home", "profile", "my_data", "delete_account"]


def url(name: str) -> str:
    return reverse(f"forum_anak:{name}")


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


def page_text(response) -> str:
    return response.content.decode()


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", page_text(response), re.S).group(1)


def profile_post(profile: MemberProfile, **changes) -> dict:
    data = {
        "nickname": profile.nickname,
        "school": profile.school,
        "kelurahan": profile.kelurahan_id,
        "guardian_name": profile.guardian_name,
        "guardian_relationship": profile.guardian_relationship,
        "guardian_phone": profile.guardian_phone,
        "birth_year": profile.birth_year,
        "birth_month": profile.birth_month,
    }
    data.update(changes)
    return data


# --- Who gets in ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login_with_next(client, db, name, method):
    response = getattr(client, method)(url(name))
    assert response.status_code == 302
    assert response["Location"] == f"/akun/login/?next={url(name)}"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["home", "profile"])
def test_signed_in_account_without_member_profile_gets_a_clear_403(client, db, name):
    client.force_login(UserFactory())
    response = client.get(url(name))
    assert response.status_code == 403
    assert "untuk anggota Forum Anak" in page_text(response)


@pytest.mark.parametrize("name", URL_NAMES)
def test_member_pages_are_private_and_not_stored(member_client, name):
    response = member_client.get(url(name))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_member_page_has_the_sub_navigation_status_line_and_a_neutral_title(
    member_client, member, name
):
    response = member_client.get(url(name))
    text = page_text(response)
    assert 'class="member-nav"' in text
    for link in ("home", "profile", "my_data"):
        assert f'href="{url(link)}"' in text
    assert 'class="member-status member-status--pending"' in text
    title = title_of(response)
    assert "Forum Anak" in title
    assert member.nickname not in title
    assert member.user.username not in title
    assert "verifikasi" not in title.lower()


def test_home_answers_get_only(member_client):
    assert member_client.post(url("home")).status_code == 405


# --- What the child is told -------------------------------------------------------------------


def test_pending_member_is_told_a_facilitator_will_contact_the_guardian(member_client, member):
    text = page_text(member_client.get(url("home")))
    assert "Akunmu sedang menunggu verifikasi" in text
    assert "akan menghubungi orang tua/walimu" in text
    assert member.kelurahan.parent.name in text
    assert "Kirim usulan" not in text


def test_rejected_member_sees_the_reason_and_how_to_get_back_in_the_queue(member_client, member):
    facilitator = make_facilitator(member.kelurahan.parent)
    member_reject(
        actor=facilitator, profile=member, reason="Nomor HP orang tuamu tidak bisa dihubungi."
    )
    text = page_text(member_client.get(url("home")))
    assert "Pendaftaranmu belum diterima" in text
    assert "Nomor HP orang tuamu tidak bisa dihubungi." in text
    assert "perbaiki profilmu" in text
    assert f'href="{url("profile")}"' in text


def test_suspended_member_sees_the_reason_and_who_to_talk_to(member_client, member):
    verify(member)
    facilitator = make_facilitator(member.kelurahan.parent)
    member_suspend(actor=facilitator, profile=member, reason="Ada kata-kata kasar.")
    text = page_text(member_client.get(url("home")))
    assert "Akunmu sedang ditangguhkan" in text
    assert "Ada kata-kata kasar." in text
    assert "Bicaralah dengan fasilitator" in text
    assert "Kirim usulan" not in text


def test_verified_member_is_told_they_can_submit(member_client, member):
    verify(member)
    text = page_text(member_client.get(url("home")))
    assert "Akunmu sudah terverifikasi" in text
    assert "Kamu bisa mengirim ide" in text
    assert 'class="member-status member-status--verified"' in text


def test_alumni_are_thanked_and_told_they_keep_their_account(client, wilayah):
    year, month = birth_for_age(18)
    alumni = MemberProfileFactory(birth_year=year, birth_month=month)
    client.force_login(alumni.user)
    text = page_text(client.get(url("home")))
    assert "Terima kasih sudah ikut Forum Anak" in text
    assert "sekarang kamu alumni" in text.lower()
    assert "tidak bisa lagi mengirim usulan" in text
    assert 'class="member-status member-status--alumni"' in text


def test_home_says_whether_the_nickname_is_approved_and_the_public_name(member_client, member):
    text = page_text(member_client.get(url("home")))
    assert "belum disetujui" in text
    assert "Anggota Forum Anak Kecamatan" in text
    verify(member, approve_nickname=True)
    text = page_text(member_client.get(url("home")))
    assert "sudah disetujui" in text
    assert f"<strong>{member.nickname}</strong>" in text


# --- Editing the profile ----------------------------------------------------------------------


def test_profile_form_groups_kelurahan_by_kecamatan(member_client, member):
    text = page_text(member_client.get(url("profile")))
    kecamatan = member.kelurahan.parent.name
    assert f'<optgroup label="{kecamatan}">' in text
    assert "kembali menunggu verifikasi" in text
    assert "harus disetujui fasilitator" in text


def test_changing_kelurahan_sends_a_verified_member_back_to_verification(member_client, member):
    verify(member)
    other = Area.objects.filter(level=Area.Level.KELURAHAN).exclude(pk=member.kelurahan_id).last()
    response = member_client.post(
        url("profile"), profile_post(member, kelurahan=other.pk), follow=True
    )
    assert "Profilmu sudah disimpan." in page_text(response)
    assert "Fasilitator akan memeriksa akunmu lagi" in page_text(response)
    member.refresh_from_db()
    assert member.kelurahan == other
    assert member.status == MemberProfile.Status.PENDING
    assert not ForumMembership.objects.filter(member=member.user).exists()


def test_new_nickname_needs_approval_again(member_client, member):
    verify(member, approve_nickname=True)
    response = member_client.post(
        url("profile"), profile_post(member, nickname="Pelangi", school="SMP Negeri 1"), follow=True
    )
    assert "menunggu persetujuan fasilitator" in page_text(response)
    member.refresh_from_db()
    assert member.nickname == "Pelangi"
    assert member.school == "SMP Negeri 1"
    assert member.nickname_approved is False
    # A new nickname alone does not send the member back to verification.
    assert member.status == MemberProfile.Status.VERIFIED


def test_birth_date_is_editable_only_before_verification(member_client, member):
    assert 'name="birth_year"' in page_text(member_client.get(url("profile")))
    verify(member)
    text = page_text(member_client.get(url("profile")))
    assert 'name="birth_year"' not in text
    assert "Tanggal lahirmu sudah diperiksa fasilitator" in text
    member_client.post(url("profile"), profile_post(member, birth_year=member.birth_year - 1))
    member.refresh_from_db()
    assert member.birth_year == birth_for_age(14)[0]


@pytest.mark.parametrize(
    "changes",
    [
        {"kelurahan": 999999},
        {"kelurahan": "bukan-angka"},
        {"nickname": "x" * 41},
        {"nickname": "   "},
        {"guardian_phone": "telepon ibu"},
        {"guardian_relationship": "tetangga"},
        {"school": "s" * 151},
        {"birth_month": 13},
    ],
)
def test_bad_input_is_a_form_error_and_nothing_changes(member_client, member, changes):
    before = MemberProfile.objects.values().get(pk=member.pk)
    response = member_client.post(url("profile"), profile_post(member, **changes))
    assert response.status_code == 200
    assert 'aria-invalid="true"' in page_text(response)
    assert MemberProfile.objects.values().get(pk=member.pk) == before


def test_a_kecamatan_is_not_accepted_as_kelurahan(member_client, member):
    kecamatan = member.kelurahan.parent
    response = member_client.post(url("profile"), profile_post(member, kelurahan=kecamatan.pk))
    assert response.status_code == 200
    assert "Pilih kelurahan dari daftar." in page_text(response)
    member.refresh_from_db()
    assert member.kelurahan_id != kecamatan.pk


def test_service_refusal_is_shown_in_the_form(member_client, member):
    too_young = timezone.localdate().year - 10
    response = member_client.post(
        url("profile"), profile_post(member, birth_year=too_young, birth_month=12)
    )
    assert response.status_code == 200
    assert 'class="form-errors"' in page_text(response)
    assert "Periksa lagi tahun dan bulan lahirmu" in page_text(response)
    member.refresh_from_db()
    assert member.birth_year == birth_for_age(14)[0]


def test_profile_phone_follows_the_sign_up_rule_and_is_stored_normalised(member_client, member):
    response = member_client.post(
        url("profile"), profile_post(member, guardian_phone="+62 812-3456-7890")
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.guardian_phone == "081234567890"
    response = member_client.post(url("profile"), profile_post(member, guardian_phone="12345"))
    assert response.status_code == 200
    assert "guardian_phone" in response.context["form"].errors
