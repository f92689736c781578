"""The musrenbang back office (/admin/musrenbang/, issue 5): who gets in, each step through
its view (merge, bulk forward with its summary, outcome, references, funding,
implementation with its photo, split, session held/closed), bad input as a message and
never a 500 nor a half-saved change, the admin home panel and the list's query count."""

import html
import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from forum_anak.models import (
    Bundle,
    Forwarding,
    MusrenbangSession,
    Notification,
    Proposal,
    TimelineEvent,
)
from forum_anak.musrenbang.services import bundle_forward
from portal import roles
from tests.factories import UserFactory
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify

# One world for the module: each test changes it only inside its own savepoint.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_second_factor", "world_once")]
S = Proposal.State
Level = MusrenbangSession.Level


def u(name, *args):
    return reverse(f"musrenbang_admin:{name}", args=args)


def texts(response) -> list[str]:
    """The messages shown, as read (Wagtail's messages are escaped HTML)."""
    return [html.unescape(str(m.message)).strip() for m in get_messages(response.wsgi_request)]


def snapshot():
    return (
        list(Bundle.objects.order_by("pk").values_list("pk", "state", "public_title")),
        list(Proposal.objects.order_by("pk").values_list("pk", "state", "bundle_id")),
        list(Forwarding.objects.order_by("pk").values_list("pk", "outcome", "rank")),
        TimelineEvent.objects.count(),
        Notification.objects.count(),
    )


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 120, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x8825] = {1: "S", 2: (8.0, 27.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


# --- Who gets in ------------------------------------------------------------------------------


def _all_urls(world) -> list[tuple[str, str]]:
    proposal = world.approved()
    bundle = world.bundle(proposal)
    forwarding = world.forward(proposal, Level.KELURAHAN)
    session = world.sessions[Level.KELURAHAN]
    return [
        ("get", u("sessions")),
        ("get", u("session", session.pk)),
        ("post", u("session_held", session.pk)),
        ("post", u("session_close", session.pk)),
        ("get", u("recap", session.pk)),
        ("get", u("session_export", session.pk) + "?format=csv"),
        ("get", u("bundles")),
        ("post", u("bulk")),
        ("get", u("merge") + f"?ids={bundle.pk}"),
        ("get", u("bundle", bundle.pk)),
        ("get", u("bundle_edit", bundle.pk)),
        ("post", u("bundle_split", bundle.pk, proposal.pk)),
        ("get", u("bundle_forward", bundle.pk)),
        ("get", u("references", bundle.pk)),
        ("get", u("fund", bundle.pk)),
        ("get", u("implement", bundle.pk)),
        ("get", u("bundle_photo", bundle.pk)),
        ("get", u("outcome", forwarding.pk)),
        ("get", u("export") + "?format=csv"),
    ]


def test_only_the_koordinator_gets_in(client, world):
    urls = _all_urls(world)
    member = verify(MemberProfileFactory(kelurahan=world.kelurahan)).user
    others = [
        world.moderator,
        world.officer,
        member,
        make_facilitator(world.kecamatan),
        UserFactory(groups=[roles.EDITOR]),
        UserFactory(is_staff=True),
    ]
    before = snapshot()
    for user in others:
        client.force_login(user)
        for method, address in urls:
            response = getattr(client, method)(address)
            assert response.status_code == 403, (user, address)
    client.logout()
    for method, address in urls:
        response = getattr(client, method)(address)
        assert response.status_code == 302 and "login" in response["Location"], address
    assert snapshot() == before


def test_the_koordinator_reads_every_page(koordinator, world):
    for method, address in _all_urls(world):
        if method != "get" or "foto" in address:
            continue
        assert koordinator.get(address).status_code == 200, address


def test_the_menu_shows_musrenbang_to_the_koordinator_only(client, world):
    client.force_login(world.coordinator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert u("sessions") in page and u("bundles") in page
    client.force_login(world.moderator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert u("sessions") not in page and u("bundles") not in page


@pytest.mark.parametrize(
    "address",
    [
        "/admin/musrenbang/sesi/99999/",
        "/admin/musrenbang/sesi/99999999999999999999999/",
        "/admin/musrenbang/gabungan/99999/",
        "/admin/musrenbang/gabungan/99999999999999999999999/ubah/",
        "/admin/musrenbang/penerusan/99999/hasil/",
        "/admin/musrenbang/gabungan/gabung/?ids=abc",
        "/admin/musrenbang/gabungan/gabung/?ids=1,99999",
        "/admin/musrenbang/gabungan/gabung/?ids=99999999999999999999999",
        "/admin/musrenbang/gabungan/gabung/",
    ],
)
def test_unknown_or_impossible_ids_are_404(koordinator, address):
    assert koordinator.get(address).status_code == 404


# --- Merge and bulk forward -------------------------------------------------------------------


def test_merging_two_approved_proposals_through_the_pages(koordinator, world):
    first, second = world.approved(), world.approved()
    ids = sorted([first.bundle_id, second.bundle_id])
    response = koordinator.post(
        u("bulk"), {"action": "merge", "ids": ids, "query": "status=approved"}
    )
    assert response.status_code == 302
    assert response["Location"] == u("merge") + f"?ids={ids[0]},{ids[1]}"
    page = koordinator.get(response["Location"])
    assert page.status_code == 200
    assert (
        page.context["form"].initial["public_title"] == Bundle.objects.get(pk=ids[0]).public_title
    )

    response = koordinator.post(
        u("merge"),
        {
            "ids": f"{ids[0]},{ids[1]}",
            "public_title": "Lampu jalan di dua gang",
            "public_problem": "Dua gang gelap.",
            "public_activity": "Pasang lampu.",
            "cluster": "perlindungan",
        },
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.bundle_id == second.bundle_id
    assert response["Location"] == u("bundle", first.bundle_id)
    assert not Bundle.objects.filter(pk__in=ids).exists()
    assert Notification.objects.filter(kind="merge").count() == 2


def test_a_merge_with_an_empty_title_saves_nothing(koordinator, world):
    first, second = world.approved(), world.approved()
    before = snapshot()
    response = koordinator.post(
        u("merge"),
        {
            "ids": f"{first.bundle_id},{second.bundle_id}",
            "public_title": "  ",
            "public_problem": "Dua gang gelap.",
            "public_activity": "Pasang lampu.",
            "cluster": "perlindungan",
        },
    )
    assert response.status_code == 200
    assert "Belum tersimpan. Periksa isian di bawah." in texts(response)
    assert snapshot() == before


def test_merging_a_forwarded_bundle_is_refused_with_its_reason(koordinator, world):
    first, second = world.approved(), world.approved()
    world.forward(second, Level.KELURAHAN)
    before = snapshot()
    response = koordinator.post(
        u("merge"),
        {
            "ids": f"{first.bundle_id},{second.bundle_id}",
            "public_title": "Lampu",
            "public_problem": "Gelap.",
            "public_activity": "Pasang lampu.",
            "cluster": "perlindungan",
        },
    )
    assert response.status_code == 200
    assert any("tindakan ini tidak bisa" in text for text in texts(response))
    assert snapshot() == before


def test_bulk_forward_goes_one_by_one_and_sums_up(koordinator, world):
    ready = [world.approved(), world.approved()]
    gone = world.approved()
    world.outcome(world.forward(gone, Level.KECAMATAN), "not_adopted", reason="Sudah ada.")
    session = world.sessions[Level.KELURAHAN]
    ids = [p.bundle_id for p in [*ready, gone]]
    response = koordinator.post(
        u("bulk"), {"action": "forward", "session": session.pk, "ids": ids}, follow=True
    )
    [summary] = texts(response)
    assert summary.startswith("2 diteruskan ke Musrenbang Kelurahan")
    assert "1 tidak bisa" in summary
    for proposal in ready:
        proposal.refresh_from_db()
        assert proposal.state == S.FORWARDED
    gone.refresh_from_db()
    assert gone.state == S.NOT_ADOPTED
    assert Forwarding.objects.filter(session=session).count() == 2


def test_bulk_without_a_session_or_a_choice_changes_nothing(koordinator, world):
    proposal = world.approved()
    before = snapshot()
    response = koordinator.post(u("bulk"), {"action": "forward", "ids": [proposal.bundle_id]})
    assert response.status_code == 302
    assert "Pilih sesi tujuan." in texts(response)
    response = koordinator.post(u("bulk"), {"action": "forward", "session": 1})
    assert "Pilih paling sedikit satu usulan." in " ".join(texts(response))
    response = koordinator.post(u("bulk"), {"action": "merge", "ids": [proposal.bundle_id]})
    assert "Pilih sedikitnya dua usulan untuk digabung." in " ".join(texts(response))
    response = koordinator.post(
        u("bulk"), {"action": "forward", "session": "x", "ids": [proposal.bundle_id]}
    )
    assert response.status_code == 302
    assert snapshot() == before


def test_bulk_forward_to_an_unknown_bundle_is_404(koordinator, world):
    session = world.sessions[Level.KELURAHAN]
    response = koordinator.post(
        u("bulk"), {"action": "forward", "session": session.pk, "ids": [987654]}
    )
    assert response.status_code == 404


# --- One bundle -------------------------------------------------------------------------------


def test_forward_then_outcome_through_the_pages(koordinator, world):
    proposal = world.approved()
    bundle = world.bundle(proposal)
    kelurahan = world.sessions[Level.KELURAHAN]
    response = koordinator.post(u("bundle_forward", bundle.pk), {"session": kelurahan.pk})
    assert response["Location"] == u("bundle", bundle.pk)
    forwarding = Forwarding.objects.get(bundle=bundle)

    # Prioritised without a rank: refused, nothing changed.
    before = snapshot()
    response = koordinator.post(u("outcome", forwarding.pk), {"outcome": "prioritised"})
    assert response.status_code == 200
    assert "Tulis peringkat usulan di sesi ini (1, 2, 3, ...)." in texts(response)
    assert snapshot() == before

    response = koordinator.post(u("outcome", forwarding.pk), {"outcome": "prioritised", "rank": 1})
    assert response["Location"] == u("session", kelurahan.pk)
    proposal.refresh_from_db()
    assert proposal.state == S.PRIORITISED

    # Twice: refused with what was recorded.
    response = koordinator.post(u("outcome", forwarding.pk), {"outcome": "adopted"})
    assert 'Hasilnya sudah dicatat: "Diprioritaskan".' in texts(response)

    # The forward form offers only higher levels now.
    page = koordinator.get(u("bundle_forward", bundle.pk))
    offered = set(page.context["form"].fields["session"].queryset.values_list("level", flat=True))
    assert offered == {Level.KECAMATAN, Level.TEMATIK_ANAK, Level.KOTA}
    response = koordinator.post(u("bundle_forward", bundle.pk), {"session": kelurahan.pk})
    assert response.status_code == 200
    assert "Belum tersimpan. Periksa isian di bawah." in texts(response)


def test_not_adopted_needs_a_reason_and_partly_adopted_its_numbers(koordinator, world):
    first, second = world.approved(), world.approved()
    one = world.forward(first, Level.KELURAHAN)
    two = world.forward(second, Level.KELURAHAN)
    before = snapshot()
    response = koordinator.post(u("outcome", one.pk), {"outcome": "not_adopted"})
    assert "Tulis alasannya untuk anak, dengan kata-kata sederhana." in texts(response)
    response = koordinator.post(u("outcome", two.pk), {"outcome": "partly_adopted"})
    assert "Tulis volume dan biaya yang diakomodasi." in texts(response)
    response = koordinator.post(u("outcome", two.pk), {"outcome": "tidak-ada"})
    assert response.status_code == 200
    assert snapshot() == before
    koordinator.post(
        u("outcome", two.pk),
        {"outcome": "partly_adopted", "adopted_volume": "4", "adopted_cost": "20000000"},
    )
    two.refresh_from_db()
    assert (two.outcome, two.adopted_volume, two.adopted_cost) == ("partly_adopted", 4, 20000000)


def test_references_funding_and_implementation_with_a_clean_photo(koordinator, world):
    proposal = world.approved()
    bundle = world.bundle(proposal)
    world.outcome(world.forward(proposal, Level.KELURAHAN), "adopted")
    koordinator.post(u("references", bundle.pk), {"rkpd_reference": "RKPD-1", "sipd_reference": ""})
    response = koordinator.post(u("fund", bundle.pk), {"apbd_year": "1999", "amount": "10"})
    assert response.status_code == 200  # a form error, nothing saved
    koordinator.post(u("fund", bundle.pk), {"apbd_year": "2028", "amount": "150000000"})
    bundle.refresh_from_db()
    assert (bundle.state, bundle.rkpd_reference, bundle.apbd_year) == (S.FUNDED, "RKPD-1", 2028)

    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    photo = SimpleUploadedFile("lampu.jpg", jpeg_with_gps(), content_type="image/jpeg")
    before = snapshot()
    response = koordinator.post(
        u("implement", bundle.pk),
        {"implemented_on": yesterday, "note": "Lampu dipasang.", "photo": photo},
    )
    assert response.status_code == 200
    assert snapshot() == before  # no "no child's face" check: nothing saved
    bundle.refresh_from_db()
    assert not bundle.implementation_photo

    photo = SimpleUploadedFile("lampu.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = koordinator.post(
        u("implement", bundle.pk),
        {
            "implemented_on": yesterday,
            "note": "Lampu dipasang.",
            "photo": photo,
            "no_child_in_photo": "on",
        },
    )
    assert response["Location"] == u("bundle", bundle.pk)
    bundle.refresh_from_db()
    assert bundle.state == S.IMPLEMENTED
    assert (bundle.implementation_photo_width, bundle.implementation_photo_height) == (64, 48)
    assert bundle.implementation_photo.name.endswith(".jpg")
    stored = bundle.implementation_photo.read()
    assert b"KameraRahasia" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    streamed = koordinator.get(u("bundle_photo", bundle.pk))
    assert streamed.status_code == 200
    assert {"private", "no-store"} <= set(streamed["Cache-Control"].split(", "))


def test_a_broken_photo_is_a_form_error(koordinator, world):
    proposal = world.approved()
    bundle = world.bundle(proposal)
    world.outcome(world.forward(proposal, Level.KELURAHAN), "adopted")
    koordinator.post(u("fund", bundle.pk), {"apbd_year": "2028", "amount": "1000"})
    before = snapshot()
    response = koordinator.post(
        u("implement", bundle.pk),
        {
            "implemented_on": timezone.localdate().isoformat(),
            "note": "Selesai.",
            "photo": SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg"),
            "no_child_in_photo": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    assert snapshot() == before


def test_split_takes_one_proposal_out(koordinator, world):
    first, second = world.approved(), world.approved()
    koordinator.post(
        u("merge"),
        {
            "ids": f"{first.bundle_id},{second.bundle_id}",
            "public_title": "Lampu",
            "public_problem": "Gelap.",
            "public_activity": "Pasang lampu.",
            "cluster": "perlindungan",
        },
    )
    first.refresh_from_db()
    merged = first.bundle_id
    response = koordinator.post(u("bundle_split", merged, second.pk))
    second.refresh_from_db()
    assert second.bundle_id != merged
    assert response["Location"] == u("bundle", second.bundle_id)
    # The other one is alone now: splitting it again is refused with a message.
    response = koordinator.post(u("bundle_split", merged, first.pk))
    assert "Usulan ini sudah sendirian di gabungannya." in texts(response)
    assert koordinator.get(u("bundle_split", merged, first.pk)).status_code == 405


def test_edit_changes_the_public_version_only(koordinator, world):
    proposal = world.approved()
    bundle = world.bundle(proposal)
    response = koordinator.post(
        u("bundle_edit", bundle.pk),
        {
            "public_title": "Judul baru",
            "public_problem": "Masalah baru.",
            "public_activity": "Kegiatan baru.",
            "cluster": "perlindungan",
            "volume": "-1",
        },
    )
    assert response.status_code == 200  # negative volume: a form error
    bundle.refresh_from_db()
    assert bundle.public_title != "Judul baru"
    koordinator.post(
        u("bundle_edit", bundle.pk),
        {
            "public_title": "Judul baru",
            "public_problem": "Masalah baru.",
            "public_activity": "Kegiatan baru.",
            "cluster": "perlindungan",
            "volume": "3",
            "unit": "titik",
        },
    )
    bundle.refresh_from_db()
    assert (bundle.public_title, bundle.unit) == ("Judul baru", "titik")


# --- Sessions ---------------------------------------------------------------------------------


def test_session_held_and_closed_through_the_pages(koordinator, world):
    today = timezone.localdate()
    ahead = MusrenbangSession.objects.create(
        cycle=world.cycle,
        level=Level.KELURAHAN,
        area=world.kelurahan,
        date=today + timedelta(days=3),
        place="Aula",
    )
    response = koordinator.post(u("session_held", ahead.pk))
    assert "Sesi ini belum berlangsung (tanggalnya belum lewat)." in texts(response)
    session = world.sessions[Level.KELURAHAN]
    forwarding = world.forward(world.approved(), Level.KELURAHAN)
    koordinator.post(u("session_held", session.pk))
    session.refresh_from_db()
    assert session.status == MusrenbangSession.Status.HELD
    response = koordinator.post(u("session_close", session.pk))
    assert "Masih ada 1 usulan yang hasilnya belum dicatat." in texts(response)
    world.outcome(forwarding, "adopted")
    koordinator.post(u("session_close", session.pk))
    session.refresh_from_db()
    assert session.status == MusrenbangSession.Status.CLOSED
    page = koordinator.get(u("session", session.pk)).content.decode()
    assert "Diakomodasi" in page and u("outcome", forwarding.pk) not in page
    assert koordinator.get(u("session_close", session.pk)).status_code == 405


def test_the_calendar_lists_the_cycle_by_month_and_flags_late_outcomes(koordinator, world):
    old = MusrenbangSession.objects.create(
        cycle=world.cycle,
        level=Level.KELURAHAN,
        area=world.kelurahan,
        date=timezone.localdate() - timedelta(days=20),
        place="Aula lama",
    )
    bundle_forward(actor=world.coordinator, bundle=world.bundle(world.approved()), session=old)
    page = koordinator.get(u("sessions")).content.decode()
    for session in world.sessions.values():
        assert u("session", session.pk) in page
    assert "1 hasil belum dicatat, lewat 14 hari" in page
    assert "Musrenbang Kota Kota" not in page


def test_session_snippet_checks_the_area_and_freezes_the_level_once_used(koordinator, world):
    add = reverse("wagtailsnippets_forum_anak_musrenbangsession:add")
    data = {
        "cycle": world.cycle.pk,
        "level": Level.KECAMATAN,
        "area": world.kelurahan.pk,
        "date": timezone.localdate().isoformat(),
        "place": "Aula",
    }
    response = koordinator.post(add, data)
    assert response.status_code == 200
    assert MusrenbangSession.objects.count() == 4
    response = koordinator.post(add, {**data, "area": world.kecamatan.pk})
    assert response.status_code == 302
    assert MusrenbangSession.objects.count() == 5

    session = world.sessions[Level.KELURAHAN]
    world.forward(world.approved(), Level.KELURAHAN)
    edit = reverse("wagtailsnippets_forum_anak_musrenbangsession:edit", args=[session.pk])
    response = koordinator.post(
        edit, {**data, "level": Level.KECAMATAN, "area": world.kecamatan.pk}
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.level == Level.KELURAHAN

    # A session something went to is not deleted (its outcomes are the children's history);
    # an unused one is.
    delete = reverse("wagtailsnippets_forum_anak_musrenbangsession:delete", args=[session.pk])
    response = koordinator.post(delete)
    assert response["Location"] == u("session", session.pk)
    assert "Sesi ini tidak bisa dihapus" in texts(response)[0]
    assert MusrenbangSession.objects.filter(pk=session.pk).exists()
    unused = world.sessions[Level.KOTA]
    koordinator.post(
        reverse("wagtailsnippets_forum_anak_musrenbangsession:delete", args=[unused.pk])
    )
    assert not MusrenbangSession.objects.filter(pk=unused.pk).exists()


# --- Home panel and queries -------------------------------------------------------------------


def test_home_panel_counts_states_sessions_and_late_outcomes(client, world):
    world.forward(world.approved(), Level.KELURAHAN)
    world.approved()
    old = MusrenbangSession.objects.create(
        cycle=world.cycle,
        level=Level.KELURAHAN,
        area=world.kelurahan,
        date=timezone.localdate() - timedelta(days=15),
        place="Aula lama",
    )
    bundle_forward(actor=world.coordinator, bundle=world.bundle(world.approved()), session=old)
    MusrenbangSession.objects.create(
        cycle=world.cycle,
        level=Level.KOTA,
        area=world.kota,
        date=timezone.localdate() + timedelta(days=9),
        place="Gedung kota",
    )
    client.force_login(world.coordinator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Disetujui: 1" in page
    assert "Diteruskan ke musrenbang: 2" in page
    assert "Musrenbang Kota Bima" in page
    assert "lewat 14 hari" in page
    client.force_login(world.moderator)
    assert 'id="musrenbang"' not in client.get(reverse("wagtailadmin_home")).content.decode()


def _queries(client, address) -> int:
    client.get(address)  # warm the per-process caches (site, menu, settings)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_list_and_pages_cost_the_same_queries_for_few_or_many(koordinator, world):
    proposals = [world.approved() for _ in range(3)]
    for proposal in proposals:
        world.forward(proposal, Level.KELURAHAN)
    session = world.sessions[Level.KELURAHAN]
    few = [
        _queries(koordinator, u(name, *args))
        for name, args in (("bundles", ()), ("session", (session.pk,)), ("sessions", ()))
    ]
    for proposal in [world.approved() for _ in range(12)]:
        world.forward(proposal, Level.KELURAHAN)
    many = [
        _queries(koordinator, u(name, *args))
        for name, args in (("bundles", ()), ("session", (session.pk,)), ("sessions", ()))
    ]
    assert many == few


def test_the_export_log_is_for_superusers_only(client, world):
    from forum_anak.models import ExportLog

    ExportLog.objects.create(
        user=world.coordinator,
        user_label="Koordinator #7",
        format=ExportLog.Format.CSV,
        filters="status=adopted",
        rows=12,
    )
    for user in (world.coordinator, world.moderator, world.officer):
        client.force_login(user)
        assert client.get(u("export_log")).status_code == 403
        assert u("export_log") not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(u("export_log")).content.decode()
    assert "Koordinator #7" in page and "status=adopted" in page
    assert u("export_log") in client.get(reverse("wagtailadmin_home")).content.decode()
