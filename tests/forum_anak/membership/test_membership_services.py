"""Membership services: who may submit, what each facilitator action records, scope, purge."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forum_anak.core.errors import ActionError
from forum_anak.membership.services import (
    forum_groups_sync,
    member_age_problem,
    member_can_submit,
    member_nickname_approve,
    member_profile_update,
    member_reinstate,
    member_reject,
    member_reset_link_issue,
    member_suspend,
    member_verify,
    member_verify_bulk,
    membership_remove,
    membership_set,
)
from forum_anak.models import (
    ForumGroup,
    ForumMembership,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
)
from forum_anak.privacy.services import expired_members_purge, member_consent_withdraw
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, birth_for_age, make_facilitator, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(kecamatan):
    return make_facilitator(kecamatan[0])


def _verify(actor, profile, **kwargs):
    return member_verify(
        actor=actor,
        profile=profile,
        method="signed_form",
        evidence_reference=kwargs.pop("evidence_reference", "FORM-7"),
        given_at=kwargs.pop("given_at", timezone.localdate()),
        **kwargs,
    )


def test_forum_groups_follow_the_areas(wilayah):
    assert ForumGroup.objects.count() == 47
    assert ForumGroup.objects.filter(name="Forum Anak Kota Bima").exists()
    assert ForumGroup.objects.filter(name="Forum Anak Kelurahan Oi Fo'o").exists()
    group = ForumGroup.objects.get(name="Forum Anak Kota Bima")
    group.name = "Forum Anak Kota Bima (FAKB)"
    group.save()
    assert forum_groups_sync() == []
    group.refresh_from_db()
    assert group.name == "Forum Anak Kota Bima (FAKB)"


def test_member_can_submit_only_when_verified_with_consent(member, facilitator):
    assert not member_can_submit(user=member.user)
    consent = _verify(facilitator, member)
    assert member_can_submit(user=member.user)
    assert consent.notice_version == member.notice_version
    assert consent.recorded_by == facilitator
    assert consent.guardian_name == member.guardian_name
    assert ForumMembership.objects.filter(
        member=member.user, group__area=member.kelurahan, role="anggota"
    ).exists()

    member_suspend(actor=facilitator, profile=member, reason="Tunggu rapat forum.")
    assert not member_can_submit(user=member.user)
    member_reinstate(actor=facilitator, profile=member)
    assert member_can_submit(user=member.user)

    GuardianConsent.objects.update(withdrawn_at=timezone.now())
    assert not member_can_submit(user=member.user)


def test_anonymous_staff_and_alumni_cannot_submit(member, facilitator):
    from django.contrib.auth.models import AnonymousUser

    assert not member_can_submit(user=AnonymousUser())
    assert not member_can_submit(user=facilitator)
    verify(member, by=facilitator)
    year, month = birth_for_age(18)
    MemberProfile.objects.filter(pk=member.pk).update(birth_year=year, birth_month=month)
    assert not member_can_submit(user=member.user)


def test_alumni_from_the_month_they_turn_18(member):
    today = timezone.localdate()
    member.birth_year, member.birth_month = today.year - 18, today.month
    assert member.is_alumni()
    next_month = today.month % 12 + 1
    member.birth_month = next_month
    member.birth_year = today.year - 18 + (1 if next_month == 1 else 0)
    assert not member.is_alumni()


@pytest.mark.parametrize("age,ok", [(11, False), (12, True), (17, True), (18, False)])
def test_age_bounds(age, ok):
    year, month = birth_for_age(age)
    problem = member_age_problem(birth_year=year, birth_month=month)
    assert (problem == "") is ok


def test_every_facilitator_action_writes_an_event_naming_the_actor(member, facilitator, rf):
    group = ForumGroup.objects.get(area=member.kelurahan.parent)
    _verify(facilitator, member)
    membership_set(actor=facilitator, profile=member, group=group, role="pengurus")
    membership_remove(actor=facilitator, profile=member, group=group)
    member_suspend(actor=facilitator, profile=member, reason="Alasan.")
    member_reinstate(actor=facilitator, profile=member)
    member_reset_link_issue(actor=facilitator, profile=member, request=rf.get("/"))
    member.refresh_from_db()
    member_nickname_approve(actor=facilitator, profile=member)

    staff_events = MemberEvent.objects.filter(member=member.user).exclude(actor=member.user)
    kinds = set(staff_events.values_list("kind", flat=True))
    assert kinds == {
        "verified",
        "membership_changed",
        "suspended",
        "reinstated",
        "reset_link_issued",
        "nickname_approved",
    }
    assert all(e.actor == facilitator for e in staff_events)
    assert all(e.actor_label == facilitator.username for e in staff_events)

    # The Wagtail audit log mirrors them with the opaque label only.
    entries = ModelLogEntry.objects.filter(content_type__model="memberprofile")
    assert entries.count() == staff_events.count()
    for entry in entries:
        assert entry.label == f"Anggota #{member.user_id}"
        assert member.nickname not in str(entry.data) + entry.label
        assert member.guardian_name not in str(entry.data)


def test_reject_tells_the_child_why_and_editing_puts_them_back(member, facilitator, kecamatan):
    member_reject(actor=facilitator, profile=member, reason="Kelurahan salah.")
    member.refresh_from_db()
    assert member.status == "rejected" and member.status_reason == "Kelurahan salah."
    event = MemberEvent.objects.get(member=member.user, kind="rejected")
    assert event.note == "Kelurahan salah." and event.actor == facilitator
    other = kecamatan[0].children.exclude(pk=member.kelurahan_id).first()
    member_profile_update(user=member.user, kelurahan=other)
    member.refresh_from_db()
    assert member.status == "pending" and member.status_reason == ""


def test_a_rejected_member_who_corrects_anything_is_checked_again(member, facilitator):
    member_reject(actor=facilitator, profile=member, reason="Nama panggilan kasar.")
    member_profile_update(user=member.user, nickname="Kenari")
    member.refresh_from_db()
    assert member.status == "pending" and not member.nickname_approved


def test_kelurahan_change_sends_a_verified_member_back(member, facilitator, kecamatan):
    _verify(facilitator, member, approve_nickname=True)
    member.refresh_from_db()
    assert member.nickname_approved
    member_profile_update(user=member.user, nickname="Rajawali")
    member.refresh_from_db()
    assert member.status == "verified" and not member.nickname_approved
    new_kelurahan = kecamatan[1].children.first()
    member_profile_update(user=member.user, kelurahan=new_kelurahan)
    member.refresh_from_db()
    assert member.status == "pending"
    assert not member_can_submit(user=member.user)
    assert not ForumMembership.objects.filter(member=member.user).exists()
    # The old kecamatan's facilitator no longer reaches this member.
    with pytest.raises(PermissionDenied):
        _verify(facilitator, member)


def test_facilitator_acts_only_within_assigned_kecamatan(member, kecamatan, rf):
    outsider = make_facilitator(kecamatan[1])
    plain_staff = UserFactory()
    for actor in (outsider, plain_staff):
        for action in (
            lambda a: _verify(a, member),
            lambda a: member_reject(actor=a, profile=member, reason="x"),
            lambda a: member_suspend(actor=a, profile=member, reason="x"),
            lambda a: member_nickname_approve(actor=a, profile=member),
            lambda a: member_reset_link_issue(actor=a, profile=member, request=rf.get("/")),
            lambda a: member_consent_withdraw(actor=a, profile=member),
        ):
            with pytest.raises(PermissionDenied):
                action(actor)
    member.refresh_from_db()
    assert member.status == "pending"
    assert not MemberEvent.objects.exclude(kind="signed_up").exists()


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"evidence_reference": "  "}, "rujukan"),
        ({"given_at": timezone.localdate() + timedelta(days=2)}, "masa depan"),
    ],
)
def test_verify_refuses_bad_input_and_changes_nothing(member, facilitator, kwargs, message):
    with pytest.raises(ActionError, match=message):
        _verify(facilitator, member, **kwargs)
    member.refresh_from_db()
    assert member.status == "pending"
    assert not GuardianConsent.objects.exists()


def test_actions_refused_from_the_wrong_state(member, facilitator):
    with pytest.raises(ActionError):
        member_reinstate(actor=facilitator, profile=member)
    _verify(facilitator, member)
    with pytest.raises(ActionError):
        _verify(facilitator, member)
    with pytest.raises(ActionError):
        member_reject(actor=facilitator, profile=member, reason="x")
    assert GuardianConsent.objects.count() == 1


def test_bulk_verify_is_all_or_nothing(kecamatan, facilitator):
    inside = [MemberProfileFactory(kelurahan=kecamatan[0].children.first()) for _ in range(3)]
    outside = MemberProfileFactory(kelurahan=kecamatan[1].children.first())
    with pytest.raises(PermissionDenied):
        member_verify_bulk(
            actor=facilitator,
            profiles=[*inside, outside],
            method="signed_form",
            evidence_reference="RAPAT-FORUM-12",
            given_at=timezone.localdate(),
        )
    assert not GuardianConsent.objects.exists()
    assert MemberProfile.objects.filter(status="verified").count() == 0
    consents = member_verify_bulk(
        actor=facilitator,
        profiles=inside,
        method="signed_form",
        evidence_reference="RAPAT-FORUM-12",
        given_at=timezone.localdate(),
    )
    assert len(consents) == 3
    assert {c.evidence_reference for c in consents} == {"RAPAT-FORUM-12"}
    assert all(member_can_submit(user=p.user) for p in inside)


def test_reset_link_only_for_members_without_verified_email(member, facilitator, rf):
    from allauth.account.models import EmailAddress

    url = member_reset_link_issue(actor=facilitator, profile=member, request=rf.get("/"))
    assert "/akun/password/reset/key/" in url
    EmailAddress.objects.create(user=member.user, email="anak@example.org", verified=True)
    with pytest.raises(ActionError):
        member_reset_link_issue(actor=facilitator, profile=member, request=rf.get("/"))


def test_consent_withdrawal_erases_the_account_and_keeps_the_proof(member, facilitator):
    _verify(facilitator, member)
    user_pk = member.user_id
    consent = member_consent_withdraw(actor=facilitator, profile=member)
    assert not MemberProfile.objects.filter(pk=member.pk).exists()
    assert consent.withdrawn_at is not None
    assert consent.member is None and consent.member_label == f"Anggota #{user_pk}"
    assert consent.guardian_name == "" and consent.identity_erased_at is not None
    assert consent.method == "signed_form" and consent.recorded_by == facilitator
    assert consent.withdrawal_recorded_by_label == facilitator.username
    assert not MemberEvent.objects.filter(member_id=user_pk).exists()


def test_purge_expired_erases_only_old_unverified_accounts(kecamatan, facilitator):
    kelurahan = kecamatan[0].children.first()
    old = timezone.now() - timedelta(days=31)
    expired = MemberProfileFactory(kelurahan=kelurahan, created_at=old)
    recent = MemberProfileFactory(kelurahan=kelurahan)
    verified_long_ago = MemberProfileFactory(kelurahan=kelurahan, created_at=old)
    verify(verified_long_ago, by=facilitator)
    call_command("purge_expired", stdout=__import__("io").StringIO())
    remaining = set(MemberProfile.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, verified_long_ago.pk}
    assert not type(expired.user).objects.filter(pk=expired.user_id).exists()


def test_reinstating_restores_the_interrupted_status_not_verified(member, facilitator):
    """A verified member who changed guardian is pending; suspending and reinstating must
    not make them verified again without a new check."""
    _verify(facilitator, member)
    member_profile_update(user=member.user, guardian_name="Wali Baru")
    member.refresh_from_db()
    assert member.status == "pending"
    member_suspend(actor=facilitator, profile=member, reason="Alasan.")
    member_reinstate(actor=facilitator, profile=member)
    member.refresh_from_db()
    assert member.status == "pending"
    assert not member_can_submit(user=member.user)


def test_a_suspended_member_who_moves_is_checked_again_when_reinstated(
    member, facilitator, kecamatan
):
    _verify(facilitator, member)
    member_suspend(actor=facilitator, profile=member, reason="Alasan.")
    member_profile_update(user=member.user, kelurahan=kecamatan[1].children.first())
    member.refresh_from_db()
    assert member.status == "suspended"
    other = make_facilitator(kecamatan[1])
    member_reinstate(actor=other, profile=member)
    member.refresh_from_db()
    assert member.status == "pending"


def test_a_suspended_verified_member_is_verified_again_when_reinstated(member, facilitator):
    _verify(facilitator, member)
    member_suspend(actor=facilitator, profile=member, reason="Alasan.")
    member_reinstate(actor=facilitator, profile=member)
    assert member_can_submit(user=member.user)


def test_purge_also_erases_never_verified_suspended_accounts(kecamatan, facilitator):
    old = timezone.now() - timedelta(days=40)
    profile = MemberProfileFactory(kelurahan=kecamatan[0].children.first(), created_at=old)
    member_suspend(actor=facilitator, profile=profile, reason="Alasan.")
    assert expired_members_purge() == 1
    assert not MemberProfile.objects.filter(pk=profile.pk).exists()


def test_moving_to_another_kecamatan_leaves_the_old_kecamatan_group(member, facilitator, kecamatan):
    _verify(facilitator, member)
    old_kecamatan_group = ForumGroup.objects.get(area=kecamatan[0])
    city_group = ForumGroup.objects.get(area=kecamatan[0].parent)
    membership_set(actor=facilitator, profile=member, group=old_kecamatan_group, role="pengurus")
    membership_set(actor=facilitator, profile=member, group=city_group, role="anggota")
    member_profile_update(user=member.user, kelurahan=kecamatan[1].children.first())
    groups = set(ForumMembership.objects.filter(member=member.user).values_list("group", flat=True))
    assert groups == {city_group.pk}
