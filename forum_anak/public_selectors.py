"""Reads for the public face of proposals: the board, its API, the sitemap and home counts.

Everything here starts from `Proposal.objects.public()` and hands out only the public
version. Areas follow the small-kelurahan rule of `selectors.public_area` (a kelurahan with
fewer than SMALL_KELURAHAN_MIN_MEMBERS verified members is named by its kecamatan), applied
from one query per request (`PublicAreas`) instead of one count per row.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from forum_anak.models import (
    Area,
    Cluster,
    ForumGroup,
    MemberProfile,
    MusrenbangCycle,
    Proposal,
    ProposalPhoto,
    SafeguardingConcern,
    TimelineEvent,
)

# What a board row and an API item read: the public version and what labels need. The
# child's text, the staff layer and every personal field of the proposer stay unread.
PUBLIC_FIELDS = (
    "code",
    "state",
    "cluster",
    "public_title",
    "public_problem",
    "public_activity",
    "approved_at",
    "cycle__year",
    "cycle__rkpd_year",
    "kelurahan__code",
    "kelurahan__name",
    "kelurahan__level",
    "kelurahan__parent__code",
    "kelurahan__parent__name",
    "kelurahan__parent__level",
    "proposer_kelurahan__code",
    "proposer_kelurahan__name",
    "proposer_kelurahan__level",
    "proposer_kelurahan__parent__code",
    "proposer_kelurahan__parent__name",
    "proposer_kelurahan__parent__level",
    "group__name",
    "group__area__code",
    "group__area__name",
    "group__area__level",
    "group__area__parent__code",
    "group__area__parent__name",
    "group__area__parent__level",
    "proposer__member_profile__nickname",
    "proposer__member_profile__nickname_approved",
    "proposer__member_profile__kelurahan__code",
    "proposer__member_profile__kelurahan__name",
    "proposer__member_profile__kelurahan__level",
    "proposer__member_profile__kelurahan__parent__code",
    "proposer__member_profile__kelurahan__parent__name",
    "proposer__member_profile__kelurahan__parent__level",
)


def _area_name(area: Area) -> str:
    return _("%(level)s %(name)s") % {"level": area.get_level_display(), "name": area.name}


@dataclass(frozen=True)
class PublicAreas:
    """The small-kelurahan rule for one request: which kelurahan have enough verified
    members to be named. Built by `public_areas()` in one query."""

    named_kelurahan: frozenset[int]
    everyone_named: bool = False

    def is_small(self, kelurahan: Area) -> bool:
        return (
            kelurahan.level == Area.Level.KELURAHAN
            and not self.everyone_named
            and kelurahan.pk not in self.named_kelurahan
            and kelurahan.parent_id is not None
        )

    def area(self, kelurahan: Area) -> Area:
        """The area a public surface may name for this kelurahan (as `public_area`)."""
        return kelurahan.parent if self.is_small(kelurahan) else kelurahan

    def group_name(self, group: ForumGroup) -> str:
        """A forum group of a small kelurahan is named by its kecamatan."""
        if self.is_small(group.area):
            return _("Forum Anak %(area)s") % {"area": _area_name(group.area.parent)}
        return group.name

    def member_name(self, profile: MemberProfile | None, home: Area) -> str:
        """As `selectors.member_public_name`: the approved nickname, else "Anggota Forum Anak"
        of the public area (also for a proposer whose account is gone)."""
        if profile is not None and profile.nickname_approved:
            return profile.nickname
        area = self.area(profile.kelurahan if profile is not None else home)
        return _("Anggota Forum Anak %(area)s") % {"area": _area_name(area)}

    def proposer_name(self, proposal: Proposal) -> str:
        if proposal.group_id:
            return self.group_name(proposal.group)
        profile = None
        if proposal.proposer_id:
            profile = getattr(proposal.proposer, "member_profile", None)
        return self.member_name(profile, proposal.proposer_kelurahan)


def public_areas() -> PublicAreas:
    """Which kelurahan may be named on public surfaces, in one query."""
    minimum = settings.SMALL_KELURAHAN_MIN_MEMBERS
    if minimum <= 0:
        return PublicAreas(named_kelurahan=frozenset(), everyone_named=True)
    rows = (
        MemberProfile.objects.filter(status=MemberProfile.Status.VERIFIED)
        .values("kelurahan")
        .annotate(n=Count("pk"))
        .filter(n__gte=minimum)
        .order_by()
        .values_list("kelurahan", flat=True)
    )
    return PublicAreas(named_kelurahan=frozenset(rows))


def _photo_is_public() -> Exists:
    """A photo marked safe, with no open or referred concern about it
    (as `services.concerns.photo_hidden_by_concern`)."""
    concern = SafeguardingConcern.objects.filter(
        photo=OuterRef("pk"), status__in=SafeguardingConcern.ACTIVE_STATUSES
    )
    return Exists(
        ProposalPhoto.objects.filter(proposal=OuterRef("pk"), safe_for_public=True).exclude(
            Exists(concern)
        )
    )


def board_proposals() -> QuerySet[Proposal]:
    """Public proposals, newest approval first, ready for labels in a constant number of
    queries; `photo_public` tells whether the photo may be shown."""
    return (
        Proposal.objects.public()
        .select_related(
            "cycle",
            "kelurahan__parent",
            "proposer_kelurahan__parent",
            "group__area__parent",
            "proposer__member_profile__kelurahan__parent",
        )
        .only(*PUBLIC_FIELDS)
        .annotate(photo_public=_photo_is_public())
        .order_by("-approved_at", "-code")
    )


def board_proposal(*, code: str) -> Proposal | None:
    """One public proposal by its code, or None (also for anything not public)."""
    if not code or "\x00" in code:
        return None
    return board_proposals().filter(code=code).first()


def public_notes(*, proposal: Proposal) -> list[TimelineEvent]:
    """The public notes of a public proposal, oldest first."""
    return list(
        TimelineEvent.objects.filter(proposal=proposal)
        .exclude(public_note="")
        .only("public_note", "created_at")
        .order_by("created_at", "pk")
    )


def public_photo(*, code: str) -> ProposalPhoto | None:
    """The photo of a public proposal, if a moderator marked it safe and no concern is
    open about it."""
    if not code or "\x00" in code:
        return None
    return (
        ProposalPhoto.objects.filter(
            proposal__in=Proposal.objects.public().filter(code=code), safe_for_public=True
        )
        .exclude(
            Exists(
                SafeguardingConcern.objects.filter(
                    photo=OuterRef("pk"), status__in=SafeguardingConcern.ACTIVE_STATUSES
                )
            )
        )
        .first()
    )


@dataclass(frozen=True)
class BoardOptions:
    """What the board's filters offer: kecamatan, the kelurahan that may be named (grouped by
    kecamatan), clusters, public states and cycles. Values are official codes and years."""

    kecamatan: list[Area]
    kelurahan: list[Area]
    cycles: list[MusrenbangCycle]

    @property
    def kecamatan_choices(self) -> list[tuple[str, str]]:
        return [(area.code, area.name) for area in self.kecamatan]

    @property
    def kelurahan_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        groups: dict[str, list[tuple[str, str]]] = {}
        for area in self.kelurahan:
            groups.setdefault(area.parent.name, []).append((area.code, area.name))
        return list(groups.items())

    @property
    def cluster_choices(self) -> list[tuple[str, str]]:
        return list(Cluster.choices)

    @property
    def state_choices(self) -> list[tuple[str, str]]:
        return [(state.value, state.label) for state in Proposal.PUBLIC_STATES]

    @property
    def cycle_choices(self) -> list[tuple[str, str]]:
        return [(str(cycle.year), str(cycle.year)) for cycle in self.cycles]


def board_options(*, areas: PublicAreas) -> BoardOptions:
    """Filter options in three queries; a small kelurahan is never offered."""
    kelurahan = [
        area
        for area in Area.objects.filter(level=Area.Level.KELURAHAN, parent__isnull=False)
        .select_related("parent")
        .order_by("parent__name", "name")
        if not areas.is_small(area)
    ]
    return BoardOptions(
        kecamatan=list(Area.objects.filter(level=Area.Level.KECAMATAN).order_by("name")),
        kelurahan=kelurahan,
        cycles=list(MusrenbangCycle.objects.only("year").order_by("-year")),
    )


def board_filter(queryset: QuerySet[Proposal], *, filters: dict) -> QuerySet[Proposal]:
    """Apply cleaned filter values (codes and years from the filter form)."""
    if filters.get("kecamatan"):
        # A paper proposal of a kecamatan's forum may be placed at the kecamatan itself.
        code = filters["kecamatan"]
        queryset = queryset.filter(Q(kelurahan__parent__code=code) | Q(kelurahan__code=code))
    if filters.get("kelurahan"):
        queryset = queryset.filter(kelurahan__code=filters["kelurahan"])
    if filters.get("klaster"):
        queryset = queryset.filter(cluster=filters["klaster"])
    if filters.get("status"):
        queryset = queryset.filter(state=filters["status"])
    if filters.get("tahun"):
        queryset = queryset.filter(cycle__year=int(filters["tahun"]))
    return queryset


HOME_COUNTS_CACHE_KEY = "usulan:home-counts"
# The home page is the busiest page: its counts are kept this many seconds.
HOME_COUNTS_SECONDS = 60


def _count_per_cycle(queryset: QuerySet[Proposal]) -> Coalesce:
    rows = queryset.filter(cycle=OuterRef("pk")).order_by().values("cycle")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def current_cycle_counts() -> dict | None:
    """The current cycle's proposals for the home page: `submitted` (sent at least once, not
    withdrawn, not under a concern) and `approved` (public); None without any cycle.

    One query, which picks the cycle the way `MusrenbangCycle.current()` does (the one open
    today, else the newest) and counts alongside; cached for HOME_COUNTS_SECONDS.
    """
    cached = cache.get(HOME_COUNTS_CACHE_KEY)
    if cached is not None:
        return cached or None
    today = timezone.localdate()
    submitted = (
        Proposal.objects.not_under_concern()
        .filter(submitted_at__isnull=False)
        .exclude(state=Proposal.State.WITHDRAWN)
    )
    cycle = (
        MusrenbangCycle.objects.annotate(
            open_today=Case(
                When(submission_opens__lte=today, submission_closes__gte=today, then=Value(1)),
                default=Value(0),
            ),
            submitted=_count_per_cycle(submitted),
            approved=_count_per_cycle(Proposal.objects.public()),
        )
        .order_by("-open_today", "-year")
        .only("year", "rkpd_year")
        .first()
    )
    counts = {}
    if cycle is not None:
        counts = {
            "year": cycle.year,
            "rkpd_year": cycle.rkpd_year,
            "submitted": cycle.submitted,
            "approved": cycle.approved,
        }
    cache.set(HOME_COUNTS_CACHE_KEY, counts, HOME_COUNTS_SECONDS)
    return counts or None
