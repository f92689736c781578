"""Reads of the moderation back office: the queue and its counts, what a facilitator may
enter on paper, whether a public version is ready, and who gets the staff digest."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from forum_anak.membership.selectors import facilitator_kecamatan
from forum_anak.models import (
    Area,
    Cluster,
    ForumGroup,
    Proposal,
    ProposalReport,
    TimelineEvent,
)

State = Proposal.State

WAITING_STATES = (State.SUBMITTED, State.IN_REVIEW)


LATE_DAYS = 7


def has_public_version(proposal: Proposal) -> bool:
    return bool(
        proposal.public_title.strip()
        and proposal.public_problem.strip()
        and proposal.public_activity.strip()
        and proposal.cluster in Cluster.values
    )


def public_version_is_current(proposal: Proposal) -> bool:
    """A saved public version written after the child's last resubmission: one prepared
    before the child changed the text may no longer match it, so bulk approval skips it."""
    if not has_public_version(proposal):
        return False
    events = TimelineEvent.objects.filter(proposal=proposal)
    saved = events.filter(action="public_draft").order_by("-created_at", "-pk").values("pk").first()
    if saved is None:
        return True  # written some other way (e.g. seeded): trust the fields
    return not events.filter(action="resubmit", pk__gt=saved["pk"]).exists()


def paper_groups(*, user) -> QuerySet[ForumGroup]:
    """Forum groups a facilitator may enter paper proposals for: the groups of their
    kecamatan and of its kelurahan."""
    kecamatan = facilitator_kecamatan(user=user)
    return (
        ForumGroup.objects.filter(is_active=True)
        .filter(Q(area__in=kecamatan) | Q(area__parent__in=kecamatan))
        .select_related("area")
        .order_by("area__code")
    )


def paper_kelurahan(*, user) -> QuerySet[Area]:
    return Area.objects.filter(
        level=Area.Level.KELURAHAN, parent__in=facilitator_kecamatan(user=user)
    ).order_by("name")


def moderation_queryset() -> QuerySet[Proposal]:
    """Every sent proposal with what a queue row shows, in a constant number of queries:
    the area and cycle joined, the concern flag and open report count as subqueries."""
    open_reports = (
        ProposalReport.objects.filter(proposal=OuterRef("pk"), handled_at__isnull=True)
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Proposal.objects.exclude(state=State.DRAFT)
        .select_related("kelurahan__parent", "cycle")
        .annotate(
            under_concern=Exists(Proposal.objects.under_concern().filter(pk=OuterRef("pk"))),
            open_reports=Coalesce(Subquery(open_reports, output_field=IntegerField()), 0),
        )
        .order_by("submitted_at", "pk")
    )


def proposals_sent(*, ids: set[int]) -> list[Proposal]:
    """The sent (not draft) proposals with these ids, in id order (a bulk action compares
    the number found with the number ticked)."""
    return list(Proposal.objects.exclude(state=State.DRAFT).filter(pk__in=ids).order_by("pk"))


def proposal_reports(*, proposal: Proposal) -> list[ProposalReport]:
    """Every "Laporkan" report about the proposal, newest first, handled or not."""
    return list(proposal.reports.all())


def reports_open() -> QuerySet[ProposalReport]:
    """Reports from the public board nobody has handled yet, oldest first, with their
    proposal."""
    return (
        ProposalReport.objects.filter(handled_at__isnull=True)
        .select_related("proposal")
        .order_by("created_at", "pk")
    )


def moderation_counts(*, now=None) -> dict[str, int]:
    """Numbers only (no text, no names): for the admin home and the staff digest."""
    now = now or timezone.now()
    waiting = Proposal.objects.filter(state__in=WAITING_STATES)
    return {
        "new": Proposal.objects.filter(
            state=State.SUBMITTED, submitted_at__gte=now - timedelta(days=1)
        ).count(),
        "waiting": waiting.count(),
        "late": waiting.filter(submitted_at__lt=now - timedelta(days=LATE_DAYS)).count(),
        "open_reports": ProposalReport.objects.filter(handled_at__isnull=True).count(),
    }


def facilitator_new_submissions(*, user, now=None) -> int:
    """Proposals sent in the last 7 days from the facilitator's kecamatan (count only)."""
    now = now or timezone.now()
    return Proposal.objects.filter(
        state=State.SUBMITTED,
        kelurahan__parent__in=facilitator_kecamatan(user=user),
        submitted_at__gte=now - timedelta(days=LATE_DAYS),
    ).count()


def staff_digest_recipients() -> list[tuple[int, str]]:
    """Active moderators (the role or the permission itself) with a verified address:
    (user id, address) pairs."""

    permission = Permission.objects.filter(
        content_type__app_label="forum_anak", codename="moderate_proposal"
    ).first()
    if permission is None:
        return []
    moderators = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .values("pk")
    )
    rows = (
        EmailAddress.objects.filter(user__in=moderators, verified=True)
        .order_by("user_id", "-primary", "pk")
        .values_list("user_id", "email")
    )
    chosen: dict[int, str] = {}
    for user_id, email in rows:
        chosen.setdefault(user_id, email)
    return list(chosen.items())
