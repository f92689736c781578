"""Issue 5, acceptance 1: the whole musrenbang path through the services.

approved -> forwarded (kelurahan) -> prioritised (rank 1) -> forwarded (kecamatan) ->
adopted -> plan references -> funded -> implemented (with a sanitised photo); partly
adopted and not adopted; a bundle of three children's proposals that each child's timeline
and notifications follow, and a split that takes one out. At each step: the state of the
bundle and of each of its proposals, one timeline event per proposal with its action,
from/to state and its three texts (internal note, message to the proposer, public note),
and one notification per proposal in plain words. The refusals (wrong level, closed
session, another cycle's session, a session still ahead, a rank already used, an outcome
twice, prioritised at kota level, fund before adoption, a date ahead, missing volume/cost
or reason) raise ActionError with a message and change nothing.

The child's pages are in test_member_timeline.py; here only what it does not check: every
musrenbang notification opens in the child's inbox, and only there.
"""

import html
import io
import os
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Max
from django.utils import timezone
from PIL import Image

from forum_anak.core.errors import ActionError
from forum_anak.models import (
    Bundle,
    Forwarding,
    MusrenbangCycle,
    MusrenbangSession,
    Notification,
    Proposal,
    TimelineEvent,
)
from forum_anak.musrenbang.services import (
    bundle_forward,
    bundle_fund,
    bundle_implement,
    bundle_set_references,
    bundle_split,
    bundles_merge,
    forwarding_record_outcome,
)
from forum_anak.proposals.selectors import bundle_path
from portal.images import image_sanitize
from tests.forum_anak.factories import INTERNAL, PRIVATE, jpeg_bytes

# One world for the module: each test changes it only inside its own savepoint.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world_once")]

S = Proposal.State
Level = MusrenbangSession.Level
Status = MusrenbangSession.Status
# Words a child should never have to read in their messages.
NOT_PLAIN = [*(s.value for s in S), "Gabungan #", "Forwarding", "bundle", INTERNAL, PRIVATE]


class Steps:
    """What each step wrote since the last one: the timeline events and notifications."""

    def __init__(self):
        self.mark()

    def mark(self):
        self.event = TimelineEvent.objects.aggregate(m=Max("pk"))["m"] or 0
        self.note = Notification.objects.aggregate(m=Max("pk"))["m"] or 0

    def check(
        self,
        proposals,
        *,
        action: str,
        from_state: str,
        to_state: str,
        message: tuple[str, ...] = (),
        public: tuple[str, ...] = (),
        internal: bool = True,
    ) -> list[TimelineEvent]:
        """One event per proposal, with its texts, and (when there is a message) one
        notification to its proposer carrying it; the proposals and their bundles in the
        state `to_state` (or still `from_state` when the step keeps the state)."""
        events = list(TimelineEvent.objects.filter(pk__gt=self.event).order_by("proposal_id"))
        assert [e.proposal_id for e in events] == sorted(p.pk for p in proposals)
        notes = {n.proposal_id: n for n in Notification.objects.filter(pk__gt=self.note)}
        for event in events:
            assert event.action == action
            assert (event.from_state, event.to_state) == (from_state, to_state)
            assert (INTERNAL in event.internal_note) is internal, event.internal_note
            for text in message:
                assert text in event.message_to_proposer, (text, event.message_to_proposer)
            for text in public:
                assert text in event.public_note, (text, event.public_note)
            for word in NOT_PLAIN:
                assert word not in event.message_to_proposer, word
                assert word not in event.public_note, word
        if message:
            assert set(notes) == {p.pk for p in proposals}
            for proposal, event in zip(sorted(proposals, key=lambda p: p.pk), events, strict=True):
                note = notes[proposal.pk]
                assert note.recipient_id == proposal.proposer_id
                assert note.kind == action
                assert note.body == event.message_to_proposer
                assert INTERNAL not in note.subject + note.body
        else:
            assert notes == {}
        for proposal in proposals:
            proposal.refresh_from_db()
            assert proposal.state == (to_state or from_state)
            assert proposal.bundle.state == proposal.state
        self.mark()
        return events


def _everything() -> tuple:
    """The whole musrenbang record: a refused step must leave it as it was."""
    return (
        list(Proposal.objects.order_by("pk").values_list("pk", "state", "bundle_id", "updated_at")),
        list(Bundle.objects.order_by("pk").values()),
        list(Forwarding.objects.order_by("pk").values()),
        list(MusrenbangSession.objects.order_by("pk").values("pk", "status", "date")),
        TimelineEvent.objects.count(),
        Notification.objects.count(),
    )


def _refused(call, *words: str) -> str:
    before = _everything()
    with pytest.raises(ActionError) as refused:
        call()
    message = str(refused.value)
    for word in words:
        assert word in message, (word, message)
    assert _everything() == before
    return message


def _session(world, level, *, days: int = -5, status=Status.PLANNED, cycle=None):
    area = {
        Level.KELURAHAN: world.kelurahan,
        Level.KECAMATAN: world.kecamatan,
        Level.TEMATIK_ANAK: world.kota,
        Level.KOTA: world.kota,
    }[level]
    return MusrenbangSession.objects.create(
        cycle=cycle or world.cycle,
        level=level,
        area=area,
        date=timezone.localdate() + timedelta(days=days),
        place="Aula",
        status=status,
    )


# --- The whole path -------------------------------------------------------------------------


def test_the_whole_path_step_by_step(world):
    c = world.coordinator
    proposal = world.approved()
    bundle = proposal.bundle
    assert (bundle.state, proposal.state) == (S.APPROVED, S.APPROVED)
    kelurahan, kecamatan = world.sessions[Level.KELURAHAN], world.sessions[Level.KECAMATAN]
    steps = Steps()

    first = bundle_forward(actor=c, bundle=bundle, session=kelurahan, internal_note=INTERNAL)
    steps.check(
        [proposal],
        action="forward",
        from_state=S.APPROVED,
        to_state=S.FORWARDED,
        message=(f"Usulanmu dibawa ke {kelurahan.title} tanggal", "usulan yang paling penting"),
        public=(f"Diteruskan ke {kelurahan.title}",),
    )
    assert (first.session, first.outcome, first.forwarded_by) == (kelurahan, "", c)

    forwarding_record_outcome(
        actor=c, forwarding=first, outcome="prioritised", rank=1, internal_note=INTERNAL
    )
    steps.check(
        [proposal],
        action="outcome_prioritised",
        from_state=S.FORWARDED,
        to_state=S.PRIORITISED,
        message=("Kabar baik! Usulanmu terpilih sebagai prioritas nomor 1", kelurahan.title),
        public=(f"Diprioritaskan (nomor 1) di {kelurahan.title}",),
    )
    first.refresh_from_db()
    assert (first.outcome, first.rank, first.outcome_by) == ("prioritised", 1, c)
    kelurahan.refresh_from_db()
    assert kelurahan.status == Status.HELD  # an outcome shows the session took place

    second = bundle_forward(actor=c, bundle=bundle, session=kecamatan, internal_note=INTERNAL)
    steps.check(
        [proposal],
        action="forward",
        from_state=S.PRIORITISED,
        to_state=S.FORWARDED,
        message=(f"Usulanmu dibawa ke {kecamatan.title}",),
        public=(f"Diteruskan ke {kecamatan.title}",),
    )

    forwarding_record_outcome(actor=c, forwarding=second, outcome="adopted", internal_note=INTERNAL)
    steps.check(
        [proposal],
        action="outcome_adopted",
        from_state=S.FORWARDED,
        to_state=S.ADOPTED,
        message=(
            f"Usulanmu diterima di {kecamatan.title}",
            f"rencana kerja pemerintah kota untuk tahun {world.cycle.rkpd_year}",
        ),
        public=(f"Diakomodasi di {kecamatan.title}",),
    )
    assert [(f.session.level, f.outcome, f.rank) for f in bundle_path(bundle)] == [
        (Level.KELURAHAN, "prioritised", 1),
        (Level.KECAMATAN, "adopted", None),
    ]

    bundle_set_references(
        actor=c,
        bundle=bundle,
        rkpd_reference=" RKPD-2028-LPJ-07 ",
        sipd_reference="SIPD-1.03.02.2.01",
        internal_note=INTERNAL,
    )
    # In the plan: on the timeline with a public note, and the child told in plain words.
    steps.check(
        [proposal],
        action="references",
        from_state=S.ADOPTED,
        to_state="",
        message=("buku rencana kerja",),
        public=("Tercatat di dokumen rencana pemerintah kota.",),
    )
    bundle.refresh_from_db()
    assert (bundle.rkpd_reference, bundle.sipd_reference) == (
        "RKPD-2028-LPJ-07",
        "SIPD-1.03.02.2.01",
    )

    bundle_fund(actor=c, bundle=bundle, apbd_year=2028, amount=150_000_000, internal_note=INTERNAL)
    steps.check(
        [proposal],
        action="fund",
        from_state=S.ADOPTED,
        to_state=S.FUNDED,
        message=("Usulanmu sudah mendapat dana dari anggaran kota (APBD) tahun 2028.",),
        public=("Didanai APBD 2028.",),
    )
    bundle.refresh_from_db()
    assert (bundle.apbd_year, bundle.funded_amount) == (2028, 150_000_000)

    photo = image_sanitize(io.BytesIO(jpeg_bytes()))
    done_on = timezone.localdate() - timedelta(days=1)
    bundle_implement(
        actor=c,
        bundle=bundle,
        implemented_on=done_on,
        note="  Dua belas lampu dipasang di gang umum. ",
        photo=photo,
        internal_note=INTERNAL,
    )
    steps.check(
        [proposal],
        action="implement",
        from_state=S.FUNDED,
        to_state=S.IMPLEMENTED,
        message=("Usulanmu sudah dikerjakan!",),
        public=("Sudah dikerjakan pada",),
    )
    bundle.refresh_from_db()
    assert (bundle.implemented_on, bundle.implementation_note) == (
        done_on,
        "Dua belas lampu dipasang di gang umum.",
    )
    assert bundle.implementation_photo.name.startswith("pelaksanaan/")
    with bundle.implementation_photo.open("rb") as stored:
        content = stored.read()
    assert content == photo.content
    assert not Image.open(io.BytesIO(content)).getexif()

    # Seven steps on the child's timeline after approval, each told to the child.
    musrenbang = TimelineEvent.objects.filter(proposal=proposal).exclude(
        action__in=["submit", "start_review", "approve"]
    )
    assert musrenbang.count() == 7
    assert Notification.objects.filter(proposal=proposal, recipient=proposal.proposer).count() == (
        3 + 7  # submit, start review, approve; then the seven musrenbang messages
    )


def test_partly_adopted_needs_volume_and_cost(world):
    c = world.coordinator
    proposal = world.approved()
    forwarding = world.forward(proposal, Level.KECAMATAN)
    steps = Steps()
    for volume, cost in ((None, None), (Decimal("4"), None), (None, 20_000_000)):
        _refused(
            lambda v=volume, k=cost: forwarding_record_outcome(
                actor=c,
                forwarding=forwarding,
                outcome="partly_adopted",
                adopted_volume=v,
                adopted_cost=k,
            ),
            "volume dan biaya",
        )
    _refused(
        lambda: forwarding_record_outcome(
            actor=c,
            forwarding=forwarding,
            outcome="partly_adopted",
            adopted_volume=Decimal("-1"),
            adopted_cost=20_000_000,
        ),
        "negatif",
    )
    forwarding_record_outcome(
        actor=c,
        forwarding=forwarding,
        outcome="partly_adopted",
        adopted_volume=Decimal("4"),
        adopted_cost=20_000_000,
        internal_note=INTERNAL,
    )
    session = world.sessions[Level.KECAMATAN]
    steps.check(
        [proposal],
        action="outcome_partly_adopted",
        from_state=S.FORWARDED,
        to_state=S.PARTLY_ADOPTED,
        message=(f"Sebagian usulanmu diterima di {session.title}",),
        public=(f"Diakomodasi sebagian di {session.title}",),
    )
    forwarding.refresh_from_db()
    assert (forwarding.adopted_volume, forwarding.adopted_cost) == (Decimal("4"), 20_000_000)
    # Partly adopted goes on to funding like adopted.
    bundle_fund(actor=c, bundle=world.bundle(proposal), apbd_year=2028, amount=20_000_000)
    steps.check(
        [proposal],
        action="fund",
        from_state=S.PARTLY_ADOPTED,
        to_state=S.FUNDED,
        message=("tahun 2028",),
        internal=False,
    )


def test_not_adopted_needs_a_reason_the_child_reads(world):
    c = world.coordinator
    proposal = world.approved()
    forwarding = world.forward(proposal, Level.KELURAHAN)
    steps = Steps()
    for reason in ("", "   \n "):
        _refused(
            lambda r=reason: forwarding_record_outcome(
                actor=c, forwarding=forwarding, outcome="not_adopted", reason=r
            ),
            "alasannya",
        )
    reason = "Jalan itu akan dibangun ulang tahun depan oleh provinsi."
    forwarding_record_outcome(
        actor=c,
        forwarding=forwarding,
        outcome="not_adopted",
        reason=f"  {reason} ",
        internal_note=INTERNAL,
    )
    session = world.sessions[Level.KELURAHAN]
    steps.check(
        [proposal],
        action="outcome_not_adopted",
        from_state=S.FORWARDED,
        to_state=S.NOT_ADOPTED,
        message=(f"Usulanmu belum bisa diterima di {session.title}", f"Alasannya: {reason}"),
        public=(reason,),
    )
    forwarding.refresh_from_db()
    assert (forwarding.outcome, forwarding.reason) == ("not_adopted", reason)
    assert Notification.objects.filter(proposal=proposal).latest("pk").body.endswith(reason)
    # The end of the road this cycle: no forwarding on, no funding.
    bundle = world.bundle(proposal)
    _refused(
        lambda: bundle_forward(actor=c, bundle=bundle, session=world.sessions[Level.KOTA]),
        '"Tidak diakomodasi"',
    )
    _refused(
        lambda: bundle_fund(actor=c, bundle=bundle, apbd_year=2028, amount=1), '"Tidak diakomodasi"'
    )


# --- A bundle of three children ---------------------------------------------------------------


def _merge_three(world) -> tuple[list[Proposal], Bundle]:
    three = [world.approved() for _ in range(3)]
    assert len({p.proposer_id for p in three}) == 3
    old = [world.bundle(p) for p in three]
    steps = Steps()
    merged = bundles_merge(
        actor=world.coordinator,
        bundles=old,
        public_title="Taman bermain bersama",
        public_problem="Anak-anak tidak punya tempat bermain yang aman.",
        public_activity="Bangun taman bermain kelurahan.",
        cluster="pendidikan",
        internal_note=INTERNAL,
    )
    steps.check(
        three,
        action="merge",
        from_state=S.APPROVED,
        to_state=S.APPROVED,
        message=("Usulanmu digabung dengan 2 usulan lain yang mirip", "Taman bermain bersama"),
        public=("Digabung dengan usulan serupa.",),
    )
    assert not Bundle.objects.filter(pk__in=[b.pk for b in old]).exists()
    assert sorted(merged.proposals.values_list("pk", flat=True)) == sorted(p.pk for p in three)
    assert all(p.bundle_id == merged.pk for p in three)
    return three, merged


def test_a_bundle_of_three_children_follows_every_step(client, world):
    c = world.coordinator
    three, bundle = _merge_three(world)
    kelurahan, kecamatan = world.sessions[Level.KELURAHAN], world.sessions[Level.KECAMATAN]
    steps = Steps()

    first = bundle_forward(actor=c, bundle=bundle, session=kelurahan, internal_note=INTERNAL)
    steps.check(
        three,
        action="forward",
        from_state=S.APPROVED,
        to_state=S.FORWARDED,
        message=(kelurahan.title,),
    )
    forwarding_record_outcome(
        actor=c, forwarding=first, outcome="prioritised", rank=1, internal_note=INTERNAL
    )
    steps.check(
        three,
        action="outcome_prioritised",
        from_state=S.FORWARDED,
        to_state=S.PRIORITISED,
        message=("prioritas nomor 1",),
    )
    second = bundle_forward(actor=c, bundle=bundle, session=kecamatan, internal_note=INTERNAL)
    steps.check(
        three,
        action="forward",
        from_state=S.PRIORITISED,
        to_state=S.FORWARDED,
        message=(kecamatan.title,),
    )
    forwarding_record_outcome(actor=c, forwarding=second, outcome="adopted", internal_note=INTERNAL)
    steps.check(
        three,
        action="outcome_adopted",
        from_state=S.FORWARDED,
        to_state=S.ADOPTED,
        message=("diterima",),
    )
    bundle_set_references(
        actor=c, bundle=bundle, rkpd_reference="RKPD-1", sipd_reference="", internal_note=INTERNAL
    )
    steps.check(three, action="references", from_state=S.ADOPTED, to_state="", message=("rencana",))
    bundle_fund(actor=c, bundle=bundle, apbd_year=2028, amount=90_000_000, internal_note=INTERNAL)
    steps.check(three, action="fund", from_state=S.ADOPTED, to_state=S.FUNDED, message=("APBD",))
    bundle_implement(
        actor=c,
        bundle=bundle,
        implemented_on=timezone.localdate(),
        note="Taman sudah dibangun.",
        internal_note=INTERNAL,
    )
    steps.check(
        three,
        action="implement",
        from_state=S.FUNDED,
        to_state=S.IMPLEMENTED,
        message=("sudah dikerjakan",),
    )

    # Each child: the same eight musrenbang steps, the eight messages in their own inbox.
    actions = [
        "merge",
        "forward",
        "outcome_prioritised",
        "forward",
        "outcome_adopted",
        "references",
        "fund",
        "implement",
    ]
    for proposal in three:
        timeline = TimelineEvent.objects.filter(proposal=proposal).order_by("pk")
        assert [e.action for e in timeline][-8:] == actions
        notes = Notification.objects.filter(proposal=proposal).order_by("pk")
        assert all(n.recipient_id == proposal.proposer_id for n in notes)
        musrenbang = [n for n in notes if n.kind in actions]
        assert [n.kind for n in musrenbang] == actions
        # The child opens each message in their inbox; another child cannot.
        client.force_login(proposal.proposer)
        for note in musrenbang:
            response = client.get(f"/forum/kabar/{note.pk}/")
            assert response.status_code == 200
            assert note.body in html.unescape(response.content.decode())
        other = next(p for p in three if p.pk != proposal.pk)
        foreign = Notification.objects.filter(proposal=other, kind="implement").get()
        assert client.get(f"/forum/kabar/{foreign.pk}/").status_code == 404


def test_split_takes_one_out(world):
    c = world.coordinator
    three, bundle = _merge_three(world)
    out, stay = three[0], three[1:]
    steps = Steps()
    single = bundle_split(actor=c, bundle=bundle, proposal=out)
    # Only the child taken out is told; the others' timelines do not move.
    steps.check(
        [out],
        action="split",
        from_state=S.APPROVED,
        to_state=S.APPROVED,
        message=("Usulanmu sekarang dibawa sendiri",),
        internal=False,
    )
    assert out.bundle_id == single.pk != bundle.pk
    assert list(single.proposals.all()) == [out]
    assert sorted(bundle.proposals.values_list("pk", flat=True)) == [p.pk for p in stay]
    # Its public version is its own again, not the merged one.
    assert single.public_title == out.public_title != bundle.public_title

    kelurahan = world.sessions[Level.KELURAHAN]
    bundle_forward(actor=c, bundle=bundle, session=kelurahan, internal_note=INTERNAL)
    steps.check(
        stay,
        action="forward",
        from_state=S.APPROVED,
        to_state=S.FORWARDED,
        message=(kelurahan.title,),
    )
    out.refresh_from_db()
    assert out.state == S.APPROVED
    bundle_forward(actor=c, bundle=single, session=kelurahan, internal_note=INTERNAL)
    steps.check(
        [out],
        action="forward",
        from_state=S.APPROVED,
        to_state=S.FORWARDED,
        message=(kelurahan.title,),
    )
    # A bundle of one cannot be split, and a forwarded one neither.
    _refused(lambda: bundle_split(actor=c, bundle=single, proposal=out), '"Diteruskan')


# --- Refusals -------------------------------------------------------------------------------


@dataclass
class At:
    """A bundle at some point of its path, with its latest forwarding."""

    proposal: Proposal
    bundle: Bundle
    forwarding: Forwarding | None


def _prioritised_at(world, level) -> At:
    proposal = world.approved()
    forwarding = world.forward(proposal, level)
    world.outcome(forwarding, "prioritised", rank=9)
    return At(proposal, world.bundle(proposal), forwarding)


def test_forward_not_to_a_lower_or_equal_level(world):
    at = _prioritised_at(world, Level.KECAMATAN)
    c = world.coordinator
    _refused(
        lambda: bundle_forward(actor=c, bundle=at.bundle, session=world.sessions[Level.KELURAHAN]),
        "tingkat Kecamatan",
        "lebih tinggi",
    )
    another_kecamatan = _session(world, Level.KECAMATAN, days=10)
    _refused(
        lambda: bundle_forward(actor=c, bundle=at.bundle, session=another_kecamatan),
        "tingkat Kecamatan",
    )
    # Any higher level will do (a city-wide idea can skip one).
    bundle_forward(actor=c, bundle=at.bundle, session=world.sessions[Level.KOTA])
    at.proposal.refresh_from_db()
    assert at.proposal.state == S.FORWARDED


def test_forward_not_to_a_closed_session_nor_another_cycles(world):
    c = world.coordinator
    proposal = world.approved()
    bundle = world.bundle(proposal)
    closed = _session(world, Level.KELURAHAN, status=Status.CLOSED)
    _refused(lambda: bundle_forward(actor=c, bundle=bundle, session=closed), "sudah ditutup")
    today = timezone.localdate()
    next_cycle = MusrenbangCycle.objects.create(
        year=world.cycle.year + 1,
        rkpd_year=world.cycle.rkpd_year + 1,
        submission_opens=today + timedelta(days=300),
        submission_closes=today + timedelta(days=330),
    )
    elsewhere = _session(world, Level.KELURAHAN, days=400, cycle=next_cycle)
    _refused(
        lambda: bundle_forward(actor=c, bundle=bundle, session=elsewhere),
        "siklus musrenbang yang lain",
    )


def test_outcome_not_on_a_session_still_ahead(world):
    c = world.coordinator
    proposal = world.approved()
    ahead = _session(world, Level.KELURAHAN, days=3)
    forwarding = bundle_forward(actor=c, bundle=world.bundle(proposal), session=ahead)
    for outcome in ("prioritised", "adopted", "not_adopted"):
        _refused(
            lambda o=outcome: forwarding_record_outcome(
                actor=c, forwarding=forwarding, outcome=o, rank=1, reason="Belum."
            ),
            "belum berlangsung",
        )
    ahead.refresh_from_db()
    assert ahead.status == Status.PLANNED


def test_outcome_rank_already_used_in_the_session(world):
    c = world.coordinator
    first, second = world.approved(), world.approved()
    world.outcome(world.forward(first, Level.KELURAHAN), "prioritised", rank=1)
    forwarding = world.forward(second, Level.KELURAHAN)
    _refused(
        lambda: forwarding_record_outcome(
            actor=c, forwarding=forwarding, outcome="prioritised", rank=1
        ),
        "Peringkat 1 sudah dipakai",
    )
    _refused(
        lambda: forwarding_record_outcome(
            actor=c, forwarding=forwarding, outcome="adopted", rank=1
        ),
        "Peringkat 1 sudah dipakai",
    )
    for rank in (None, 0, -2):
        _refused(
            lambda r=rank: forwarding_record_outcome(
                actor=c, forwarding=forwarding, outcome="prioritised", rank=r
            ),
            "peringkat",
        )
    world.outcome(forwarding, "prioritised", rank=2)


def test_outcome_only_once(world):
    c = world.coordinator
    proposal = world.approved()
    forwarding = world.forward(proposal, Level.KECAMATAN)
    world.outcome(forwarding, "adopted")
    for outcome, kwargs in (
        ("not_adopted", {"reason": "Tidak ada dana."}),
        ("adopted", {}),
        ("partly_adopted", {"adopted_volume": Decimal("1"), "adopted_cost": 1}),
        ("prioritised", {"rank": 3}),
    ):
        _refused(
            lambda o=outcome, k=kwargs: forwarding_record_outcome(
                actor=c, forwarding=forwarding, outcome=o, **k
            ),
            'Hasilnya sudah dicatat: "Diakomodasi"',
        )


def test_prioritised_not_at_kota_level(world):
    c = world.coordinator
    proposal = world.approved()
    forwarding = world.forward(proposal, Level.KOTA)
    _refused(
        lambda: forwarding_record_outcome(
            actor=c, forwarding=forwarding, outcome="prioritised", rank=1
        ),
        "tingkat tertinggi",
    )
    world.outcome(forwarding, "adopted")


def test_fund_only_after_adoption(world):
    c = world.coordinator
    approved = world.approved()
    forwarded = world.approved()
    world.forward(forwarded, Level.KELURAHAN)
    prioritised = _prioritised_at(world, Level.KELURAHAN).proposal
    for proposal, label in (
        (approved, "Disetujui"),
        (forwarded, "Diteruskan ke musrenbang"),
        (prioritised, "Diprioritaskan"),
    ):
        _refused(
            lambda p=proposal: bundle_fund(
                actor=c, bundle=world.bundle(p), apbd_year=2028, amount=5_000_000
            ),
            f'"{label}"',
        )
        _refused(
            lambda p=proposal: bundle_set_references(
                actor=c, bundle=world.bundle(p), rkpd_reference="R-1", sipd_reference=""
            ),
            f'"{label}"',
        )
        _refused(
            lambda p=proposal: bundle_implement(
                actor=c, bundle=world.bundle(p), implemented_on=timezone.localdate(), note="x"
            ),
            f'"{label}"',
        )
    # Adopted but not funded: no implementation yet either.
    adopted = world.approved()
    world.outcome(world.forward(adopted, Level.KECAMATAN), "adopted")
    _refused(
        lambda: bundle_implement(
            actor=c, bundle=world.bundle(adopted), implemented_on=timezone.localdate(), note="x"
        ),
        '"Diakomodasi"',
    )
    for year, amount, words in ((1999, 5, "tahun APBD"), (2028, 0, "lebih dari 0")):
        _refused(
            lambda y=year, a=amount: bundle_fund(
                actor=c, bundle=world.bundle(adopted), apbd_year=y, amount=a
            ),
            words,
        )


def test_implement_not_in_the_future(world):
    c = world.coordinator
    proposal = world.approved()
    world.outcome(world.forward(proposal, Level.KECAMATAN), "adopted")
    bundle_fund(actor=c, bundle=world.bundle(proposal), apbd_year=2028, amount=5_000_000)
    photo = image_sanitize(io.BytesIO(jpeg_bytes()))
    folder = world.bundle(proposal).implementation_photo.storage.path("pelaksanaan")

    def stored() -> int:
        return sum(len(files) for _, _, files in os.walk(folder))

    files = stored()
    _refused(
        lambda: bundle_implement(
            actor=c,
            bundle=world.bundle(proposal),
            implemented_on=timezone.localdate() + timedelta(days=1),
            note="Sudah dipasang.",
            photo=photo,
        ),
        "masa depan",
    )
    _refused(
        lambda: bundle_implement(
            actor=c,
            bundle=world.bundle(proposal),
            implemented_on=timezone.localdate(),
            note="   ",
            photo=photo,
        ),
        "catatan",
    )
    assert stored() == files  # no photo left behind by a refused step
    bundle_implement(
        actor=c,
        bundle=world.bundle(proposal),
        implemented_on=timezone.localdate(),
        note="Sudah dipasang.",
        photo=photo,
    )
    assert stored() == files + 1
