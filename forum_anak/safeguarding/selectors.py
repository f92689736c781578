"""Reads of safeguarding that are not a read of any concern (so not logged): how many wait."""

from django.db.models import Count, Min, Q

from forum_anak.core.access import is_officer
from forum_anak.models import (
    SafeguardingConcern,
)


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
