"""Reads for the public face of proposals: the board, its API, the sitemap and home counts.

Everything here starts from `Proposal.objects.public()` and hands out only the public
version. Areas follow the small-kelurahan rule of `selectors.public_area` (a kelurahan with
fewer than SMALL_KELURAHAN_MIN_MEMBERS verified members is named by its kecamatan), applied
from one query per request (`PublicAreas`) instead of one count per row.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forum_anak.models import (
    Area,
    Cluster,
    ForumGroup,
    Forwarding,
    MemberProfile,
    MusrenbangCycle,
    MusrenbangSession,
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
    # The bundle's public version and what happened to it (never its internal notes).
    "bundle__state",
    "bundle__public_title",
    "bundle__public_problem",
    "bundle__public_activity",
    "bundle__unit",
    "bundle__rkpd_reference",
    "bundle__sipd_reference",
    "bundle__apbd_year",
    "bundle__funded_amount",
    "bundle__implemented_on",
    "bundle__implementation_note",
    "bundle__implementation_photo",
    "bundle__implementation_photo_width",
    "bundle__implementation_photo_height",
)

# What a path step reads of a forwarding and its session (no internal note, no staff).
PATH_FIELDS = (
    "bundle_id",
    "rank",
    "outcome",
    "adopted_volume",
    "reason",
    "forwarded_at",
    "session__level",
    "session__date",
    "session__area__code",
    "session__area__name",
    "session__area__level",
    "session__area__parent__code",
    "session__area__parent__name",
    "session__area__parent__level",
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


def _photo_under_concern() -> Exists:
    """An open or referred concern about the photo itself (a concern about its proposal
    already keeps the proposal, and so its photo, off every public surface)."""
    return Exists(
        SafeguardingConcern.objects.filter(
            photo=OuterRef("pk"), status__in=SafeguardingConcern.ACTIVE_STATUSES
        )
    )


def _photo_is_public() -> Exists:
    """The proposal has a photo marked safe, with no concern about it."""
    return Exists(
        ProposalPhoto.objects.filter(proposal=OuterRef("pk"), safe_for_public=True).exclude(
            _photo_under_concern()
        )
    )


def _bundle_size() -> Coalesce:
    rows = Proposal.objects.filter(bundle=OuterRef("bundle")).order_by().values("bundle")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def board_proposals() -> QuerySet[Proposal]:
    """Public proposals, newest approval first, ready for labels in a constant number of
    queries; `photo_public` tells whether the photo may be shown, `bundle_size` how many
    proposals (public or not) go together, and `bundle.path_steps` holds the bundle's
    forwardings in order (one prefetch query for the whole page)."""
    return (
        Proposal.objects.public()
        .select_related(
            "cycle",
            "kelurahan__parent",
            "proposer_kelurahan__parent",
            "group__area__parent",
            "proposer__member_profile__kelurahan__parent",
            "bundle",
        )
        .only(*PUBLIC_FIELDS)
        .annotate(photo_public=_photo_is_public(), bundle_size=_bundle_size())
        .prefetch_related(
            Prefetch(
                "bundle__forwardings",
                queryset=Forwarding.objects.select_related("session__area__parent")
                .only(*PATH_FIELDS)
                .order_by("session__level", "pk"),
                to_attr="path_steps",
            )
        )
        .order_by("-approved_at", "-code")
    )


# Where a public proposal stands, in plain words (board rows, the detail page, the API).
STAGE_TEXT = {
    Proposal.State.APPROVED: gettext_lazy("Disetujui, menunggu dibawa ke musrenbang"),
    Proposal.State.FORWARDED: gettext_lazy("Sedang dibahas di musrenbang"),
    Proposal.State.PRIORITISED: gettext_lazy(
        "Diprioritaskan, menunggu dibawa ke musrenbang yang lebih tinggi"
    ),
    Proposal.State.ADOPTED: gettext_lazy("Diakomodasi: masuk rencana kerja pemerintah kota"),
    Proposal.State.PARTLY_ADOPTED: gettext_lazy(
        "Diakomodasi sebagian: masuk rencana kerja pemerintah kota"
    ),
    Proposal.State.NOT_ADOPTED: gettext_lazy("Tidak diakomodasi di musrenbang"),
    Proposal.State.FUNDED: gettext_lazy("Sudah mendapat dana APBD, menunggu dikerjakan"),
    Proposal.State.IMPLEMENTED: gettext_lazy("Sudah dikerjakan"),
}


@dataclass(frozen=True)
class PathStep:
    """One session a public bundle went to, as the public may read it."""

    level: int
    level_label: str
    session_title: str
    date: object
    outcome: str
    outcome_label: str
    rank: int | None
    adopted_volume: object
    reason: str

    @property
    def outcome_text(self) -> str:
        if self.outcome == Forwarding.Outcome.PRIORITISED and self.rank:
            return _("Diprioritaskan, peringkat %s") % self.rank
        if not self.outcome:
            return _("Menunggu hasil")
        return self.outcome_label


def session_public_title(session, *, areas: "PublicAreas") -> str:
    """A session's title under the small-kelurahan rule: a kelurahan session of a small
    kelurahan is named by its kecamatan."""
    area = session.area
    if session.level == MusrenbangSession.Level.KELURAHAN and areas.is_small(area):
        return _("Musrenbang Kelurahan di Kecamatan %(name)s") % {"name": area.parent.name}
    return session.title


def public_path(proposal: Proposal, *, areas: "PublicAreas") -> list[PathStep]:
    """The public path of a proposal's bundle from the prefetched forwardings."""
    if proposal.bundle_id is None:
        return []
    steps = []
    for forwarding in getattr(proposal.bundle, "path_steps", None) or []:
        session = forwarding.session
        steps.append(
            PathStep(
                level=session.level,
                level_label=session.get_level_display(),
                session_title=session_public_title(session, areas=areas),
                date=session.date,
                outcome=forwarding.outcome,
                outcome_label=forwarding.get_outcome_display(),
                rank=forwarding.rank,
                adopted_volume=(
                    forwarding.adopted_volume
                    if forwarding.outcome == Forwarding.Outcome.PARTLY_ADOPTED
                    else None
                ),
                reason=(
                    forwarding.reason
                    if forwarding.outcome == Forwarding.Outcome.NOT_ADOPTED
                    else ""
                ),
            )
        )
    return steps


def bundle_public_codes(proposals) -> dict[int, list[str]]:
    """The codes of the public proposals of each bundle (one query for a page)."""
    ids = {p.bundle_id for p in proposals if p.bundle_id}
    codes: dict[int, list[str]] = {}
    if not ids:
        return codes
    for bundle_id, code in (
        Proposal.objects.public()
        .filter(bundle_id__in=ids)
        .order_by("code")
        .values_list("bundle_id", "code")
    ):
        codes.setdefault(bundle_id, []).append(code)
    return codes


def board_proposal(*, code: str) -> Proposal | None:
    """One public proposal by its code, or None (also for anything not public)."""
    if not code or "\x00" in code:
        return None
    return board_proposals().filter(code=code).first()


# Musrenbang steps: the public path shows them (with the small-kelurahan rule applied to
# session names), so their notes are not repeated among the staff's public notes.
PATH_ACTIONS = (
    "merge",
    "forward",
    "outcome_prioritised",
    "outcome_adopted",
    "outcome_partly_adopted",
    "outcome_not_adopted",
    "references",
    "fund",
    "implement",
)


def public_notes(*, proposal: Proposal) -> list[TimelineEvent]:
    """The public notes of a public proposal, oldest first (musrenbang steps excepted: the
    path shows them)."""
    return list(
        TimelineEvent.objects.filter(proposal=proposal)
        .exclude(public_note="")
        .exclude(action__in=PATH_ACTIONS)
        .only("public_note", "created_at")
        .order_by("created_at", "pk")
    )


def public_implementation_photo(*, code: str):
    """The implementation photo of a public proposal's bundle (a FieldFile), or None."""
    if not code or "\x00" in code:
        return None
    proposal = (
        Proposal.objects.public()
        .filter(code=code, bundle__isnull=False)
        .select_related("bundle")
        .only("bundle__implementation_photo")
        .first()
    )
    if proposal is None or not proposal.bundle.implementation_photo:
        return None
    return proposal.bundle.implementation_photo


def public_photo(*, code: str) -> ProposalPhoto | None:
    """The photo of a public proposal, if a moderator marked it safe and no concern is
    open about it."""
    if not code or "\x00" in code:
        return None
    return (
        ProposalPhoto.objects.filter(
            proposal__in=Proposal.objects.public().filter(code=code), safe_for_public=True
        )
        .exclude(_photo_under_concern())
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
    def state_choices(self) -> list:
        return [
            (
                _("Kelompok"),
                [(value, label) for value, (label, _states) in STATUS_GROUPS.items()],
            ),
            (_("Tahap"), [(state.value, state.label) for state in Proposal.PUBLIC_STATES]),
        ]

    @property
    def cycle_choices(self) -> list[tuple[str, str]]:
        return [(str(cycle.year), str(cycle.year)) for cycle in self.cycles]


# Status filter values that stand for several states ("diteruskan", "diakomodasi").
STATUS_GROUPS = {
    "diteruskan": (gettext_lazy("Diteruskan ke musrenbang (semua)"), Proposal.FORWARDED_STATES),
    "diakomodasi": (gettext_lazy("Diakomodasi (semua)"), Proposal.ADOPTED_STATES),
}


def status_states(value: str) -> tuple[str, ...]:
    """The states a status filter value stands for."""
    if value in STATUS_GROUPS:
        return tuple(STATUS_GROUPS[value][1])
    return (value,)


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
        queryset = queryset.filter(state__in=status_states(filters["status"]))
    if filters.get("tahun"):
        queryset = queryset.filter(cycle__year=int(filters["tahun"]))
    return queryset


def board_slice(*, filters: dict, offset: int, limit: int) -> tuple[int, list[Proposal]]:
    """The API's page of the board: how many public proposals match the filters in all,
    and `limit` of them from `offset` (one count, then one fetch only if any are left)."""
    proposals = board_filter(board_proposals(), filters=filters)
    total = proposals.count()
    return total, (list(proposals[offset : offset + limit]) if offset < total else [])


# The counts the board shows: (filter value, label) in display order.
BOARD_COUNTS = (
    ("approved", gettext_lazy("Disetujui")),
    ("diteruskan", gettext_lazy("Diteruskan ke musrenbang")),
    ("diakomodasi", gettext_lazy("Diakomodasi")),
    ("funded", gettext_lazy("Didanai")),
    ("implemented", gettext_lazy("Sudah dikerjakan")),
)


def board_counts(*, filters: dict) -> list[dict]:
    """Public proposals per status (the other filters applied, not the status one), in one
    query: approved, diteruskan (FORWARDED_STATES), diakomodasi (ADOPTED_STATES), funded,
    implemented."""
    others = {name: value for name, value in filters.items() if name != "status"}
    queryset = board_filter(Proposal.objects.public(), filters=others).order_by()
    row = queryset.aggregate(
        **{
            value: Count("pk", filter=Q(state__in=status_states(value)))
            for value, _label in BOARD_COUNTS
        }
    )
    return [
        {"value": value, "label": label, "count": row[value] or 0} for value, label in BOARD_COUNTS
    ]


HOME_COUNTS_CACHE_KEY = "usulan:home-counts"
# The home page is the busiest page: its counts are kept this many seconds.
HOME_COUNTS_SECONDS = 60


def _count_per_cycle(queryset: QuerySet[Proposal]) -> Coalesce:
    rows = queryset.filter(cycle=OuterRef("pk")).order_by().values("cycle")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def current_cycle_counts() -> dict | None:
    """The current cycle's proposals for the home page: `submitted` (sent at least once, not
    withdrawn, not under a concern), `approved` (public), `forwarded` (public, reached a
    musrenbang: FORWARDED_STATES) and `adopted` (public, "diakomodasi": ADOPTED_STATES);
    None without any cycle.

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
            forwarded=_count_per_cycle(
                Proposal.objects.public().filter(state__in=Proposal.FORWARDED_STATES)
            ),
            adopted=_count_per_cycle(
                Proposal.objects.public().filter(state__in=Proposal.ADOPTED_STATES)
            ),
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
            "forwarded": cycle.forwarded,
            "adopted": cycle.adopted,
        }
    cache.set(HOME_COUNTS_CACHE_KEY, counts, HOME_COUNTS_SECONDS)
    return counts or None
