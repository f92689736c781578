"""Issue 5, acceptance 3: two koordinators acting on the same thing at the same moment.

Each call runs in its own thread with its own database connection, released together by a
barrier. Exactly one wins; the other is refused with a message (ActionError, never
a database error), and only the winner's timeline events and notifications exist. On
SQLite the test database is a file (portal/settings/test.py) and transactions take the
write lock when they start, so the second waits for the first as in production; on
PostgreSQL the row locks and the compare-and-set UPDATE decide. Run on both.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections

from forum_anak.core.errors import ActionError
from forum_anak.models import Forwarding, MusrenbangSession, Notification, Proposal, TimelineEvent
from forum_anak.musrenbang.services import bundle_forward, bundles_merge, forwarding_record_outcome
from portal import roles
from tests.factories import UserFactory

S = Proposal.State
Level = MusrenbangSession.Level
OUTCOME_KWARGS = {
    "prioritised": {"rank": 1},
    "adopted": {},
    "partly_adopted": {"adopted_volume": Decimal("3"), "adopted_cost": 9_000_000},
    "not_adopted": {"reason": "Sudah ada program yang sama tahun ini."},
}


def _in_threads(*calls):
    """Run each call in its own thread with its own database connection, at once."""
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, call):
        try:
            barrier.wait()
            results[i] = ("ok", call())
        except ActionError as error:
            results[i] = ("refused", str(error))
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            results[i] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results


def _two_children_bundle(world):
    """A bundle of two children's proposals: 'one set' of events is one per child."""
    two = [world.approved() for _ in range(2)]
    bundle = bundles_merge(
        actor=world.coordinator,
        bundles=[world.bundle(p) for p in two],
        public_title="Lampu jalan dua gang",
        public_problem="Dua gang gelap.",
        public_activity="Pasang lampu.",
        cluster="perlindungan",
    )
    return two, bundle


def _coordinators():
    return [UserFactory(groups=[roles.COORDINATOR]) for _ in range(2)]


def _winner(results) -> int:
    kinds = sorted(kind for kind, _ in results)
    assert kinds == ["ok", "refused"], results
    refused = next(text for kind, text in results if kind == "refused")
    assert refused.strip()
    return next(i for i, (kind, _) in enumerate(results) if kind == "ok")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "outcomes",
    [("adopted", "not_adopted"), ("prioritised", "partly_adopted"), ("adopted", "adopted")],
    ids=lambda pair: "-".join(pair),
)
def test_two_outcomes_on_one_forwarding_at_once_exactly_one_wins(world, outcomes):
    two, bundle = _two_children_bundle(world)
    forwarding = bundle_forward(
        actor=world.coordinator, bundle=bundle, session=world.sessions[Level.KELURAHAN]
    )
    events_before = TimelineEvent.objects.count()
    notes_before = Notification.objects.count()

    def record(actor, outcome):
        return lambda: forwarding_record_outcome(
            actor=actor,
            forwarding=Forwarding.objects.get(pk=forwarding.pk),
            outcome=outcome,
            **OUTCOME_KWARGS[outcome],
        )

    results = _in_threads(
        *(record(actor, outcome) for actor, outcome in zip(_coordinators(), outcomes, strict=True))
    )
    won = outcomes[_winner(results)]
    forwarding.refresh_from_db()
    assert forwarding.outcome == won
    # The winner's details only, nothing of the other's.
    details = OUTCOME_KWARGS[won]
    assert (forwarding.rank, forwarding.adopted_volume, forwarding.adopted_cost) == (
        details.get("rank"),
        details.get("adopted_volume"),
        details.get("adopted_cost"),
    )
    assert forwarding.reason == details.get("reason", "")
    bundle.refresh_from_db()
    assert bundle.state == won
    assert sorted(Proposal.objects.filter(bundle=bundle).values_list("state", flat=True)) == [
        won,
        won,
    ]
    # One set: one event and one notification per child, all of the winning outcome.
    events = TimelineEvent.objects.filter(action__startswith="outcome_")
    assert sorted(events.values_list("proposal_id", "action")) == sorted(
        (p.pk, f"outcome_{won}") for p in two
    )
    assert TimelineEvent.objects.count() == events_before + 2
    notes = Notification.objects.filter(kind__startswith="outcome_")
    assert sorted(notes.values_list("recipient_id", "kind")) == sorted(
        (p.proposer_id, f"outcome_{won}") for p in two
    )
    assert Notification.objects.count() == notes_before + 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_forwards_of_one_bundle_at_once_exactly_one_wins(world):
    two, bundle = _two_children_bundle(world)
    sessions = [world.sessions[Level.KELURAHAN], world.sessions[Level.KECAMATAN]]
    events_before = TimelineEvent.objects.count()
    notes_before = Notification.objects.count()
    results = _in_threads(
        *(
            (lambda a=actor, s=session: bundle_forward(actor=a, bundle=bundle, session=s).pk)
            for actor, session in zip(_coordinators(), sessions, strict=True)
        )
    )
    session = sessions[_winner(results)]
    assert list(Forwarding.objects.values_list("bundle_id", "session_id")) == [
        (bundle.pk, session.pk)
    ]
    bundle.refresh_from_db()
    assert bundle.state == S.FORWARDED
    events = TimelineEvent.objects.filter(action="forward")
    assert sorted(events.values_list("proposal_id", flat=True)) == sorted(p.pk for p in two)
    assert all(session.title in e.public_note for e in events)
    assert TimelineEvent.objects.count() == events_before + 2
    assert sorted(Notification.objects.filter(kind="forward").values_list("recipient_id")) == (
        sorted((p.proposer_id,) for p in two)
    )
    assert Notification.objects.count() == notes_before + 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_rank_for_two_bundles_at_once_goes_to_one(world):
    """Two koordinators give rank 1 in the same session to two different bundles: one
    gets it, the other is told the rank is taken (not a database error)."""
    proposals = [world.approved() for _ in range(2)]
    forwardings = [world.forward(p, Level.KELURAHAN) for p in proposals]
    results = _in_threads(
        *(
            (
                lambda a=actor, f=forwarding: (
                    forwarding_record_outcome(
                        actor=a,
                        forwarding=Forwarding.objects.get(pk=f.pk),
                        outcome="prioritised",
                        rank=1,
                    ).pk
                )
            )
            for actor, forwarding in zip(_coordinators(), forwardings, strict=True)
        )
    )
    won = _winner(results)
    assert "Peringkat 1" in next(text for kind, text in results if kind == "refused")
    ranked = Forwarding.objects.filter(rank=1)
    assert list(ranked.values_list("pk", flat=True)) == [forwardings[won].pk]
    loser = proposals[1 - won]
    loser.refresh_from_db()
    assert loser.state == S.FORWARDED
    assert not TimelineEvent.objects.filter(proposal=loser, action="outcome_prioritised").exists()
    assert not Notification.objects.filter(proposal=loser, kind="outcome_prioritised").exists()
