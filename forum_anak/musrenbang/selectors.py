"""Reads of the musrenbang back office and its paperwork (lists, exports, recap, panel).

What a koordinator works with: bundles and the proposals in them. Lists, exports and the
recap never name a proposal held by a safeguarding concern or hidden from the public (a
bundle with none left is not listed); the page of one bundle or session shows every
proposal, with a `held_back` flag instead of the concern.
"""

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from forum_anak.models import (
    Bundle,
    ExportLog,
    Forwarding,
    MusrenbangCycle,
    MusrenbangSession,
    Proposal,
)

Outcome = Forwarding.Outcome


def listed_proposals() -> QuerySet[Proposal]:
    """The proposals of a bundle that lists, exports and the recap may name."""
    return Proposal.objects.filter(hidden_from_public=False).not_under_concern()


def bundles_listed(*, cycle: MusrenbangCycle | None = None) -> QuerySet[Bundle]:
    """Bundles with at least one listed proposal, with those proposals prefetched (in code
    order) and the planning layer joined."""
    bundles = Bundle.objects.filter(
        Exists(listed_proposals().filter(bundle=OuterRef("pk")))
    ).select_related("urusan", "opd", "cycle")
    if cycle is not None:
        bundles = bundles.filter(cycle=cycle)
    return bundles.prefetch_related(
        Prefetch(
            "proposals",
            queryset=listed_proposals()
            .select_related("kelurahan__parent", "group__area", "proposer__member_profile")
            .order_by("code", "pk"),
            to_attr="listed",
        )
    )


def bundles_filter(queryset: QuerySet[Bundle], *, filters: dict) -> QuerySet[Bundle]:
    """Apply BundleFilterForm's cleaned filters (each optional)."""
    if filters.get("status"):
        queryset = queryset.filter(state=filters["status"])
    if filters.get("klaster"):
        queryset = queryset.filter(cluster=filters["klaster"])
    area = Q()
    if filters.get("kelurahan"):
        area = Q(kelurahan__code=filters["kelurahan"])
    elif filters.get("kecamatan"):
        area = Q(kelurahan__parent__code=filters["kecamatan"])
    if area:
        queryset = queryset.filter(Exists(listed_proposals().filter(area, bundle=OuterRef("pk"))))
    if filters.get("sesi"):
        queryset = queryset.filter(forwardings__session=filters["sesi"])
    if filters.get("q"):
        text = filters["q"]
        queryset = queryset.filter(
            Q(public_title__icontains=text)
            | Exists(listed_proposals().filter(code__iexact=text, bundle=OuterRef("pk")))
        )
    return queryset.distinct() if filters.get("sesi") else queryset


def session_bundles(session: MusrenbangSession) -> QuerySet[Bundle]:
    """The listed bundles forwarded to a session, in rank order (unranked last)."""

    return (
        bundles_listed()
        .filter(forwardings__session=session)
        .annotate(session_rank=F("forwardings__rank"), session_outcome=F("forwardings__outcome"))
        .order_by(F("session_rank").asc(nulls_last=True), "pk")
    )


def bundles_for_list(*, cycle: MusrenbangCycle | None, filters: dict) -> QuerySet[Bundle]:
    """The back office's bundle list: the cycle's listed bundles as filtered, last changed
    first."""
    return bundles_filter(bundles_listed(cycle=cycle), filters=filters).order_by(
        "-updated_at", "-pk"
    )


def bundles_count(*, bundles: QuerySet[Bundle]) -> int:
    """How many bundles a prepared list holds: the row count an export logs before the
    file streams out."""
    return bundles.count()


def bundles_by_ids(*, ids: list[int]) -> list[Bundle]:
    """The bundles with these ids, in id order (a bulk action compares the number found
    with the number ticked)."""
    return list(Bundle.objects.filter(pk__in=ids).order_by("pk"))


def bundles_listed_by_ids(*, ids: list[int]) -> list[Bundle]:
    """The listed bundles with these ids, in id order, with their listed proposals and
    planning layer (the merge page shows them side by side)."""
    return list(bundles_listed().filter(pk__in=ids).order_by("pk"))


def bundle_proposals(*, bundle: Bundle) -> list[Proposal]:
    """Every proposal of the bundle in code order, with its area and forum group, and
    `held_back` where a safeguarding concern holds it (the koordinator sees the flag, not
    the concern)."""
    return list(
        bundle.proposals.select_related("kelurahan__parent", "group")
        .annotate(held_back=Exists(Proposal.objects.under_concern().filter(pk=OuterRef("pk"))))
        .order_by("code", "pk")
    )


def bundle_state_counts(*, cycle: MusrenbangCycle | None) -> dict[str, int]:
    """How many of the cycle's bundles are in each state (states with none are missing)."""
    return dict(
        Bundle.objects.filter(cycle=cycle)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )


def cycle_by_id(*, cycle_id: int) -> MusrenbangCycle | None:
    """The cycle with this id, or None (the calendar's ?siklus= choice)."""
    return MusrenbangCycle.objects.filter(pk=cycle_id).first()


def cycles_newest_first() -> QuerySet[MusrenbangCycle]:
    """Every cycle, the latest year first (the calendar's cycle switcher)."""
    return MusrenbangCycle.objects.order_by("-year")


def _with_forwarding_counts(sessions: QuerySet[MusrenbangSession]) -> list[MusrenbangSession]:
    """The sessions with their area and cycle, `forwarded` (bundles forwarded to each) and
    `pending` (of those, how many still wait for an outcome), in one query."""
    return list(
        sessions.select_related("area", "cycle").annotate(
            forwarded=Count("forwardings"),
            pending=Count("forwardings", filter=Q(forwardings__outcome=Outcome.PENDING)),
        )
    )


def cycle_sessions(*, cycle: MusrenbangCycle | None) -> list[MusrenbangSession]:
    """The cycle's sessions in date order, with their forwarding counts (the calendar)."""
    return _with_forwarding_counts(
        MusrenbangSession.objects.filter(cycle=cycle).order_by("date", "level", "pk")
    )


def sessions_coming(
    *, cycle: MusrenbangCycle | None, today: date, limit: int = 5
) -> list[MusrenbangSession]:
    """The cycle's next planned sessions from `today`, soonest first, with their
    forwarding counts (the koordinator's home panel)."""
    return _with_forwarding_counts(
        MusrenbangSession.objects.filter(
            cycle=cycle, date__gte=today, status=MusrenbangSession.Status.PLANNED
        ).order_by("date", "level", "pk")[:limit]
    )


def sessions_awaiting_outcomes(*, today: date, limit: int = 10) -> list[MusrenbangSession]:
    """Sessions held by `today`, not closed, with an outcome still to record, oldest
    first, with their forwarding counts (the home panel flags the late ones)."""
    return _with_forwarding_counts(
        MusrenbangSession.objects.filter(date__lte=today)
        .exclude(status=MusrenbangSession.Status.CLOSED)
        .filter(forwardings__outcome=Outcome.PENDING)
        .distinct()
        .order_by("date", "pk")[:limit]
    )


def session_forwardings(*, session: MusrenbangSession) -> list[Forwarding]:
    """What was forwarded to the session, ranked first (in rank order) then unranked,
    each with its bundle, `held_back` (a proposal of the bundle is under a concern) and
    `proposals` (how many the bundle carries)."""
    forwardings = list(
        session.forwardings.select_related("bundle")
        .annotate(
            held_back=Exists(Proposal.objects.filter(bundle=OuterRef("bundle")).under_concern()),
            proposals=Count("bundle__proposals"),
        )
        .order_by("rank", "pk")
    )
    forwardings.sort(key=lambda f: (f.rank is None, f.rank or 0, f.pk))
    return forwardings


def export_logs() -> QuerySet[ExportLog]:
    """Every export and recap read, newest first, with the session's area."""
    return ExportLog.objects.select_related("session__area").order_by("-at", "-pk")
