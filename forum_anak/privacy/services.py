"""A person's data leaving the portal: erasure of an account (on request, or unverified
accounts after MEMBER_UNVERIFIED_DAYS) and the record of an own-data download.

Erasure keeps only what staff wrote for the planning record (public versions and planning
layers) and the consent records as proof, without the guardian's identity."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forum_anak.core.labels import actor_label
from forum_anak.membership.services import (
    facilitator_scope_check,
    member_event_record,
    profile_locked,
)
from forum_anak.models import (
    GuardianConsent,
    MemberEvent,
    MemberProfile,
    member_label,
)
from forum_anak.proposals.services import proposals_anonymise

logger = logging.getLogger(__name__)


def _user_sessions(user_id: int) -> list[str]:
    """Keys of the database sessions that belong to this user."""
    keys = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_id):
            keys.append(session.session_key)
    return keys


@transaction.atomic
def member_erase(*, user, actor=None) -> None:
    """Remove a member's personal data from every store, in one transaction.

    Deletes the account (and with it the profile, e-mail addresses, second factors,
    memberships and member events), the member's sessions and Wagtail audit-log rows about
    the profile, and removes the guardian's identity from the consent records, which stay
    as proof (dates, method, notice version, who recorded it). No task ever carries a
    member's personal data, so there are no task results to clean.
    """
    profile = MemberProfile.objects.filter(user=user).first()
    label = member_label(user.pk)
    GuardianConsent.objects.filter(member=user).update(
        member=None,
        member_label=label,
        guardian_name="",
        guardian_relationship="",
        identity_erased_at=timezone.now(),
    )
    if profile is not None:
        ModelLogEntry.objects.filter(
            content_type__app_label="forum_anak",
            content_type__model="memberprofile",
            object_id=str(profile.pk),
        ).delete()
    Session.objects.filter(session_key__in=_user_sessions(user.pk)).delete()
    proposals_anonymise(user=user)
    user.delete()
    logger.info("Member erased: %s (by %s)", label, getattr(actor, "pk", None) or "self")


def expired_members_purge(*, now=None) -> int:
    """Erase accounts still never verified after MEMBER_UNVERIFIED_DAYS (purge_expired).
    Returns how many were erased."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MEMBER_UNVERIFIED_DAYS)
    expired = MemberProfile.objects.filter(verified_at__isnull=True, created_at__lt=cutoff).exclude(
        status=MemberProfile.Status.VERIFIED
    )
    count = 0
    for pk in expired.values_list("pk", flat=True):
        with transaction.atomic():
            # Re-read under a lock: a facilitator may be verifying this member right now.
            profile = (
                expired.select_for_update(of=("self",)).select_related("user").filter(pk=pk).first()
            )
            if profile is None:
                continue
            member_erase(user=profile.user)
            count += 1
    return count


def member_data_exported(*, user) -> MemberEvent:
    """Record that the member downloaded their own data (shown in "my activity")."""
    return member_event_record(member=user, actor=user, kind=MemberEvent.Kind.DATA_EXPORTED)


@transaction.atomic
def member_consent_withdraw(*, actor, profile: MemberProfile) -> GuardianConsent | None:
    """A guardian withdraws consent: the consent record is marked withdrawn and the
    account is erased (member_erase). Returns the last consent record, kept as proof."""
    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    now = timezone.now()
    GuardianConsent.objects.filter(member=profile.user, withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawal_recorded_by_label=actor_label(actor)
    )
    consent = GuardianConsent.objects.filter(member=profile.user).first()
    member_erase(user=profile.user, actor=actor)
    if consent is not None:
        consent.refresh_from_db()
    return consent
