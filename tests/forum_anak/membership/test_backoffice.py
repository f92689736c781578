"""The facilitator back office (/admin/anggota/): the queue, the member list, a member's
page and every action through the views, as a facilitator would use them."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forum_anak.models import (
    Area,
    ForumGroup,
    ForumMembership,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
)
from tests.factories import with_totp
from tests.forum_anak.factories import MemberProfileFactory, birth_for_age, make_facilitator, verify

pytestmark = pytest.mark.django_db
User = get_user_model()


def kelurahan_of(kecamatan, index=0):
    return Area.objects.filter(parent=kecamatan).order_by("code")[index]


def pending(kelurahan, *, days=0, age=14, **kwargs):
    year, month = birth_for_age(age)
    return MemberProfileFactory(
        kelurahan=kelurahan,
        status_changed_at=timezone.now() - timedelta(days=days),
        birth_year=year,
        birth_month=month,
        **kwargs,
    )


@pytest.fixture
def facilitator(kecamatan):
    return with_totp(make_facilitator(kecamatan[0], first_name="Siti", last_name="Fasilitator"))


@pytest.fixture
def staff(client, facilitator):
    client.force_login(facilitator)
    return client


def u(name, *args):
    return reverse(f"anggota:{name}", args=args)


def listed(response):
    return [profile.pk for profile in response.context["object_list"]]


def consent_data(**overrides):
    data = {
        "method": GuardianConsent.Method.SIGNED_FORM,
        "evidence_reference": "FORM-2026-017",
        "given_at": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


# --- Queue and list ---------------------------------------------------------------------------


def test_queue_lists_only_pending_members_of_own_kecamatan_oldest_first(staff, kecamatan):
    a, b = kecamatan
    newer = pending(kelurahan_of(a), days=2)
    older = pending(kelurahan_of(a, 1), days=9)
    verify(pending(kelurahan_of(a)))
    other = pending(kelurahan_of(b), days=30)

    response = staff.get(u("queue"))

    assert response.status_code == 200
    assert listed(response) == [older.pk, newer.pk]
    html = response.content.decode()
    assert f"Anggota #{older.user_id}" in html
    assert older.nickname in html
    assert f"Anggota #{other.user_id}" not in html
    assert other.nickname not in html


def test_queue_filters_by_kelurahan_age_and_waiting_time(staff, kecamatan):
    a, _b = kecamatan
    here, there = kelurahan_of(a), kelurahan_of(a, 1)
    young = pending(here, days=1, age=12)
    waited = pending(there, days=15, age=16)
    long_waited = pending(here, days=25, age=16)

    assert listed(staff.get(u("queue"), {"kelurahan": there.pk})) == [waited.pk]
    assert listed(staff.get(u("queue"), {"age": "12"})) == [young.pk]
    assert listed(staff.get(u("queue"), {"age": "16"})) == [long_waited.pk, waited.pk]
    assert listed(staff.get(u("queue"), {"waiting": "7"})) == [long_waited.pk, waited.pk]
    assert listed(staff.get(u("queue"), {"waiting": "21"})) == [long_waited.pk]
    assert listed(staff.get(u("queue"), {"kecamatan": a.pk})) == [
        long_waited.pk,
        waited.pk,
        young.pk,
    ]
    # The AJAX results view Wagtail's filters use answers too.
    assert staff.get(u("queue_results"), {"waiting": "21"}).status_code == 200


def test_filters_offer_only_the_facilitators_own_areas(staff, kecamatan):
    a, b = kecamatan
    form = staff.get(u("queue")).context["filters"].form
    assert list(form.fields["kecamatan"].queryset) == [a]
    assert {area.parent_id for area in form.fields["kelurahan"].queryset} == {a.pk}
    # Another kecamatan in the URL is not a way in: still only own members.
    other = pending(kelurahan_of(b))
    assert other.pk not in listed(staff.get(u("queue"), {"kecamatan": b.pk}))


def test_all_members_list_filters_by_status(staff, kecamatan):
    a, b = kecamatan
    waiting = pending(kelurahan_of(a))
    verified = verify(pending(kelurahan_of(a)))
    pending(kelurahan_of(b))

    response = staff.get(u("index"))
    assert response.status_code == 200
    assert set(listed(response)) == {waiting.pk, verified.pk}
    assert listed(staff.get(u("index"), {"status": "verified"})) == [verified.pk]
    assert listed(staff.get(u("index"), {"status": "pending"})) == [waiting.pk]


def test_superuser_sees_every_kecamatan(client, kecamatan):
    a, b = kecamatan
    members = [pending(kelurahan_of(a)), pending(kelurahan_of(b))]
    client.force_login(with_totp(User.objects.create_superuser("admin", "admin@example.org", "x")))
    assert set(listed(client.get(u("queue")))) == {m.pk for m in members}
    assert client.get(u("detail", members[1].user_id)).status_code == 200


def test_menu_item_shown_to_facilitators_only(client, facilitator):
    from portal import roles
    from tests.factories import UserFactory

    client.force_login(facilitator)
    assert "Anggota Forum Anak" in client.get("/admin/").content.decode()
    client.force_login(UserFactory(groups=[roles.EDITOR]))
    assert "Anggota Forum Anak" not in client.get("/admin/").content.decode()


# --- Member page ------------------------------------------------------------------------------


def test_member_page_shows_what_verification_needs(staff, kecamatan):
    profile = pending(kelurahan_of(kecamatan[0]), school="SMPN 1 Kota Bima")
    html = staff.get(u("detail", profile.user_id)).content.decode()
    for text in (
        profile.label,
        profile.nickname,
        profile.kelurahan.name,
        profile.kelurahan.parent.name,
        "SMPN 1 Kota Bima",
        profile.guardian_name,
        profile.guardian_phone,
        "14 tahun",
        "Menunggu verifikasi",
        "formulir persetujuan / rapat forum",
    ):
        assert text in html, text


# --- Actions ----------------------------------------------------------------------------------


def assert_event(profile, kind, actor):
    event = MemberEvent.objects.filter(member_id=profile.user_id, kind=kind).get()
    assert event.actor == actor
    assert event.actor_label == "Siti Fasilitator"
    return event


def test_verify_records_consent_and_event(staff, facilitator, kecamatan):
    profile = pending(kelurahan_of(kecamatan[0]))
    response = staff.post(u("verify", profile.user_id), consent_data(approve_nickname="on"))

    assert response.status_code == 302
    assert response.url == u("detail", profile.user_id)
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.VERIFIED
    assert profile.nickname_approved
    consent = GuardianConsent.objects.get(member=profile.user)
    assert consent.evidence_reference == "FORM-2026-017"
    assert consent.recorded_by == facilitator
    assert_event(profile, MemberEvent.Kind.VERIFIED, facilitator)
    assert_event(profile, MemberEvent.Kind.NICKNAME_APPROVED, facilitator)
    assert ForumMembership.objects.filter(member=profile.user).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (consent_data(evidence_reference="  "), "Belum tersimpan"),
        (
            consent_data(given_at=(timezone.localdate() + timedelta(days=1)).isoformat()),
            "masa depan",
        ),
        (consent_data(method="lisan"), "Belum tersimpan"),
        (consent_data(given_at="kemarin"), "Belum tersimpan"),
    ],
)
def test_verify_with_bad_input_changes_nothing(staff, kecamatan, data, message):
    profile = pending(kelurahan_of(kecamatan[0]))
    response = staff.post(u("verify", profile.user_id), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.PENDING
    assert not GuardianConsent.objects.exists()
    assert not MemberEvent.objects.filter(kind=MemberEvent.Kind.VERIFIED).exists()


def test_verify_twice_is_a_message_not_an_error(staff, kecamatan):
    profile = verify(pending(kelurahan_of(kecamatan[0])))
    response = staff.post(u("verify", profile.user_id), consent_data())
    assert response.status_code == 200
    assert "tidak sedang menunggu verifikasi" in response.content.decode()
    assert GuardianConsent.objects.filter(member=profile.user).count() == 1


def bulk_url(*profiles, next_url=""):
    ids = "&".join(f"id={p.pk}" for p in profiles)
    return (
        reverse("wagtail_bulk_action", args=["forum_anak", "memberprofile", "verifikasi"])
        + f"?{ids}&next={next_url or u('queue')}"
    )


def test_bulk_verify_from_the_queue(staff, facilitator, kecamatan):
    members = [pending(kelurahan_of(kecamatan[0]), days=d) for d in (1, 2, 3)]
    chosen = members[:2]

    page = staff.get(bulk_url(*chosen))
    assert page.status_code == 200
    assert all(m.label in page.content.decode() for m in chosen)

    response = staff.post(bulk_url(*chosen), consent_data(evidence_reference="RAPAT-FORUM-05"))
    assert response.status_code == 302
    assert response.url == u("queue")
    for profile in chosen:
        profile.refresh_from_db()
        assert profile.status == MemberProfile.Status.VERIFIED
        assert_event(profile, MemberEvent.Kind.VERIFIED, facilitator)
    assert set(GuardianConsent.objects.values_list("evidence_reference", flat=True)) == {
        "RAPAT-FORUM-05"
    }
    members[2].refresh_from_db()
    assert members[2].status == MemberProfile.Status.PENDING


def test_bulk_verify_is_all_or_nothing(staff, kecamatan):
    waiting = pending(kelurahan_of(kecamatan[0]))
    done = verify(pending(kelurahan_of(kecamatan[0])))
    response = staff.post(bulk_url(waiting, done), consent_data())
    assert response.status_code == 200
    assert "tidak sedang menunggu verifikasi" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == MemberProfile.Status.PENDING
    assert GuardianConsent.objects.filter(member=waiting.user).count() == 0


def test_bulk_verify_with_empty_evidence_changes_nothing(staff, kecamatan):
    waiting = pending(kelurahan_of(kecamatan[0]))
    response = staff.post(bulk_url(waiting), consent_data(evidence_reference=""))
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == MemberProfile.Status.PENDING


def test_nickname_approve(staff, facilitator, kecamatan):
    profile = verify(pending(kelurahan_of(kecamatan[0])))
    assert staff.post(u("nickname", profile.user_id)).status_code == 302
    profile.refresh_from_db()
    assert profile.nickname_approved
    assert_event(profile, MemberEvent.Kind.NICKNAME_APPROVED, facilitator)
    # Twice: a message, not a 500.
    again = staff.post(u("nickname", profile.user_id))
    assert again.status_code == 200
    assert "sudah disetujui" in again.content.decode()


def test_reject_with_reason_for_the_child(staff, facilitator, kecamatan):
    profile = pending(kelurahan_of(kecamatan[0]))
    reason = "Kami belum bisa menghubungi orang tuamu. Periksa lagi nomornya ya."
    assert staff.post(u("reject", profile.user_id), {"reason": reason}).status_code == 302
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.REJECTED
    assert profile.status_reason == reason
    assert assert_event(profile, MemberEvent.Kind.REJECTED, facilitator).note == reason


@pytest.mark.parametrize("action", ["reject", "suspend"])
def test_empty_reason_changes_nothing(staff, kecamatan, action):
    profile = pending(kelurahan_of(kecamatan[0]))
    response = staff.post(u(action, profile.user_id), {"reason": "   "})
    assert response.status_code == 200
    assert "Belum tersimpan" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.PENDING
    assert not MemberEvent.objects.exclude(kind=MemberEvent.Kind.SIGNED_UP).exists()


def test_suspend_and_reinstate(staff, facilitator, kecamatan):
    profile = verify(pending(kelurahan_of(kecamatan[0])))
    response = staff.post(u("suspend", profile.user_id), {"reason": "Berkata kasar di forum."})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.SUSPENDED
    assert_event(profile, MemberEvent.Kind.SUSPENDED, facilitator)

    assert staff.post(u("reinstate", profile.user_id)).status_code == 302
    profile.refresh_from_db()
    assert profile.status == MemberProfile.Status.VERIFIED
    assert_event(profile, MemberEvent.Kind.REINSTATED, facilitator)

    again = staff.post(u("reinstate", profile.user_id))
    assert again.status_code == 200
    assert "tidak sedang ditangguhkan" in again.content.decode()


def test_membership_set_and_remove(staff, facilitator, kecamatan):
    profile = verify(pending(kelurahan_of(kecamatan[0])))
    kecamatan_group = ForumGroup.objects.get(area=kecamatan[0])
    other_group = ForumGroup.objects.get(area=kecamatan[1])

    page = staff.get(u("detail", profile.user_id))
    choices = list(page.context["membership_form"].fields["group"].queryset)
    assert kecamatan_group in choices
    assert other_group not in choices

    response = staff.post(
        u("membership_set", profile.user_id), {"group": kecamatan_group.pk, "role": "ketua"}
    )
    assert response.status_code == 302
    assert ForumMembership.objects.get(member=profile.user, group=kecamatan_group).role == "ketua"
    assert_event(profile, MemberEvent.Kind.MEMBERSHIP_CHANGED, facilitator)

    # A group outside the member's areas is refused by the form, and nothing changes.
    refused = staff.post(
        u("membership_set", profile.user_id), {"group": other_group.pk, "role": "anggota"}
    )
    assert refused.status_code == 200
    assert not ForumMembership.objects.filter(member=profile.user, group=other_group).exists()

    removed = staff.post(u("membership_remove", profile.user_id, kecamatan_group.pk))
    assert removed.status_code == 302
    assert not ForumMembership.objects.filter(member=profile.user, group=kecamatan_group).exists()

    # The kelurahan group follows the profile: a message, not a removal.
    own = ForumGroup.objects.get(area=profile.kelurahan)
    kept = staff.post(u("membership_remove", profile.user_id, own.pk))
    assert kept.status_code == 200
    assert ForumMembership.objects.filter(member=profile.user, group=own).exists()


def test_consent_withdrawal_erases_the_account(staff, facilitator, kecamatan):
    profile = verify(pending(kelurahan_of(kecamatan[0])), by=facilitator)
    user_id = profile.user_id

    page = staff.get(u("consent_withdraw", user_id))
    assert page.status_code == 200
    assert "akan dihapus" in page.content.decode()
    assert User.objects.filter(pk=user_id).exists()

    response = staff.post(u("consent_withdraw", user_id))
    assert response.status_code == 302
    assert response.url == u("queue")
    assert not User.objects.filter(pk=user_id).exists()
    assert not MemberProfile.objects.filter(user_id=user_id).exists()
    consent = GuardianConsent.objects.get(member_label=f"Anggota #{user_id}")
    assert consent.withdrawn_at is not None
    assert consent.guardian_name == ""
    assert consent.recorded_by == facilitator
    assert staff.get(u("detail", user_id)).status_code == 404


# --- One-time reset link ----------------------------------------------------------------------


def issue_link(staff, profile) -> str:
    import re

    response = staff.post(u("reset_link", profile.user_id))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "sekali" in html and "24 jam" in html
    return re.search(r"(http://testserver/akun/password/reset/key/[^<\s]+)", html).group(1)


def test_reset_link_is_shown_once_and_works_once(staff, facilitator, kecamatan):
    profile = verify(pending(kelurahan_of(kecamatan[0])))
    link = issue_link(staff, profile)
    path = link.removeprefix("http://testserver")
    assert_event(profile, MemberEvent.Kind.RESET_LINK_ISSUED, facilitator)
    key = path.rstrip("/").rsplit("-", 1)[-1]
    # Never stored: not in the events, the audit log, or a later page.
    assert not MemberEvent.objects.filter(note__contains=key).exists()
    assert not any(key in str(entry.data) for entry in ModelLogEntry.objects.all())
    assert key not in staff.get(u("detail", profile.user_id)).content.decode()
    assert key not in staff.get(u("reset_link", profile.user_id)).content.decode()

    child = Client()
    opened = child.get(path)
    assert opened.status_code == 302
    form_url = opened.url
    done = child.post(
        form_url, {"password1": "bintang-laut-2026", "password2": "bintang-laut-2026"}
    )
    assert done.status_code == 302
    profile.user.refresh_from_db()
    assert profile.user.check_password("bintang-laut-2026")

    again = Client().get(path, follow=True)
    assert again.context["token_fail"]


def test_reset_link_expires_after_24_hours(staff, kecamatan, monkeypatch):
    from allauth.account.forms import default_token_generator

    profile = verify(pending(kelurahan_of(kecamatan[0])))
    path = issue_link(staff, profile).removeprefix("http://testserver")
    later = default_token_generator._now() + timedelta(hours=24, minutes=1)
    monkeypatch.setattr(type(default_token_generator), "_now", lambda self: later)

    response = Client().get(path, follow=True)
    assert response.context["token_fail"]


def test_no_reset_link_for_a_member_with_a_verified_email(staff, kecamatan):
    from allauth.account.models import EmailAddress

    profile = verify(pending(kelurahan_of(kecamatan[0])))
    EmailAddress.objects.create(
        user=profile.user, email="anak@example.org", verified=True, primary=True
    )
    response = staff.post(u("reset_link", profile.user_id))
    assert response.status_code == 200
    assert "Lupa kata sandi" in response.content.decode()
    assert 'id="reset-link-value"' not in response.content.decode()
    assert not MemberEvent.objects.filter(kind=MemberEvent.Kind.RESET_LINK_ISSUED).exists()


# --- Audit log --------------------------------------------------------------------------------


def test_audit_log_labels_carry_no_name(staff, kecamatan):
    profile = pending(kelurahan_of(kecamatan[0]), nickname="Mawar", guardian_name="Ibu Aminah")
    staff.post(u("verify", profile.user_id), consent_data())
    staff.post(u("suspend", profile.user_id), {"reason": "Perlu bicara dulu."})
    staff.post(u("reinstate", profile.user_id))
    staff.post(u("reset_link", profile.user_id))

    entries = ModelLogEntry.objects.filter(content_type__model="memberprofile")
    assert entries.count() >= 4
    for entry in entries:
        assert entry.label == f"Anggota #{profile.user_id}"
        dump = f"{entry.label} {entry.data}"
        assert "Mawar" not in dump and "Aminah" not in dump


def test_changes_the_facilitator_has_not_seen_are_not_approved(client, wilayah):
    """The child renames themselves (or changes guardian) while the facilitator's page is
    open: approving or verifying what was on the screen is refused, nothing changes."""
    from forum_anak.membership.services import member_profile_update

    member = MemberProfileFactory(nickname="Merak")
    facilitator = make_facilitator(member.kelurahan.parent)
    with_totp(facilitator)
    client.force_login(facilitator)
    page = client.get(f"/admin/anggota/{member.user_id}/")
    seen = page.context["verify_form"].initial["seen_updated_at"]
    assert 'name="nickname_seen" value="Merak"' in page.content.decode()

    member_profile_update(user=member.user, nickname="Nama Asli Lengkap", guardian_name="Wali Lain")
    client.post(f"/admin/anggota/{member.user_id}/nama-panggilan/", {"nickname_seen": "Merak"})
    client.post(
        f"/admin/anggota/{member.user_id}/verifikasi/",
        {
            "method": "signed_form",
            "evidence_reference": "F-1",
            "given_at": timezone.localdate().isoformat(),
            "approve_nickname": "on",
            "seen_updated_at": seen,
        },
    )
    member.refresh_from_db()
    assert member.status == "pending" and not member.nickname_approved
    # Seen again after reloading: now it goes through.
    page = client.get(f"/admin/anggota/{member.user_id}/")
    client.post(
        f"/admin/anggota/{member.user_id}/verifikasi/",
        {
            "method": "signed_form",
            "evidence_reference": "F-1",
            "given_at": timezone.localdate().isoformat(),
            "approve_nickname": "on",
            "seen_updated_at": page.context["verify_form"].initial["seen_updated_at"],
        },
    )
    member.refresh_from_db()
    assert member.status == "verified" and member.nickname_approved
