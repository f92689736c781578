"""Reads of safeguarding: how many concerns wait, the help lines a child is shown and a
concern's read log.

Opening a concern itself is not a read here: it goes through `services.concern_read`,
which refuses anyone but the officer and logs the read.
"""

from django.db.models import Count, Min, Q, QuerySet

from forum_anak.core.access import is_officer
from forum_anak.models import ConcernAccess, SafeguardingConcern
from portal.models import Hotline

# The most read-log rows a concern's page lists.
ACCESS_LOG_ROWS = 200


def concerns_waiting(*, actor) -> dict | None:
    """For the officer's admin home: how many concerns are open and since when the oldest
    waits. None for anyone else (nobody else sees any concern count). Not a read of any
    concern, so not logged."""
    if not is_officer(actor):
        return None
    return SafeguardingConcern.objects.aggregate(
        open=Count("pk", filter=Q(status=SafeguardingConcern.Status.OPEN)),
        oldest=Min("created_at", filter=Q(status=SafeguardingConcern.Status.OPEN)),
    )


def hotlines_for_children() -> list[Hotline]:
    """The active help lines to show a child, SAPA 129 first (editable data, never
    hard-coded)."""
    hotlines = list(Hotline.objects.filter(is_active=True))
    return sorted(hotlines, key=lambda h: (h.phone.replace(" ", "") != "129", h.sort_order))


def concern_accesses(*, concern: SafeguardingConcern) -> QuerySet[ConcernAccess]:
    """Who read this concern when, newest first, at most ACCESS_LOG_ROWS (the officer's
    check that nobody else looked)."""
    return concern.accesses.all()[:ACCESS_LOG_ROWS]
