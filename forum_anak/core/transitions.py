"""The steps every lifecycle transition shares, for proposals and bundles alike.

A transition locks its row, checks the current state against the edge it wants to take,
then moves the state with a compare-and-set UPDATE (``... WHERE state = <the state we
checked>``): two staff acting at once cannot both win, on SQLite and on PostgreSQL. Once
the transaction commits, whoever listens to ``on_changed`` hears about it (page-cache
invalidation, web push): one hook, after commit, never inside the transaction.

The timeline event and the proposer's notification are written by the caller's layer
(proposals/services.py ``timeline_record``), which sits above notifications.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from forum_anak.core.errors import ActionError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Transition:
    """One edge of a lifecycle: its name, the states it may start from, the state it
    leads to (None: the state stays, the step records something) and who may take it."""

    name: str
    sources: tuple[str, ...]
    target: str | None
    by: str = ""


@dataclass(frozen=True)
class Change:
    """What a committed transition changed: the model's name, the row and the step."""

    model: str
    pk: int
    action: str


_receivers: list[Callable[[Change], None]] = []


def on_changed(receiver: Callable[[Change], None]) -> Callable[[Change], None]:
    """Register a receiver called after commit for every transition (usable as a
    decorator). A receiver that fails is logged; the change itself stands."""
    if receiver not in _receivers:
        _receivers.append(receiver)
    return receiver


def _deliver(change: Change) -> None:
    for receiver in list(_receivers):
        receiver(change)


def changed(*, obj: models.Model, action: str) -> None:
    """Announce a change to the receivers once the current transaction commits (at once
    outside a transaction; never if it rolls back)."""
    change = Change(model=obj._meta.model_name, pk=obj.pk, action=action)
    transaction.on_commit(lambda: _deliver(change), robust=True)


def row_locked[M: models.Model](obj: M, *, gone: str) -> M:
    """The row again, locked for this transaction; `gone` tells the person it was deleted
    meanwhile."""
    model = type(obj)
    try:
        return model.objects.select_for_update(of=("self",)).get(pk=obj.pk)
    except model.DoesNotExist:
        raise ActionError(gone) from None


def state_check(*, state: str, transition: Transition, refusal: str) -> Transition:
    """Refuse (with `refusal`) a transition that cannot start from `state`."""
    if state not in transition.sources:
        raise ActionError(refusal)
    return transition


def state_compare_and_set(
    *, obj: models.Model, transition: Transition, stale: str, **fields
) -> None:
    """Write `fields` (and the target state) only if the row is still in the state that
    was checked; otherwise someone else won the race and `stale` tells the person so."""
    if transition.target is not None:
        fields["state"] = transition.target
    updated = (
        type(obj)
        .objects.filter(pk=obj.pk, state=obj.state)
        .update(updated_at=timezone.now(), **fields)
    )
    if not updated:
        raise ActionError(stale)
    changed(obj=obj, action=transition.name)
