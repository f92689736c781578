"""Reads of the musrenbang back office and its paperwork (lists, exports, recap, panel).

What a koordinator works with: bundles and the proposals in them, never a proposal held by a
safeguarding concern or hidden from the public (a bundle with none left is not listed).
"""

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from forum_anak.models import Bundle, MusrenbangCycle, MusrenbangSession, Proposal


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


def bundles_count(*, bundles: QuerySet[Bundle]) -> int:
    """How many bundles a prepared list holds: the row count an export logs before the
    file streams out."""
    return bundles.count()
