"""Forum anak reads: one function per question, keyword-only."""

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from forum_anak.core.access import is_facilitator
from forum_anak.models import (
    Area,
    FacilitatorAssignment,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
)


def member_profile_for(*, user) -> MemberProfile | None:
    """The member profile of this account, with its kelurahan and kecamatan, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return MemberProfile.objects.select_related("kelurahan__parent").filter(user=user).first()


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


def members_for_facilitator(*, user) -> QuerySet[MemberProfile]:
    """Every member profile this facilitator may see: members of their kecamatan only."""
    if not is_facilitator(user):
        return MemberProfile.objects.none()
    return MemberProfile.objects.select_related("kelurahan__parent", "user").filter(
        kelurahan__parent__in=facilitator_kecamatan(user=user)
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
