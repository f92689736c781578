"""Issue 5, acceptance 6: the public board, its detail page and the API show the path and
outcome of each public bundle; the board and home counts follow the definition
(diteruskan = FORWARDED_STATES, diakomodasi = ADOPTED_STATES) and leave out anything under
a safeguarding concern or hidden; no child's private text or staff note reaches them.

Everything is built through the services (forum_anak/musrenbang/services.py)."""

import json
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from forum_anak.models import MusrenbangSession, Proposal
from forum_anak.musrenbang.services import bundle_forward, bundle_fund, bundles_merge
from forum_anak.proposals.services import proposal_set_hidden
from forum_anak.safeguarding.services import concern_raise, concern_refer
from portal import roles
from tests.factories import HotlineFactory, UserFactory
from tests.forum_anak.factories import INTERNAL, PRIVATE, WORLD_SETTINGS

pytestmark = pytest.mark.django_db

S = Proposal.State
Level = MusrenbangSession.Level


@dataclass
class Board:
    approved: Proposal
    forwarded: Proposal
    prioritised: Proposal
    full: Proposal
    partly: Proposal
    not_adopted: Proposal
    funded: Proposal
    concerned: Proposal
    referred: Proposal
    hidden: Proposal
    merged: list

    def fresh(self) -> "Board":
        """A copy with every proposal read again."""
        changes = {
            name: Proposal.objects.get(pk=getattr(self, name).pk)
            for name in self.__dataclass_fields__
            if name != "merged"
        }
        return replace(self, merged=[Proposal.objects.get(pk=p.pk) for p in self.merged], **changes)


@pytest.fixture(scope="module")
def board_once(world_once) -> Board:
    """Bundles at every step of the path, built once for this module: the tests read them,
    and what one of them writes (a concern, hiding one) is undone after it."""
    with override_settings(**WORLD_SETTINGS):
        return build_board(world_once)


@pytest.fixture
def board(board_once, world) -> Board:
    return board_once.fresh()


def build_board(w) -> Board:
    approved = w.approved()
    forwarded = w.approved()
    w.forward(forwarded, Level.KELURAHAN)
    prioritised = w.approved()
    w.outcome(w.forward(prioritised, Level.KELURAHAN), "prioritised", rank=2)
    full = w.full_path(w.approved(title="Lampu jalan gang sekolah"), rank=1)
    partly = w.approved()
    w.outcome(
        w.forward(partly, Level.TEMATIK_ANAK),
        "partly_adopted",
        adopted_volume=Decimal("4"),
        adopted_cost=20_000_000,
    )
    not_adopted = w.approved()
    w.outcome(
        w.forward(not_adopted, Level.KOTA),
        "not_adopted",
        reason="Jalan itu akan dibangun ulang tahun depan oleh provinsi.",
    )
    funded = w.approved()
    w.outcome(w.forward(funded, Level.KECAMATAN), "adopted")
    bundle_fund(actor=w.coordinator, bundle=w.bundle(funded), apbd_year=2028, amount=5_000_000)
    # Adopted, then a concern (open) and a concern (referred); a hidden one, forwarded.
    concerned = w.approved()
    w.outcome(w.forward(concerned, Level.KECAMATAN), "adopted", rank=5)
    concern_raise(actor=w.moderator, source="proposal", proposal=concerned)
    referred = w.approved()
    w.outcome(w.forward(referred, Level.KECAMATAN), "adopted", rank=6)
    concern = concern_raise(actor=w.moderator, source="proposal", proposal=referred)
    concern_refer(
        actor=w.officer,
        concern_id=concern.pk,
        referred_to=HotlineFactory(),
        contact="Petugas UPTD",
        action_taken="Dihubungi.",
    )
    hidden = w.approved()
    w.forward(hidden, Level.KELURAHAN)
    proposal_set_hidden(actor=w.moderator, proposal=hidden, hidden=True)
    # Three children's proposals merged into one bundle, forwarded and prioritised.
    three = [w.approved() for _ in range(3)]
    merged_bundle = bundles_merge(
        actor=w.coordinator,
        bundles=[w.bundle(p) for p in three],
        public_title="Taman bermain gabungan",
        public_problem="Anak-anak tidak punya tempat bermain yang aman.",
        public_activity="Membangun taman bermain kelurahan.",
        cluster="pendidikan",
        internal_note=INTERNAL,
    )
    forwarding = bundle_forward(
        actor=w.coordinator, bundle=merged_bundle, session=w.sessions[Level.KELURAHAN]
    )
    w.outcome(forwarding, "prioritised", rank=3)
    for p in [approved, forwarded, prioritised, partly, not_adopted, funded, hidden, *three]:
        p.refresh_from_db()
    return Board(
        approved=approved,
        forwarded=forwarded,
        prioritised=prioritised,
        full=full,
        partly=partly,
        not_adopted=not_adopted,
        funded=funded,
        concerned=concerned,
        referred=referred,
        hidden=hidden,
        merged=three,
    )


def _codes(client, url: str) -> set[str]:
    data = client.get(url).json()
    return {item["code"] for item in data["results"]}


def _board_codes(client, query: str) -> set[str]:
    body = client.get(f"/usulan/?{query}").content.decode()
    return set(re.findall(r'href="/usulan/(FA-[0-9]+-[0-9]+)/"', body))


# --- Path on the detail page and in the API ------------------------------------------------


def test_full_path_on_the_detail_page(client, board):
    body = client.get(f"/usulan/{board.full.code}/").content.decode()
    assert "Perjalanan usulan" in body
    kel = board.full.kelurahan.name
    assert f"Musrenbang Kelurahan {kel}" in body
    assert f"Musrenbang Kecamatan {board.full.kelurahan.parent.name}" in body
    assert "Diprioritaskan, peringkat 1" in body
    assert "Diakomodasi" in body
    assert body.index("Musrenbang Kelurahan") < body.index("Musrenbang Kecamatan")
    assert "RKPD-2028-LPJ-07" in body and "SIPD-1.03.02.2.01" in body
    assert "APBD 2028" in body and "150.000.000" in body
    assert "Dua belas lampu dipasang di gang umum." in body
    assert "Sudah dikerjakan" in body
    photo_url = f"/usulan/{board.full.code}/foto-pelaksanaan/"
    assert photo_url in body
    response = client.get(photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_full_path_in_the_api(client, board):
    data = client.get(f"/api/v2/usulan/{board.full.code}/").json()
    assert data["state"]["code"] == "implemented"
    assert data["stage"] == "Sudah dikerjakan"
    levels = [(s["level"]["code"], s["outcome"]["code"], s["rank"]) for s in data["path"]]
    assert levels == [(1, "prioritised", 1), (2, "adopted", 1)]
    assert data["path"][0]["session"].startswith("Musrenbang Kelurahan")
    assert data["path"][0]["date"] == board.full.bundle.forwardings.first().session.date.isoformat()
    plan = data["plan"]
    assert plan["rkpd_reference"] == "RKPD-2028-LPJ-07"
    assert plan["sipd_reference"] == "SIPD-1.03.02.2.01"
    assert plan["apbd_year"] == 2028 and plan["funded_amount"] == 150_000_000
    assert plan["implemented_on"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    assert plan["implementation_note"] == "Dua belas lampu dipasang di gang umum."
    assert plan["implementation_photo_url"].endswith(f"/usulan/{board.full.code}/foto-pelaksanaan/")
    assert data["bundle"] == {
        "title": "Lampu jalan gang sekolah",
        "problem": board.full.public_problem,
        "activity": board.full.public_activity,
        "merged": False,
        "codes": [board.full.code],
    }
    # The list carries the same.
    listed = {
        item["code"]: item for item in client.get("/api/v2/usulan/?limit=100").json()["results"]
    }
    assert listed[board.full.code]["path"] == data["path"]
    assert listed[board.full.code]["plan"] == plan


def test_partly_and_not_adopted(client, board):
    body = client.get(f"/usulan/{board.partly.code}/").content.decode()
    assert "Diakomodasi sebagian" in body
    assert "Musrenbang Tematik anak" in body
    assert "volume yang diakomodasi 4" in body
    data = client.get(f"/api/v2/usulan/{board.partly.code}/").json()
    assert data["path"][0]["outcome"]["code"] == "partly_adopted"
    assert data["path"][0]["adopted_volume"] == "4.00"
    assert data["path"][0]["reason"] is None

    reason = "Jalan itu akan dibangun ulang tahun depan oleh provinsi."
    body = client.get(f"/usulan/{board.not_adopted.code}/").content.decode()
    assert "Tidak diakomodasi" in body and reason in body
    data = client.get(f"/api/v2/usulan/{board.not_adopted.code}/").json()
    assert data["path"][0]["outcome"]["code"] == "not_adopted"
    assert data["path"][0]["reason"] == reason
    assert data["path"][0]["adopted_volume"] is None


def test_waiting_for_the_outcome(client, board):
    body = client.get(f"/usulan/{board.forwarded.code}/").content.decode()
    assert "Menunggu hasil" in body
    assert "Sedang dibahas di musrenbang" in body
    data = client.get(f"/api/v2/usulan/{board.forwarded.code}/").json()
    assert data["path"][0]["outcome"] == {"code": None, "label": "Menunggu hasil"}
    data = client.get(f"/api/v2/usulan/{board.approved.code}/").json()
    assert data["path"] == [] and data["stage"].startswith("Disetujui")


def test_merged_bundle_names_the_other_public_codes(client, board):
    a, b, c = board.merged
    # One of the three under a concern: its code is never shown, and it has no page.
    concern_raise(
        actor=UserFactory(groups=[roles.PROPOSAL_MODERATOR]), source="proposal", proposal=c
    )
    body = client.get(f"/usulan/{a.code}/").content.decode()
    assert "Digabung bersama 1 usulan serupa" in body
    assert "Taman bermain gabungan" in body
    assert "Membangun taman bermain kelurahan." in body
    assert f'href="/usulan/{b.code}/"' in body
    assert c.code not in body
    assert client.get(f"/usulan/{c.code}/").status_code == 404
    data = client.get(f"/api/v2/usulan/{a.code}/").json()
    assert data["bundle"]["merged"] is True
    assert data["bundle"]["codes"] == sorted([a.code, b.code])
    assert data["bundle"]["title"] == "Taman bermain gabungan"
    assert [s["outcome"]["code"] for s in data["path"]] == ["prioritised"]
    listed = client.get("/api/v2/usulan/?limit=100").json()["results"]
    for item in listed:
        assert c.code not in item["bundle"]["codes"]


def test_a_small_kelurahan_is_not_named_by_its_session(client, board, settings):
    settings.SMALL_KELURAHAN_MIN_MEMBERS = 1000
    name = f"Musrenbang Kelurahan {board.full.kelurahan.name}"
    kecamatan = board.full.kelurahan.parent.name
    for url in (f"/usulan/{board.full.code}/", f"/api/v2/usulan/{board.full.code}/", "/usulan/"):
        body = client.get(url).content.decode()
        if url.startswith("/api/"):
            body = json.dumps(client.get(url).json(), ensure_ascii=False)
        assert name not in body, url
        assert f"Musrenbang Kelurahan di Kecamatan {kecamatan}" in body, url
    settings.SMALL_KELURAHAN_MIN_MEMBERS = 0
    assert name in client.get(f"/usulan/{board.full.code}/").content.decode()


def test_implementation_photo_only_while_public(client, board):
    url = f"/usulan/{board.full.code}/foto-pelaksanaan/"
    assert client.get(url).status_code == 200
    proposal_set_hidden(actor=board_moderator(), proposal=board.full, hidden=True)
    assert client.get(url).status_code == 404
    # A public proposal without an implementation photo, and nonsense codes.
    assert client.get(f"/usulan/{board.funded.code}/foto-pelaksanaan/").status_code == 404
    assert client.get("/usulan/FA-0000-0000/foto-pelaksanaan/").status_code == 404


def board_moderator():
    return UserFactory(groups=[roles.PROPOSAL_MODERATOR])


# --- Counts and filters ---------------------------------------------------------------------


def _expected(board, states):
    public = [
        board.approved,
        board.forwarded,
        board.prioritised,
        board.full,
        board.partly,
        board.not_adopted,
        board.funded,
        *board.merged,
    ]
    return {p.code for p in public if p.state in states}


def test_status_filters_return_exactly_the_expected(client, board):
    cases = {
        "diteruskan": Proposal.FORWARDED_STATES,
        "diakomodasi": Proposal.ADOPTED_STATES,
        "funded": (S.FUNDED,),
        "implemented": (S.IMPLEMENTED,),
        "approved": (S.APPROVED,),
        "not_adopted": (S.NOT_ADOPTED,),
        "prioritised": (S.PRIORITISED,),
        "partly_adopted": (S.PARTLY_ADOPTED,),
    }
    for value, states in cases.items():
        expected = _expected(board, states)
        assert expected, value
        assert _codes(client, f"/api/v2/usulan/?status={value}&limit=100") == expected, value
        assert _board_codes(client, f"status={value}") == expected, value
    assert _expected(board, (S.FORWARDED,)) == {board.forwarded.code}
    assert _expected(board, Proposal.ADOPTED_STATES) == {
        board.full.code,
        board.partly.code,
        board.funded.code,
    }
    # Unknown values are refused, never a 500.
    assert client.get("/api/v2/usulan/?status=hidden").status_code == 400
    assert client.get("/usulan/?status=rejected").status_code == 200


def test_board_counts_follow_the_definition(client, board):
    body = client.get("/usulan/").content.decode()
    public_count = len(_expected(board, Proposal.PUBLIC_STATES))
    assert public_count == 10
    assert f"{public_count} usulan" in body

    def shown(label):
        match = re.search(rf">{label}: (\d+)<", body)
        assert match, label
        return int(match.group(1))

    assert shown("Disetujui") == 1
    # forwarded, prioritised, full, partly, not_adopted, funded and the three merged (not
    # the concern-held, referred or hidden ones).
    assert shown("Diteruskan ke musrenbang") == 9
    assert shown("Diakomodasi") == 3
    assert shown("Didanai") == 1
    assert shown("Sudah dikerjakan") == 1
    # Each board row says where it stands.
    assert "Sekarang:" in body and "Sedang dibahas di musrenbang" in body
    assert "digabung dengan usulan serupa" in body


def test_home_counts_follow_the_definition(client, board, world):
    body = client.get("/").content.decode()
    match = re.search(
        r"(\d+) diajukan, (\d+) disetujui, (\d+) diteruskan ke musrenbang, (\d+) diakomodasi",
        body,
    )
    assert match, body
    # Submitted: the 13 sent, the hidden one too (as before), less the two under a concern.
    assert tuple(int(g) for g in match.groups()) == (11, 10, 9, 3)
    # Cached: a change shows only after the cache expires.
    proposal_set_hidden(actor=world.moderator, proposal=board.funded, hidden=True)
    assert re.search(r"9 diteruskan ke musrenbang, 3 diakomodasi", client.get("/").content.decode())
    cache.clear()
    assert re.search(r"8 diteruskan ke musrenbang, 2 diakomodasi", client.get("/").content.decode())


# --- Nothing private --------------------------------------------------------------------------


def test_marker_sweep_of_board_detail_and_api(client, board):
    urls = ["/usulan/", "/usulan/?status=diteruskan", "/api/v2/usulan/?limit=100", "/"]
    for p in [board.full, board.partly, board.not_adopted, board.forwarded, *board.merged[:2]]:
        urls += [f"/usulan/{p.code}/", f"/api/v2/usulan/{p.code}/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if url.startswith("/api/"):
            body = json.dumps(response.json(), ensure_ascii=False)
        assert PRIVATE not in body, url
        assert INTERNAL not in body, url
        for hidden in (board.concerned, board.referred, board.hidden):
            assert hidden.code not in body, url
    for hidden in (board.concerned, board.referred, board.hidden):
        assert client.get(f"/usulan/{hidden.code}/").status_code == 404
        assert client.get(f"/api/v2/usulan/{hidden.code}/").status_code == 404


def test_sitemap_lists_only_public_proposals(client, board):
    body = client.get("/sitemap.xml").content.decode()
    for p in [board.full, board.partly, board.not_adopted, board.approved, *board.merged]:
        assert f"/usulan/{p.code}/" in body
    for p in (board.concerned, board.referred, board.hidden):
        assert f"/usulan/{p.code}/" not in body


# --- Query counts ----------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client.get(url)  # warm-up (site settings, sessions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_stay_constant(client, world):
    w = world
    first = w.full_path(w.approved(), rank=1)
    for n in range(5):
        p = w.approved()
        w.outcome(w.forward(p, Level.KELURAHAN), "prioritised", rank=10 + n)
    three = [w.approved() for _ in range(3)]
    bundles_merge(
        actor=w.coordinator,
        bundles=[w.bundle(p) for p in three],
        public_title="Gabungan",
        public_problem="Masalah gabungan.",
        public_activity="Kegiatan gabungan.",
        cluster="pendidikan",
    )
    urls = ["/usulan/", "/usulan/?status=diteruskan", "/api/v2/usulan/?limit=100"]
    detail = [f"/usulan/{first.code}/", f"/api/v2/usulan/{first.code}/"]
    w.approved()
    assert Proposal.objects.public().count() == 10
    few = {url: _queries(client, url) for url in urls + detail}
    # 50 in all (more than a board page), most with a path of two sessions, through the
    # same services: a query per row would show as 40 more.
    rank = 100
    for _ in range(40):
        p = w.approved()
        rank += 1
        w.outcome(w.forward(p, Level.KELURAHAN), "prioritised", rank=rank)
        w.outcome(w.forward(p, Level.KECAMATAN), "adopted", rank=rank)
    many = {url: _queries(client, url) for url in urls + detail}
    assert Proposal.objects.public().count() == 50
    assert many == few
