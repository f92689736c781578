"""The public face of proposals (issue 4, acceptance 5): /usulan/, its detail, photo and
"Laporkan" pages, the API, the sitemap and the home counts show only public proposals, only
their public version, and name small kelurahan by their kecamatan.

`public_world` (board_world.py) builds proposals in every state, hidden ones and ones under
concerns, with a unique marker in every private field; the sweep then reads every public
surface.
"""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from forum_anak.membership.selectors import public_area
from forum_anak.models import (
    Area,
    ForumGroup,
    MemberProfile,
    MusrenbangCycle,
    Proposal,
    ProposalPhoto,
    ProposalReport,
)
from forum_anak.public import views as public_views
from forum_anak.public.selectors import public_areas
from tests.forum_anak.factories import MemberProfileFactory, verify
from tests.forum_anak.public.board_world import APPROVED_NICKNAME

pytestmark = pytest.mark.django_db

S = Proposal.State
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Sweep:
    """Reads public URLs, asserting no marker and no non-public code in any answer."""

    def __init__(self, client, world):
        self.client, self.world = client, world
        self.bodies: dict[str, str] = {}

    def get(self, path: str, **kwargs):
        response = self.client.get(path, **kwargs)
        body = b"" if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        everything = f"{text}\n{headers}\n{response.cookies}".lower()
        for marker in self.world.markers:
            assert marker.lower() not in everything, f"{marker} on {path}"
        for code in self.world.hidden_codes:
            assert code.lower() not in everything, f"non-public {code} on {path}"
        self.bodies[path] = text
        return response


def _small_area_absent(world, text: str, where: str):
    small = world.small
    assert small.code not in text, where
    assert f"Kelurahan {small.name}" not in text, where
    assert f">{small.name}<" not in text, where


def test_sweep_of_every_public_surface(client, public_world, monkeypatch):
    world = public_world
    monkeypatch.setattr(public_views, "BOARD_PAGE_SIZE", 4)
    sweep = Sweep(client, world)

    # The board, page by page, then with every filter value it offers.
    board = sweep.get("/usulan/")
    assert board.status_code == 200
    pages = int(re.search(r"Halaman 1 dari (\d+)", sweep.bodies["/usulan/"]).group(1))
    assert pages == 3  # ten public proposals, four a page
    listed = "".join(sweep.get(f"/usulan/?halaman={n}").content.decode() for n in (1, 2, 3))
    for code, proposal in ((p.code, p) for p in world.public.values()):
        assert code in listed and proposal.public_title in listed
    form = board.context["form"]
    for name in ("kecamatan", "kelurahan", "klaster", "status", "tahun"):
        values = [value for value, _label in _flat_choices(form.fields[name].choices) if value]
        assert values, name
        for value in values:
            response = sweep.get(f"/usulan/?{name}={value}")
            assert response.status_code == 200
            _small_area_absent(world, response.content.decode(), f"/usulan/?{name}={value}")
    sweep.get(f"/usulan/?kecamatan={world.k1.code}&kelurahan={world.big.code}&klaster=pendidikan")

    # Detail, report and photo pages of public proposals; 404 for everything else.
    for proposal in world.public.values():
        detail = sweep.get(f"/usulan/{proposal.code}/")
        assert detail.status_code == 200
        assert f"Catatan publik {proposal.public_title}" in detail.content.decode()
        assert sweep.get(f"/usulan/{proposal.code}/laporkan/").status_code == 200
    for code in world.hidden_codes:
        for path in (f"/usulan/{code}/", f"/usulan/{code}/laporkan/", f"/usulan/{code}/foto/"):
            assert client.get(path).status_code == 404, path
            assert client.post(path, {"reason": "other"}).status_code in (404, 405), path
        assert client.get(f"/api/v2/usulan/{code}/").status_code == 404
    assert not ProposalReport.objects.exists()

    # The API: every filter, every page, every detail.
    listing = json.loads(sweep.get("/api/v2/usulan/?limit=4").content)
    assert listing["count"] == len(world.public)
    seen, url = [], "/api/v2/usulan/?limit=4"
    while url:
        data = json.loads(sweep.get(_local(url) if url.startswith("http") else url).content)
        seen += [item["code"] for item in data["results"]]
        url = data["next"]
    assert sorted(seen) == sorted(p.code for p in world.public.values())
    for name in ("kecamatan", "kelurahan", "klaster", "status", "tahun"):
        for value, _label in _flat_choices(form.fields[name].choices):
            if value:
                assert sweep.get(f"/api/v2/usulan/?{name}={value}").status_code == 200
    for code in seen:
        sweep.get(f"/api/v2/usulan/{code}/")

    # Sitemap: exactly the public proposals, each answering.
    sitemap = sweep.get("/sitemap.xml")
    locs = [loc.text for loc in ET.fromstring(sitemap.content).findall(".//sm:loc", SITEMAP_NS)]
    in_sitemap = sorted(
        m.group(1) for loc in locs if (m := re.search(r"/usulan/(FA-[^/]+)/$", loc))
    )
    assert in_sitemap == sorted(p.code for p in world.public.values())
    assert any(_local(loc) == "/" for loc in locs), "the pages' sitemap is kept"
    for loc in locs:
        assert sweep.get(_local(loc)).status_code == 200

    # Photos: only the safe one without a concern.
    photo = sweep.get(f"/usulan/{world.safe_photo.code}/foto/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"
    assert (
        f"/usulan/{world.safe_photo.code}/foto/"
        in sweep.bodies[f"/usulan/{world.safe_photo.code}/"]
    )
    for proposal in (world.flagged_photo, world.unsafe_photo):
        assert client.get(f"/usulan/{proposal.code}/foto/").status_code == 404
        assert "/foto/" not in sweep.bodies[f"/usulan/{proposal.code}/"]

    home = sweep.get("/")
    assert home.status_code == 200

    everything = "\n".join(sweep.bodies.values())
    assert APPROVED_NICKNAME in everything  # an approved nickname may be shown
    assert world.star.user.username not in everything


def _flat_choices(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield value, label


def test_labels_follow_the_small_kelurahan_rule(client, public_world):
    world = public_world
    board = client.get("/usulan/?kecamatan=" + world.k1.code).content.decode()
    _small_area_absent(world, board, "board")
    # A member of the small kelurahan and its forum group are named by the kecamatan.
    small_detail = client.get(f"/usulan/{world.public['kecil'].code}/").content.decode()
    assert f"Kecamatan {world.k1.name}" in small_detail
    assert f"Anggota Forum Anak Kecamatan {world.k1.name}" in small_detail
    _small_area_absent(world, small_detail, "small detail")
    paper = client.get(f"/usulan/{world.public['kertas'].code}/").content.decode()
    assert f"Forum Anak Kecamatan {world.k1.name}" in paper
    assert ForumGroup.objects.get(area=world.small).name not in paper
    _small_area_absent(world, paper, "paper detail")
    # The big kelurahan is named, and so is its group; a nickname not yet approved is not.
    quiet = client.get(f"/usulan/{world.public['sunyi'].code}/").content.decode()
    assert f"Anggota Forum Anak Kelurahan {world.big.name}" in quiet
    assert world.quiet.nickname not in quiet
    group = client.get(f"/usulan/{world.public['kelompok'].code}/").content.decode()
    assert ForumGroup.objects.get(area=world.big).name in group
    assert APPROVED_NICKNAME not in group  # a group proposal is the group's
    star = client.get(f"/usulan/{world.public['bintang'].code}/").content.decode()
    assert APPROVED_NICKNAME in star
    # Filters: the small kelurahan is not offered, and asking for it reads exactly like
    # asking for a kelurahan that does not exist.
    small_filter = client.get(f"/usulan/?kelurahan={world.small.code}").content.decode()
    bogus_filter = client.get("/usulan/?kelurahan=99.99.99.9999").content.decode()
    assert small_filter.replace(world.small.code, "X") == bogus_filter.replace("99.99.99.9999", "X")
    api_small = client.get(f"/api/v2/usulan/?kelurahan={world.small.code}")
    api_bogus = client.get("/api/v2/usulan/?kelurahan=99.99.99.9999")
    assert api_small.status_code == api_bogus.status_code == 400
    assert api_small.content == api_bogus.content
    big_filter = client.get(f"/usulan/?kelurahan={world.big.code}").content.decode()
    assert world.public["sunyi"].code in big_filter
    assert world.public["kecil"].code not in big_filter
    # Once the small kelurahan has enough verified members, it is named everywhere.
    pending = MemberProfile.objects.filter(kelurahan=world.small, status="pending")
    for profile in pending:
        verify(profile)
    for _ in range(2):
        verify(MemberProfileFactory(kelurahan=world.small))
    now_named = client.get(f"/usulan/{world.public['kecil'].code}/").content.decode()
    assert f"Kelurahan {world.small.name}" in now_named
    assert f">{world.small.name}<" in client.get("/usulan/").content.decode()


def test_public_areas_agrees_with_the_selector_for_every_kelurahan(public_world):
    areas = public_areas()
    for kelurahan in Area.objects.filter(level=Area.Level.KELURAHAN).select_related("parent"):
        assert areas.area(kelurahan) == public_area(kelurahan=kelurahan), kelurahan.code


def test_board_filters_narrow_and_bad_values_are_ignored_with_a_message(client, public_world):
    world = public_world
    health = client.get("/usulan/?klaster=kesehatan").content.decode()
    assert world.public["sunyi"].code in health
    assert world.public["bintang"].code not in health
    east = client.get(f"/usulan/?kecamatan={world.k2.code}").content.decode()
    assert world.public["timur"].code in east and world.public["bintang"].code not in east
    assert world.public["kecamatan"].code in east
    kecamatan_forum = client.get(f"/usulan/{world.public['kecamatan'].code}/").content.decode()
    assert f"Kecamatan {world.k2.name}" in kecamatan_forum
    assert ForumGroup.objects.get(area=world.k2).name in kecamatan_forum
    year = client.get(f"/usulan/?tahun={world.public['timur'].cycle.year}").content.decode()
    assert all(p.code in year for p in world.public.values())
    nothing = client.get(f"/usulan/?kecamatan={world.k2.code}&klaster=pendidikan")
    assert "Belum ada usulan yang cocok" in nothing.content.decode()
    bad = client.get("/usulan/?klaster=bukan&status=%00")
    assert bad.status_code == 200
    assert "tidak dikenal" in bad.content.decode()
    assert all(p.code in bad.content.decode() for p in world.public.values())


def test_empty_board_says_so(client, site_tree, wilayah):
    response = client.get("/usulan/")
    assert response.status_code == 200
    assert "Belum ada usulan yang disetujui" in response.content.decode()


def test_home_counts_for_the_current_cycle(client, public_world, cycle):
    body = client.get("/").content.decode()
    # Submitted at least once, not withdrawn, not under a concern: the ten public ones,
    # submitted, in review, revision requested, rejected and the hidden one (15).
    match = re.search(r"(\d+) diajukan, (\d+) disetujui", body)
    assert match, body
    assert (int(match.group(1)), int(match.group(2))) == (15, 10)
    assert 'href="/usulan/"' in body
    # Another, older cycle's proposals do not count.
    older = MusrenbangCycle.objects.create(
        year=cycle.year - 5,
        rkpd_year=cycle.year - 4,
        submission_opens=cycle.submission_opens - timedelta(days=2000),
        submission_closes=cycle.submission_closes - timedelta(days=2000),
    )
    Proposal.objects.filter(pk=public_world.public["bintang"].pk).update(cycle=older)
    from django.core.cache import cache

    cache.clear()
    match = re.search(r"(\d+) diajukan, (\d+) disetujui", client.get("/").content.decode())
    assert (int(match.group(1)), int(match.group(2))) == (14, 9)


def test_home_counts_follow_current_cycle_choice(site_tree, cycle):
    from forum_anak.public.selectors import current_cycle_counts

    newer_closed = MusrenbangCycle.objects.create(
        year=cycle.year + 3,
        rkpd_year=cycle.year + 4,
        submission_opens=cycle.submission_closes + timedelta(days=300),
        submission_closes=cycle.submission_closes + timedelta(days=330),
    )
    assert MusrenbangCycle.current() == cycle
    assert current_cycle_counts()["year"] == cycle.year
    cycle.delete()
    from django.core.cache import cache

    cache.clear()
    assert MusrenbangCycle.current() == newer_closed
    assert current_cycle_counts()["year"] == newer_closed.year


def test_home_without_cycle_shows_no_counts(client, site_tree):
    assert "diajukan" not in client.get("/").content.decode()


# --- Laporkan ----------------------------------------------------------------------------


def test_report_form_validates_and_creates_one_report(client, public_world):
    proposal = public_world.public["bintang"]
    url = f"/usulan/{proposal.code}/laporkan/"
    page = client.get(url).content.decode()
    for value, label in ProposalReport.Reason.choices:
        assert f'value="{value}"' in page and str(label) in page
    assert not ProposalReport.objects.exists()
    missing = client.post(url, {"note": "tanpa alasan"})
    assert missing.status_code == 200
    assert "Pilih salah satu alasan" in missing.content.decode()
    wrong = client.post(url, {"reason": "bukan-alasan"})
    assert wrong.status_code == 200 and not ProposalReport.objects.exists()
    too_long = client.post(url, {"reason": "other", "note": "x" * 1001})
    assert too_long.status_code == 200 and not ProposalReport.objects.exists()
    done = client.post(url, {"reason": "personal_data", "note": "Ada nama sekolah."}, follow=True)
    assert done.redirect_chain[-1][0] == f"/usulan/{proposal.code}/"
    assert "Terima kasih" in done.content.decode()
    report = ProposalReport.objects.get()
    assert (report.proposal, report.reason, report.note) == (
        proposal,
        "personal_data",
        "Ada nama sekolah.",
    )


def test_report_is_rate_limited_per_address_without_a_500(client, public_world):
    proposal = public_world.public["bintang"]
    url = f"/usulan/{proposal.code}/laporkan/"
    for _ in range(public_views.REPORTS_PER_ADDRESS):
        assert client.post(url, {"reason": "other"}, REMOTE_ADDR="10.0.0.1").status_code == 302
    over = client.post(url, {"reason": "other"}, REMOTE_ADDR="10.0.0.1")
    assert over.status_code == 429
    assert "Terlalu banyak laporan" in over.content.decode()
    assert ProposalReport.objects.count() == public_views.REPORTS_PER_ADDRESS
    # Another address still may; invalid forms do not use up the allowance.
    for _ in range(10):
        client.post(url, {}, REMOTE_ADDR="10.0.0.2")
    assert client.post(url, {"reason": "other"}, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_report_total_cap_bounds_the_queue(client, public_world, monkeypatch):
    monkeypatch.setattr(public_views, "REPORTS_IN_TOTAL", 3)
    url = f"/usulan/{public_world.public['bintang'].code}/laporkan/"
    codes = [
        client.post(url, {"reason": "other"}, REMOTE_ADDR=f"10.0.1.{n}").status_code
        for n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    assert ProposalReport.objects.count() == 3


def test_report_on_a_proposal_that_just_went_private_is_refused(client, public_world):
    proposal = public_world.public["bintang"]
    url = f"/usulan/{proposal.code}/laporkan/"
    Proposal.objects.filter(pk=proposal.pk).update(hidden_from_public=True)
    assert client.post(url, {"reason": "other"}).status_code == 404
    assert not ProposalReport.objects.exists()


def test_site_search_never_indexes_proposals_or_members():
    """/cari/ searches Wagtail's index only: no proposal text, photo or member data is in it
    (a public-version search would be added here, reading Proposal.objects.public())."""
    from wagtail.search.index import get_indexed_models

    from forum_anak.models import MemberProfile, ProposalRevision, TimelineEvent

    indexed = set(get_indexed_models())
    for model in (Proposal, ProposalRevision, ProposalPhoto, TimelineEvent, MemberProfile):
        assert model not in indexed, model
