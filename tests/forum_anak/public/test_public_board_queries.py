"""Acceptance 10 (public part): after clearing caches and one warm-up request, /usulan/,
/api/v2/usulan/ and a detail page cost the same number of SQL queries with 10 and with 200
public proposals, whoever proposed them."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum_anak.models import (
    Area,
    ForumGroup,
    MemberProfile,
    MusrenbangCycle,
    Proposal,
    ProposalPhoto,
    TimelineEvent,
)
from tests.forum_anak.factories import MemberProfileFactory
from tests.forum_anak.public.board_world import jpeg_bytes

pytestmark = pytest.mark.django_db

CLUSTERS = ["pendidikan", "kesehatan", "perlindungan", "keluarga", "hak_sipil", "kelembagaan"]


@pytest.fixture
def setting(site_tree, wilayah):
    today = timezone.localdate()
    cycle = MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=10),
        submission_closes=today + timedelta(days=10),
    )
    kelurahan = list(Area.objects.filter(level=Area.Level.KELURAHAN).order_by("code")[:6])
    members = []
    for n, area in enumerate(kelurahan):
        # Alternate big (named) and small kelurahan, approved and unapproved nicknames.
        for m in range(5 if n % 2 else 1):
            profile = MemberProfileFactory(kelurahan=area, nickname_approved=bool(m % 2))
            MemberProfile.objects.filter(pk=profile.pk).update(status="verified")
            members.append(profile)
    groups = list(ForumGroup.objects.filter(area__in=kelurahan))
    return {"cycle": cycle, "kelurahan": kelurahan, "members": members, "groups": groups}


def _add_public(setting, count: int, start: int) -> None:
    cycle, kelurahan = setting["cycle"], setting["kelurahan"]
    members, groups = setting["members"], setting["groups"]
    now = timezone.now()
    rows = []
    for n in range(start, start + count):
        member = members[n % len(members)]
        group = groups[n % len(groups)] if n % 3 == 0 else None
        erased = n % 7 == 0
        rows.append(
            Proposal(
                cycle=cycle,
                code=f"FA-{cycle.year}-{n + 1:04d}",
                state=Proposal.State.APPROVED,
                proposer=None if erased else member.user,
                group=group,
                proposer_kelurahan=member.kelurahan,
                kelurahan=kelurahan[n % len(kelurahan)],
                title="Judul anak",
                problem="Masalah anak",
                proposed_action="Usulan anak",
                cluster=CLUSTERS[n % len(CLUSTERS)],
                public_title=f"Usulan umum {n}",
                public_problem="Masalah umum.",
                public_activity="Kegiatan umum.",
                submitted_at=now,
                approved_at=now - timedelta(minutes=n),
            )
        )
    created = Proposal.objects.bulk_create(rows)
    TimelineEvent.objects.bulk_create(
        TimelineEvent(proposal=p, actor_label="Moderator", action="approve", public_note="Ok.")
        for p in created
    )
    for proposal in created[::4]:
        ProposalPhoto.objects.create(
            proposal=proposal,
            file=ContentFile(jpeg_bytes(), name="f.jpg"),
            safe_for_public=True,
        )


PATHS = [
    "/usulan/",
    "/usulan/?klaster=pendidikan",
    "/usulan/?halaman=2",
    "/api/v2/usulan/",
    "/api/v2/usulan/?limit=100",
    "/api/v2/usulan/FA-{year}-0002/",
    "/usulan/FA-{year}-0002/",
    "/usulan/FA-{year}-0001/",  # with a safe photo
    "/sitemap.xml",
    "/",
]


def _counts(client, year: int) -> dict[str, int]:
    cache.clear()
    counts = {}
    for template in PATHS:
        path = template.format(year=year)
        assert client.get(path).status_code == 200, path  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_proposals(client, setting):
    year = setting["cycle"].year
    _add_public(setting, 10, start=0)
    small = _counts(client, year)
    assert small["/usulan/"] <= 12, small
    _add_public(setting, 190, start=10)
    assert Proposal.objects.public().count() == 200
    large = _counts(client, year)
    assert large == small
    # The pages really listed more rows the second time.
    assert client.get("/usulan/").content.decode().count('class="proposal-item"') == 20
