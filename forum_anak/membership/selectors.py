"""Forum anak reads: one function per question, keyword-only."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from forum_anak.core.access import is_facilitator
from forum_anak.models import (
    Area,
    FacilitatorAssignment,
    ForumMembership,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
)


def member_profile_for(*, user) -> MemberProfile | None:
    """The member profile of this account, with its kelurahan and kecamatan, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return member_profile_of(user_id=user.pk)


def member_profile_of(*, user_id: int) -> MemberProfile | None:
    """The member profile of the account with this id, with its kelurahan and kecamatan, or
    None (a concern about a member names the account, not the profile)."""
    return MemberProfile.objects.select_related("kelurahan__parent").filter(user_id=user_id).first()


def member_approved_nickname(*, user_id: int) -> str:
    """The member's nickname once a facilitator approved it, else "": the only name staff
    screens may show next to the opaque member label."""
    profile = (
        MemberProfile.objects.filter(user_id=user_id, nickname_approved=True)
        .only("nickname")
        .first()
    )
    return profile.nickname if profile else ""


def account_has_verified_email(*, user) -> bool:
    """Whether the account has a verified e-mail address (then it can reset its own
    password; without one, a facilitator hands over a reset link)."""
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def public_area(*, kelurahan: Area) -> Area:
    """The area public surfaces may name for a member of this kelurahan: the kelurahan, or
    its kecamatan where the kelurahan has fewer than SMALL_KELURAHAN_MIN_MEMBERS verified
    members (a handful of children in one ward are easy to single out)."""
    verified = MemberProfile.objects.filter(
        kelurahan=kelurahan, status=MemberProfile.Status.VERIFIED
    ).count()
    if verified < settings.SMALL_KELURAHAN_MIN_MEMBERS and kelurahan.parent_id:
        return kelurahan.parent
    return kelurahan


def member_public_name(*, profile: MemberProfile) -> str:
    """What a public surface may call this member: the approved nickname, or "Anggota Forum
    Anak Kelurahan X" (or the kecamatan, under the small-kelurahan rule)."""
    if profile.nickname_approved:
        return profile.nickname
    area = public_area(kelurahan=profile.kelurahan)
    return _("Anggota Forum Anak %(level)s %(name)s") % {
        "level": area.get_level_display(),
        "name": area.name,
    }


def facilitator_kecamatan(*, user) -> QuerySet[Area]:
    """The kecamatan a facilitator is assigned to (every kecamatan for a superuser)."""
    if user.is_superuser:
        return Area.objects.filter(level=Area.Level.KECAMATAN)
    return Area.objects.filter(
        pk__in=FacilitatorAssignment.objects.filter(facilitator=user).values("kecamatan")
    )


def kecamatan_facilitators(*, kecamatan_id: int) -> list[AbstractUser]:
    """The facilitators assigned to this kecamatan (accounts), for the protection officer
    who needs someone to reach a child there."""
    return [
        assignment.facilitator
        for assignment in FacilitatorAssignment.objects.filter(
            kecamatan_id=kecamatan_id
        ).select_related("facilitator")
    ]


def members_for_facilitator(*, user) -> QuerySet[MemberProfile]:
    """Every member profile this facilitator may see: members of their kecamatan only."""
    if not is_facilitator(user):
        return MemberProfile.objects.none()
    return MemberProfile.objects.select_related("kelurahan__parent", "user").filter(
        kelurahan__parent__in=facilitator_kecamatan(user=user)
    )


def members_chosen(*, user, ids: list[str]) -> list[MemberProfile]:
    """The ticked members among this facilitator's own, oldest status change first (a
    bulk action compares the number found with the number ticked)."""
    return list(
        members_for_facilitator(user=user).filter(pk__in=ids).order_by("status_changed_at", "pk")
    )


def verification_queue(*, user) -> QuerySet[MemberProfile]:
    """Members waiting for verification in the facilitator's kecamatan, oldest first."""
    return (
        members_for_facilitator(user=user)
        .filter(status=MemberProfile.Status.PENDING)
        .order_by("status_changed_at", "pk")
    )


def kelurahan_by_kecamatan() -> list[tuple[str, list[tuple[int, str]]]]:
    """Kelurahan grouped by kecamatan, for a grouped <select>."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for area in (
        Area.objects.filter(level=Area.Level.KELURAHAN)
        .select_related("parent")
        .order_by("parent__name", "name")
    ):
        groups.setdefault(area.parent.name if area.parent else "", []).append((area.pk, area.name))
    return list(groups.items())


def member_activity(*, user) -> QuerySet[MemberEvent]:
    """The member's own events, newest first ("my activity")."""
    return MemberEvent.objects.filter(member=user).order_by("-created_at", "-pk")


def member_consents(*, user) -> QuerySet[GuardianConsent]:
    return GuardianConsent.objects.filter(member=user).order_by("-recorded_at")


def member_consent_records(*, user) -> QuerySet[GuardianConsent]:
    """The member's consents, newest first, with the account that recorded each (the
    facilitator's member page shows who recorded it)."""
    return member_consents(user=user).select_related("recorded_by")


def member_forum_memberships(*, user) -> QuerySet[ForumMembership]:
    """The member's forum memberships with each group's area (the member page marks a
    group outside the member's own kelurahan)."""
    return ForumMembership.objects.filter(member=user).select_related("group__area")
