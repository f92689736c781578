"""A member sees, downloads and deletes their own data (UU 27/2022)."""

import json
from datetime import date, datetime

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import CharField, JSONField, TextField
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum_anak.membership.services import member_suspend
from forum_anak.models import GuardianConsent, MemberEvent, MemberProfile
from forum_anak.privacy.services import member_data_exported
from forum_anak.proposals.services import (
    proposal_draft_create,
    proposal_request_revision,
    proposal_start_review,
    proposal_submit,
)
from portal import roles
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-uji-123"  # noqa: S105 (UserFactory's test password)

# Unique strings that must not survive an erased account anywhere in the database.
MARKERS = {
    "username": "zqanak7pengguna",
    "nickname": "Zqbintang7",
    "guardian_name": "Zqibu7 Marlina",
    "guardian_phone": "089977123456",
    "school": "SMP Zqsekolah7",
    "email": "zqanak7@contoh.id",
}

# Where each concrete MemberProfile field is in the export (ids left out).
EXPORT_KEYS = {
    "nickname": "nama_panggilan",
    "nickname_approved": "nama_panggilan_disetujui",
    "birth_year": "tahun_lahir",
    "birth_month": "bulan_lahir",
    "kelurahan": "kelurahan",
    "school": "sekolah",
    "guardian_name": "nama_orang_tua_wali",
    "guardian_relationship": "hubungan_orang_tua_wali",
    "guardian_phone": "nomor_orang_tua_wali",
    "guardian_knows": "orang_tua_wali_sudah_tahu",
    "notice_version": "versi_pemberitahuan_privasi",
    "notice_accepted_at": "pemberitahuan_privasi_disetujui_pada",
    "status": "status",
    "status_changed_at": "status_berubah_pada",
    "status_before_suspension": "status_sebelum_ditangguhkan",
    "status_reason": "alasan_status",
    "verified_at": "diverifikasi_pada",
    "created_at": "mendaftar_pada",
    "updated_at": "diubah_pada",
}


def url(name: str) -> str:
    return reverse(f"forum_anak:{name}")


@pytest.fixture
def marked_member(wilayah):
    """A verified member whose personal data is spread over every store we know of: the
    profile, two e-mail addresses, a consent record, a membership, member events, Wagtail
    audit-log rows (the facilitator's actions)."""
    user = UserFactory(username=MARKERS["username"], email=MARKERS["email"])
    EmailAddress.objects.create(user=user, email=MARKERS["email"], primary=True, verified=True)
    EmailAddress.objects.create(user=user, email="kedua." + MARKERS["email"])
    profile = MemberProfileFactory(
        user=user,
        nickname=MARKERS["nickname"],
        guardian_name=MARKERS["guardian_name"],
        guardian_phone=MARKERS["guardian_phone"],
        school=MARKERS["school"],
    )
    facilitator = make_facilitator(profile.kelurahan.parent)
    verify(profile, by=facilitator, approve_nickname=True)
    return profile


def download(client) -> tuple[dict, bytes]:
    response = client.get(url("my_data_download"))
    assert response.status_code == 200
    return json.loads(response.content.decode("utf-8")), response.content


def exported_value(profile: MemberProfile, field) -> object:
    value = getattr(profile, field.name)
    if field.name == "kelurahan":
        return value.name
    if field.choices and field.name == "guardian_relationship":
        return profile.get_guardian_relationship_display()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# --- See and download -------------------------------------------------------------------------


def test_export_has_every_personal_field_of_the_profile(client, marked_member):
    facilitator = make_facilitator(marked_member.kelurahan.parent)
    member_suspend(actor=facilitator, profile=marked_member, reason="Alasan uji.")
    marked_member.refresh_from_db()
    client.force_login(marked_member.user)
    data, _raw = download(client)
    fields = [
        field
        for field in MemberProfile._meta.concrete_fields
        if not field.primary_key and field.name != "user"
    ]
    assert {field.name for field in fields} == set(EXPORT_KEYS), (
        "A MemberProfile field was added or removed: export it in member_data_export() "
        "and list it in EXPORT_KEYS."
    )
    for field in fields:
        key = EXPORT_KEYS[field.name]
        assert data["profil"][key] == exported_value(marked_member, field), field.name
    assert data["profil"]["kecamatan"] == marked_member.kelurahan.parent.name


def test_export_has_account_email_addresses_consent_memberships_and_activity(client, marked_member):
    client.force_login(marked_member.user)
    data, _raw = download(client)
    assert data["akun"]["nama_pengguna"] == MARKERS["username"]
    addresses = {entry["alamat"] for entry in data["akun"]["email"]}
    assert addresses == {MARKERS["email"], "kedua." + MARKERS["email"]}
    [consent] = data["persetujuan_orang_tua_wali"]
    assert consent["nama_orang_tua_wali"] == MARKERS["guardian_name"]
    assert consent["rujukan_bukti"] == "FORM-UJI-001"
    assert consent["cara"] == "Formulir bertanda tangan"
    assert [entry["forum"] for entry in data["forum"]] == [
        f"Forum Anak Kelurahan {marked_member.kelurahan.name}"
    ]
    kinds = {entry["kejadian"] for entry in data["riwayat"]}
    assert {"Diverifikasi", "Nama panggilan disetujui"} <= kinds


def test_export_has_my_proposals_revisions_messages_and_notifications(
    client, marked_member, settings
):
    from forum_anak.models import MusrenbangCycle
    from forum_anak.safeguarding.services import concern_raise

    today = date.today()
    MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today.replace(day=1),
        submission_closes=today.replace(year=today.year + 1),
    )
    user = marked_member.user
    moderator = UserFactory(groups=[roles.PROPOSAL_MODERATOR])
    proposal = proposal_draft_create(
        actor=user, title="Judul tulisanku", problem="Masalahku", proposed_action="Usulku"
    )
    proposal = proposal_submit(actor=user, proposal=proposal)
    proposal = proposal_start_review(actor=moderator, proposal=proposal)
    proposal_request_revision(actor=moderator, proposal=proposal, message="Perbaiki ya.")
    client.force_login(user)
    data, _raw = download(client)
    [entry] = data["usulan"]
    assert entry["kode"] == proposal.code and entry["judul"] == "Judul tulisanku"
    assert entry["status"] == "Perlu diperbaiki"
    assert [r["ke"] for r in entry["revisi"]] == [1]
    assert [m["pesan"] for m in entry["pesan_untuk_kamu"]] == ["Perbaiki ya."]
    assert len(data["kabar"]) == 3 and all(k["judul"] for k in data["kabar"])
    concern_raise(actor=moderator, source="proposal", proposal=proposal)
    data, _raw = download(client)
    assert data["usulan"][0]["status"] == "Sedang ditinjau petugas"


def test_download_is_a_private_utf8_json_attachment_and_is_recorded(client, marked_member):
    MemberProfile.objects.filter(pk=marked_member.pk).update(school="SMP Négeri Raba")
    client.force_login(marked_member.user)
    response = client.get(url("my_data_download"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="data-saya.json"'
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "SMP Négeri Raba".encode() in response.content
    assert MemberEvent.objects.filter(
        member=marked_member.user, kind=MemberEvent.Kind.DATA_EXPORTED
    ).exists()


def test_my_data_page_shows_the_stored_data(client, marked_member):
    client.force_login(marked_member.user)
    text = client.get(url("my_data")).content.decode()
    for marker in MARKERS.values():
        assert marker in text
    assert "FORM-UJI-001" in text
    assert f'href="{url("my_data_download")}"' in text
    assert "Unduh data saya (JSON)" in text


def test_another_members_data_is_never_in_mine(client, marked_member):
    other = MemberProfileFactory(
        kelurahan=marked_member.kelurahan,
        nickname="Lainorang9",
        guardian_name="Bapak Lain Sembilan",
        guardian_phone="081399990000",
        school="SMA Lain Sembilan",
    )
    EmailAddress.objects.create(user=other.user, email="lain9@contoh.id")
    verify(other, approve_nickname=True)
    client.force_login(marked_member.user)
    _data, raw = download(client)
    page = client.get(url("my_data")).content
    for body in (raw, page):
        text = body.decode()
        for secret in (
            other.user.username,
            "Lainorang9",
            "Bapak Lain Sembilan",
            "081399990000",
            "SMA Lain Sembilan",
            "lain9@contoh.id",
        ):
            assert secret not in text


def test_my_data_page_makes_the_same_number_of_queries_however_long_the_history(
    client, marked_member
):
    client.force_login(marked_member.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("my_data")).status_code == 200
        return len(captured)

    queries()  # warm the per-process caches (site settings, content types)
    before = queries()
    for _ in range(10):
        member_data_exported(user=marked_member.user)
    assert queries() == before


# --- Delete -----------------------------------------------------------------------------------


def _sessions_of(user_id: int) -> list[Session]:
    return [
        session
        for session in Session.objects.all()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id)
    ]


def test_delete_page_explains_what_happens(client, marked_member):
    client.force_login(marked_member.user)
    text = client.get(url("delete_account")).content.decode()
    assert "tetap disimpan sebagai bukti" in text
    assert "tanpa namamu" in text
    assert 'type="password"' in text


def test_delete_with_wrong_password_refuses_and_keeps_everything(client, marked_member):
    client.force_login(marked_member.user)
    response = client.post(url("delete_account"), {"password": "bukan-kata-sandinya"})
    assert response.status_code == 200
    assert "Kata sandi salah" in response.content.decode()
    marked_member.refresh_from_db()
    assert marked_member.guardian_name == MARKERS["guardian_name"]
    consent = GuardianConsent.objects.get(member=marked_member.user)
    assert consent.guardian_name == MARKERS["guardian_name"]
    assert client.get(url("home")).status_code == 200


def test_delete_with_empty_password_is_a_form_error(client, marked_member):
    client.force_login(marked_member.user)
    response = client.post(url("delete_account"), {})
    assert response.status_code == 200
    assert MemberProfile.objects.filter(pk=marked_member.pk).exists()


def _text_columns():
    """Every text and JSON column of every table, Wagtail's and allauth's included."""
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or model._meta.db_table not in tables:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, CharField | TextField | JSONField):  # EmailField is a CharField
                yield model, field


def _marker_hits() -> set[tuple[str, str, str]]:
    hits = set()
    for model, field in _text_columns():
        for name, marker in MARKERS.items():
            lookup = {f"{field.name}__icontains": marker}
            if model._base_manager.filter(**lookup).exists():
                hits.add((name, model._meta.label, field.name))
    return hits


def test_delete_with_right_password_erases_everything_but_the_anonymous_consent(
    client, site_tree, marked_member
):
    user_id = marked_member.user.pk
    consent_id = GuardianConsent.objects.get(member_id=user_id).pk
    other_phone = Client()
    assert other_phone.post(
        "/akun/login/", {"login": MARKERS["username"], "password": PASSWORD}
    ).status_code in (200, 302)
    client.login(username=MARKERS["username"], password=PASSWORD)
    assert other_phone.get(url("home")).status_code == 200
    assert len(_sessions_of(user_id)) == 2
    client.get(url("my_data_download"))
    hits = _marker_hits()
    assert {name for name, _model, _field in hits} == set(MARKERS), "the sweep finds them"

    response = client.post(url("delete_account"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[0] == ("/", 302)
    assert "Akunmu sudah dihapus." in response.content.decode()
    assert not get_user_model().objects.filter(pk=user_id).exists()
    assert not MemberProfile.objects.filter(pk=marked_member.pk).exists()
    assert not EmailAddress.objects.filter(user_id=user_id).exists()
    assert not MemberEvent.objects.filter(member_id=user_id).exists()
    assert _sessions_of(user_id) == []
    assert other_phone.get(url("home"))["Location"].startswith("/akun/login/")
    consent = GuardianConsent.objects.get(pk=consent_id)
    assert consent.guardian_name == ""
    assert consent.identity_erased_at is not None
    assert consent.member_id is None
    assert consent.evidence_reference == "FORM-UJI-001"
    assert _marker_hits() == set()


# --- Every account, staff included, has the same rights over its own data -----------------


def test_staff_account_sees_downloads_and_deletes_its_own_data(client, db):
    from django.contrib.auth import get_user_model

    from tests.factories import UserFactory

    staff = UserFactory(username="staf-penanda", email="staf-penanda@example.org")
    client.force_login(staff)
    page = client.get(reverse("forum_anak:my_data"))
    assert page.status_code == 200
    assert "staf-penanda" in page.content.decode()
    assert "Status akunmu" not in page.content.decode()
    download = client.get(reverse("forum_anak:my_data_download"))
    data = json.loads(download.content)
    assert data["akun"]["nama_pengguna"] == "staf-penanda"
    assert data["profil"] is None
    response = client.post(reverse("forum_anak:delete_account"), {"password": "kata-sandi-uji-123"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=staff.pk).exists()


def test_the_last_admin_cannot_delete_themselves(client, db):
    from django.contrib.auth import get_user_model

    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(reverse("forum_anak:delete_account"), {"password": "kata-sandi-uji-123"})
    assert response.status_code == 200
    assert "admin terakhir" in response.content.decode()
    assert get_user_model().objects.filter(pk=admin.pk).exists()


def test_erasure_with_proposals_timelines_and_notifications_present(client, marked_member):
    """Issue 4 acceptance 12: proposals stay (anonymised); the private messages to the child
    and their notifications go; the database-wide sweep finds no marker."""
    from datetime import timedelta

    from django.utils import timezone

    from forum_anak.models import MusrenbangCycle, Notification, Proposal
    from portal import roles

    today = timezone.localdate()
    MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=1),
        submission_closes=today + timedelta(days=1),
    )
    moderator = UserFactory(groups=[roles.PROPOSAL_MODERATOR])
    user = marked_member.user
    for n in range(2):
        proposal = proposal_draft_create(
            actor=user, title=f"Taman baca {n}", problem="Tidak ada.", proposed_action="Buat."
        )
        proposal_submit(actor=user, proposal=proposal)
        proposal_start_review(actor=moderator, proposal=proposal)
        proposal.refresh_from_db()
        proposal_request_revision(
            actor=moderator,
            proposal=proposal,
            message=f"Hai {MARKERS['nickname']}, tulis tempatnya lebih jelas.",
        )
    assert Notification.objects.filter(recipient=user).exists()
    assert ("nickname", "forum_anak.TimelineEvent", "message_to_proposer") in _marker_hits()

    client.force_login(user)
    client.post(url("delete_account"), {"password": PASSWORD})

    assert Proposal.objects.filter(proposer__isnull=True).count() == 2
    assert not Notification.objects.filter(recipient_id=user.pk).exists()
    assert _marker_hits() == set()
