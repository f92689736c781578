"""Issue 5, the child's side ("Jejak Usulan"): /forum/usulan/<pk>/ shows every musrenbang
step with the message written for the child and a short path box, never the staff's
internal note; a merged bundle's steps show on each child's page; under a safeguarding
concern only the neutral status shows."""

from decimal import Decimal

import pytest

from forum_anak.models import MusrenbangSession, TimelineEvent
from forum_anak.musrenbang.services import bundle_forward, bundle_split, bundles_merge
from forum_anak.safeguarding.services import concern_raise
from tests.forum_anak.factories import INTERNAL, PRIVATE

# One world for the module: each test changes it only inside its own savepoint.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world_once")]

Level = MusrenbangSession.Level
STEP_LABELS = {
    "forward": "Dibawa ke rapat musrenbang",
    "outcome_prioritised": "Terpilih sebagai prioritas",
    "outcome_adopted": "Diterima di musrenbang",
    "references": "Dicatat di rencana pemerintah kota",
    "fund": "Dapat dana dari anggaran kota",
    "implement": "Sudah dikerjakan",
}


def _page(client, proposal) -> str:
    client.force_login(proposal.proposer)
    response = client.get(f"/forum/usulan/{proposal.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _messages(proposal) -> list[str]:
    return list(
        TimelineEvent.objects.filter(proposal=proposal)
        .exclude(message_to_proposer="")
        .values_list("message_to_proposer", flat=True)
    )


def test_full_path_shows_each_step_and_message_never_the_internal_note(client, world):
    proposal = world.full_path(world.approved(), rank=1)
    body = _page(client, proposal)
    for label in STEP_LABELS.values():
        assert label in body, label
    messages = _messages(proposal)
    assert len(messages) >= 6  # approve, 2 forwards, 2 outcomes, fund, implement
    for message in messages:
        assert message in body, message
    assert "Kabar baik! Usulanmu terpilih sebagai prioritas nomor 1" in body
    # The path box: which rapat, what happened, where it stands.
    assert "Perjalanan usulanmu" in body
    assert f"Musrenbang Kelurahan {world.kelurahan.name}" in body
    assert f"Musrenbang Kecamatan {world.kecamatan.name}" in body
    assert "Usulanmu terpilih, nomor 1." in body
    assert "Usulanmu diterima." in body
    assert "Sekarang: <strong>Sudah dikerjakan</strong>" in body
    assert INTERNAL not in body
    assert 'href="/usulan/' in body  # on the board


def test_partly_and_not_adopted_with_the_reason(client, world):
    partly = world.approved()
    world.outcome(
        world.forward(partly, Level.KECAMATAN),
        "partly_adopted",
        adopted_volume=Decimal("2"),
        adopted_cost=1_000_000,
    )
    body = _page(client, partly)
    assert "Diterima sebagian di musrenbang" in body
    assert "Sebagian usulanmu diterima." in body
    assert INTERNAL not in body

    refused = world.approved()
    reason = "Sekolah itu sudah dapat lampu dari dana desa."
    world.outcome(world.forward(refused, Level.KELURAHAN), "not_adopted", reason=reason)
    body = _page(client, refused)
    assert "Belum diterima di musrenbang" in body
    assert "Usulanmu belum diterima." in body
    assert body.count(reason) >= 2  # in the message and in the path box
    assert "tahun depan" in body  # what next, in plain words
    assert INTERNAL not in body


def test_a_merged_bundle_of_three_children(client, world):
    three = [world.approved() for _ in range(3)]
    merged = bundles_merge(
        actor=world.coordinator,
        bundles=[world.bundle(p) for p in three],
        public_title="Taman bermain bersama",
        public_problem="Tidak ada tempat bermain.",
        public_activity="Bangun taman bermain.",
        cluster="pendidikan",
        internal_note=INTERNAL,
    )
    forwarding = bundle_forward(
        actor=world.coordinator,
        bundle=merged,
        session=world.sessions[Level.KELURAHAN],
        internal_note=INTERNAL,
    )
    world.outcome(forwarding, "prioritised", rank=4)
    world.outcome(world.forward(three[0], Level.TEMATIK_ANAK), "adopted")
    for proposal in three:
        proposal.refresh_from_db()
        assert proposal.state == "adopted"
        body = _page(client, proposal)
        assert "Digabung dengan usulan yang mirip" in body
        assert "Usulanmu digabung dengan 2 usulan lain yang mirip" in body
        assert "Usulanmu dibawa bersama 2 usulan lain yang mirip." in body
        assert "Usulanmu terpilih, nomor 4." in body
        assert "Musrenbang Tematik anak" in body
        assert "Diterima di musrenbang" in body
        assert INTERNAL not in body
        # Each sees their own words, never another child's.
        others = [p for p in three if p.pk != proposal.pk]
        for other in others:
            assert other.problem not in body
        assert proposal.problem in body


def test_split_shows_on_the_childs_page(client, world):
    three = [world.approved() for _ in range(2)]
    merged = bundles_merge(
        actor=world.coordinator,
        bundles=[world.bundle(p) for p in three],
        public_title="Gabungan",
        public_problem="Masalah.",
        public_activity="Kegiatan.",
        cluster="pendidikan",
    )
    bundle_split(actor=world.coordinator, bundle=merged, proposal=three[0])
    body = _page(client, three[0])
    assert "Dibawa sendiri lagi" in body
    assert "Usulanmu sekarang dibawa sendiri, tidak digabung lagi." in body
    assert "Usulanmu belum dibawa ke rapat musrenbang." in body
    assert INTERNAL not in body


def test_under_a_concern_only_the_neutral_status(client, world):
    proposal = world.approved()
    world.outcome(world.forward(proposal, Level.KELURAHAN), "prioritised", rank=7)
    concern_raise(actor=world.moderator, source="proposal", proposal=proposal)
    body = _page(client, proposal)
    assert "Sedang ditinjau petugas" in body
    assert "Perjalanan usulanmu" not in body
    assert "Musrenbang" not in body.split("<main", 1)[-1]
    assert PRIVATE not in body and INTERNAL not in body


def test_the_list_names_the_new_states(client, world):
    proposal = world.full_path(world.approved(), rank=2)
    client.force_login(proposal.proposer)
    body = client.get("/forum/").content.decode()
    assert "Sudah dikerjakan" in body
