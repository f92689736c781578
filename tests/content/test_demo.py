"""`manage.py seed_demo`: a complete demo site, idempotent, every page answering."""

import re
from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from content.blocks import ResourceBodyBlock
from content.demo_data import markup
from content.models import (
    CustomImage,
    EducationResourcePage,
    HelpPage,
    NewsArticlePage,
    StandardPage,
    Topic,
)
from forum_anak.membership.services import member_can_submit
from forum_anak.models import (
    Bundle,
    FacilitatorAssignment,
    Forwarding,
    MemberProfile,
    MusrenbangCycle,
    MusrenbangSession,
    Notification,
    Proposal,
    SafeguardingConcern,
    TimelineEvent,
)
from forum_anak.proposals.selectors import bundle_path
from portal.models import Hotline

pytestmark = pytest.mark.django_db

PAGE_FILE = """+++
title = "Contoh"
type = "StandardPage"
order = 5
+++

Baris pertama
dan kedua, **tebal**, *miring* & [Bantuan](/bantuan/).

## Judul

- satu
  lanjutan
- dua

::: fact_box
title = "Fakta"
items = ["a", "b"]
:::

::: faq
[[items]]
question = "Tanya?"
answer = "Jawab [di sini](/bantuan/)."
:::
"""


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": CustomImage.objects.count(),
        "documents": get_document_model().objects.count(),
        "topics": Topic.objects.count(),
        "tags": Tag.objects.count(),
        "hotlines": Hotline.objects.count(),
        "users": get_user_model().objects.count(),
        "proposals": Proposal.objects.count(),
        "timeline": TimelineEvent.objects.count(),
        "notifications": Notification.objects.count(),
        "sessions": MusrenbangSession.objects.count(),
        "bundles": Bundle.objects.count(),
        "forwardings": Forwarding.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, seeded twice, shared by this module's tests and rolled back after them.

    Seeding takes seconds; every test here reads the same site (each inside its own savepoint).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(SEED_DEMO_ACCOUNTS=True):
            _seed()
            first = _counts()
            second_output = _seed()
        yield {"first": first, "second": _counts(), "second_output": second_output}
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo, db):
    return demo


def test_running_twice_creates_no_duplicates_and_no_new_revisions(seeded):
    assert seeded["second"] == seeded["first"]
    assert "0 dibuat, 0 diperbarui" in seeded["second_output"]


def test_demo_site_has_articles_resources_and_standard_pages(seeded):
    articles = NewsArticlePage.objects.live()
    resources = EducationResourcePage.objects.live()
    assert articles.count() >= 8
    assert resources.count() >= 5
    assert {r.audience for r in resources} == set(EducationResourcePage.Audience.values)
    assert {p.slug for p in StandardPage.objects.live()} >= {
        "tentang",
        "kebijakan-privasi",
        "kode-etik",
    }
    assert Topic.objects.filter(name="TPPO").exists()
    assert Topic.objects.count() >= 6
    for page in [*articles.specific(), *resources.specific()]:
        assert page.summary and page.author_byline and page.date, page.slug
        assert 1 <= page.topics.count() <= 3, page.slug
        assert page.tags.exists(), page.slug
        assert page.hero_image and page.hero_caption and page.hero_credit, page.slug
        assert page.hero_image.default_alt_text != page.hero_image.title, page.slug


def test_every_block_type_is_used_somewhere(seeded):
    used = set()
    for model in (NewsArticlePage, EducationResourcePage, StandardPage, HelpPage):
        for page in model.objects.live():
            used.update(block.block_type for block in page.body)
    assert used >= set(ResourceBodyBlock.base_blocks)
    headings = [
        block.value["level"]
        for page in NewsArticlePage.objects.all()
        for block in page.body
        if block.block_type == "heading"
    ]
    assert {"h2", "h3"} <= set(headings)


def test_every_live_page_renders(client, seeded):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert {type(page) for page in pages} >= {
        NewsArticlePage,
        EducationResourcePage,
        StandardPage,
        HelpPage,
    }
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    for url in ["/berita/feed/", "/cari/?q=migrasi", "/edukasi/?untuk=guru", "/berita/?topik=tppo"]:
        assert client.get(url).status_code == 200, url


def test_images_and_document_links_are_served(client, seeded):
    article = NewsArticlePage.objects.get(slug="rapat-lintas-sektor-cegah-perdagangan-orang")
    html = client.get(article.url).content.decode()
    document_url = re.search(r'href="([^"]+\.pdf)"', html).group(1)
    response = client.get(document_url)
    assert response.status_code == 200
    pdf = PdfReader(BytesIO(b"".join(response.streaming_content)))
    assert "DOKUMEN CONTOH" in pdf.pages[0].extract_text()
    assert 'type="image/webp"' in html  # renditions made from the seeded hero image


def test_seeded_images_went_through_the_sanitizer(seeded):
    image = CustomImage.objects.first()
    assert (image.width, image.height) == (1200, 675)
    assert image.file_size and image.file_hash


def test_demo_accounts_only_with_the_setting(seeded, settings):
    users = get_user_model().objects.filter(username__in=["editor", "moderator", "admin"])
    editor = users.get(username="editor")
    assert editor.groups.exists() and not editor.is_superuser
    users.delete()
    settings.SEED_DEMO_ACCOUNTS = False
    output = _seed()
    assert not users.exists()
    assert "demo-forum-anak" not in output


def test_demo_members_and_facilitator(seeded):
    """Acceptance 9: a verified, a waiting and an alumni member, and a facilitator."""

    profiles = {p.user.username: p for p in MemberProfile.objects.select_related("user")}
    verified, waiting, alumni = (
        profiles["anak-terverifikasi"],
        profiles["anak-menunggu"],
        profiles["anak-alumni"],
    )
    assert member_can_submit(user=verified.user)
    assert waiting.status == MemberProfile.Status.PENDING
    assert not member_can_submit(user=waiting.user)
    assert alumni.is_alumni() and not member_can_submit(user=alumni.user)
    assert FacilitatorAssignment.objects.filter(
        facilitator__username="fasilitator", kecamatan=waiting.kelurahan.parent
    ).exists()
    for username in ("fasilitator", "anak-terverifikasi", "anak-menunggu", "anak-alumni"):
        assert f"{username} / demo-forum-anak-2026" in seeded["second_output"]


def test_demo_opens_the_coming_musrenbang(seeded):

    cycle = MusrenbangCycle.current()
    assert cycle is not None and cycle.is_open()
    assert MusrenbangCycle.objects.count() == 1


def test_demo_proposals_in_every_state(seeded):
    """Issue 4 acceptance 13 (issue 5: up to implemented): a cycle and proposals in every
    state, made through the services (codes, timelines), including hidden, under a concern
    and reported ones."""
    states = set(Proposal.objects.values_list("state", flat=True))
    assert states == set(Proposal.State.values)
    assert (
        seeded["first"]["proposals"] == seeded["second"]["proposals"] == len(Proposal.objects.all())
    )
    submitted = Proposal.objects.exclude(state=Proposal.State.DRAFT)
    assert all(p.code and p.timeline.exists() for p in submitted)
    assert Proposal.objects.filter(hidden_from_public=True).exists()
    assert SafeguardingConcern.objects.filter(status="open").exists()
    assert Proposal.objects.under_concern().exists()
    assert Proposal.objects.public().exists()
    assert Proposal.objects.filter(reports__isnull=False, proposer__isnull=True).exists()
    for username in ("moderator-usulan", "koordinator", "petugas"):
        assert f"{username} / demo-forum-anak-2026" in seeded["second_output"]


def test_demo_musrenbang_calendar_and_bundles_in_every_state(seeded):
    """Issue 5 acceptance 8: sessions at every level (past and ahead, one closed), bundles
    in every state moved by the koordinator, a bundle of several children's proposals whose
    timelines and notifications follow it."""

    sessions = MusrenbangSession.objects.all()
    assert set(sessions.values_list("level", flat=True)) == set(MusrenbangSession.Level.values)
    assert set(sessions.values_list("status", flat=True)) == set(MusrenbangSession.Status.values)
    today = timezone.localdate()
    assert sessions.filter(date__lt=today).exists() and sessions.filter(date__gt=today).exists()
    assert not sessions.filter(date__gt=today).exclude(status="planned").exists()
    assert set(Bundle.objects.values_list("state", flat=True)) == set(Proposal.BUNDLE_STATES)
    # Every proposal follows its bundle; the koordinator did every forwarding.
    for bundle in Bundle.objects.prefetch_related("proposals"):
        assert {p.state for p in bundle.proposals.all()} == {bundle.state}, bundle
    assert set(Forwarding.objects.values_list("forwarded_by__username", flat=True)) == {
        "koordinator"
    }
    # A held session past 14 days with an outcome still to record (flagged on the admin home).
    assert Forwarding.objects.filter(
        outcome="", session__status="held", session__date__lt=today - timedelta(days=14)
    ).exists()
    merged = Bundle.objects.annotate(n=Count("proposals")).filter(n__gte=2).get()
    children = {p.proposer.username for p in merged.proposals.all()}
    assert len(children) == merged.n >= 2
    assert merged.state == Proposal.State.IMPLEMENTED and merged.implementation_photo
    assert [f.session.level for f in bundle_path(merged)] == [
        MusrenbangSession.Level.KECAMATAN,
        MusrenbangSession.Level.TEMATIK_ANAK,
    ]
    for proposal in merged.proposals.all():
        actions = list(
            proposal.timeline.order_by("created_at", "pk").values_list("action", flat=True)
        )
        assert actions[-7:] == [
            "forward",
            "outcome_prioritised",
            "forward",
            "outcome_adopted",
            "references",
            "fund",
            "implement",
        ]
        assert "merge" in actions
        assert Notification.objects.filter(
            recipient=proposal.proposer, proposal=proposal, kind="implement"
        ).exists()
    # Dated back: every outcome recorded after its session's day, none in the future.
    for forwarding in Forwarding.objects.exclude(outcome="").select_related("session"):
        assert forwarding.session.date <= timezone.localtime(forwarding.outcome_at).date() <= today
    for username in ("anak-kenari", "anak-jalak"):
        assert f"{username} / demo-forum-anak-2026" in seeded["second_output"]


def test_demo_journeys_answer_on_the_public_board_and_to_the_children(client, seeded):
    """What a newcomer opens after `make run`: the board, each public proposal's page, and
    each child's own proposal pages."""
    assert client.get("/usulan/").status_code == 200
    for proposal in Proposal.objects.public():
        assert client.get(f"/usulan/{proposal.code}/").status_code == 200, proposal.code
    for username in ("anak-terverifikasi", "anak-kenari", "anak-jalak"):
        client.force_login(get_user_model().objects.get(username=username))
        for proposal in Proposal.objects.filter(proposer__username=username):
            response = client.get(f"/forum/usulan/{proposal.pk}/")
            assert response.status_code == 200, (username, proposal.code)


def test_a_page_file_becomes_the_blocks_an_editor_would_make(tmp_path):
    """The writer's format (content/demo_data/README.md), without the database."""
    file = tmp_path / "tentang" / "contoh.md"
    file.parent.mkdir()
    file.write_text(PAGE_FILE, encoding="utf-8")
    page = markup.read_page(file, root=tmp_path)
    assert (page.parent, page.slug, page.path) == ("/tentang/", "contoh", "/tentang/contoh/")
    assert page.fields == {"title": "Contoh", "type": "StandardPage", "order": 5}
    link = '<a linktype="page" id="7">'
    assert markup.blocks(page.body, {"/bantuan/": 7}.__getitem__) == [
        (
            "paragraph",
            f"<p>Baris pertama dan kedua, <b>tebal</b>, <i>miring</i> &amp; {link}Bantuan</a>.</p>",
        ),
        ("heading", {"text": "Judul", "level": "h2"}),
        ("paragraph", "<ul><li>satu lanjutan</li><li>dua</li></ul>"),
        ("fact_box", {"title": "Fakta", "items": ["a", "b"]}),
        ("faq", {"items": [{"question": "Tanya?", "answer": f"<p>Jawab {link}di sini</a>.</p>"}]}),
    ]


def test_every_demo_page_file_is_read_home_first_then_level_by_level():
    pages = markup.read_pages()
    assert pages[0].parent is None and pages[0].fields["type"] == "HomePage"
    depths = [page.path.count("/") for page in pages]
    assert depths == sorted(depths)
    assert [page.path for page in pages[1:7]] == [
        "/berita/",
        "/edukasi/",
        "/bantuan/",
        "/kebijakan-privasi/",
        "/kode-etik/",
        "/tentang/",
    ]


def test_a_broken_page_file_is_named(tmp_path):
    file = tmp_path / "rusak.md"
    file.write_text('title = "tanpa front matter"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="rusak.md"):
        markup.read_page(file, root=tmp_path)
