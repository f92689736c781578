"""`manage.py seed_demo` builds the same demo site, run after run.

The snapshot is a readable summary of everything the demo writes: the page tree (with a hash
of each page's text), topics, images, documents, hotlines, the demo accounts, the members'
profiles, the proposals and the musrenbang of the demo cycle. It leaves out whatever changes
from one run to the next (primary keys, block ids, file names, timestamps) and turns dates
that the demo sets relative to today into a number of days from today.

Regenerate after an intended change of the demo content, then read the diff:
    UPDATE_DEMO_SNAPSHOT=1 .venv/bin/python -m pytest -n0 tests/content/test_demo_snapshot.py
"""

import hashlib
import json
import os
import re
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models, transaction
from django.test import override_settings
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Page, Revision, Site

from content.models import CustomImage, Topic
from forum_anak.models import (
    Bundle,
    FacilitatorAssignment,
    Forwarding,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
    MusrenbangCycle,
    MusrenbangSession,
    Notification,
    Opd,
    Proposal,
    ProposalReport,
    ProposalRevision,
    SafeguardingConcern,
    TimelineEvent,
)
from portal.models import Hotline, SiteSettings

pytestmark = pytest.mark.django_db

SNAPSHOT_FILE = Path(__file__).with_name("demo_snapshot.json")
DEMO_PASSWORD = "demo-forum-anak-2026"
# Page fields that Wagtail keeps for itself and that change from run to run.
PAGE_TEXT_FIELDS = ("title", "slug", "seo_title", "search_description")
_PAGE_LINK = re.compile(r'<a linktype="page" id="(\d+)">')


def sha(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def days(value) -> int | None:
    """A date or time the demo sets relative to today, as days from today."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return (value - timezone.localdate()).days


def username(user) -> str | None:
    return user.get_username() if user else None


# --- Pages ------------------------------------------------------------------------------------


def _without_ids(value):
    """Stored StreamField JSON minus block ids (random for list items), list items plain."""
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            return _without_ids(value["value"])
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _portable(value, key=""):
    """Stream JSON with primary keys replaced by what they point at: a page's path, an
    image's or a document's title."""
    if isinstance(value, dict):
        return {name: _portable(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_portable(item) for item in value]
    if key in ("image", "poster") and isinstance(value, int):
        return CustomImage.objects.get(pk=value).title
    if key == "document" and isinstance(value, int):
        return get_document_model().objects.get(pk=value).title
    if isinstance(value, str):
        return _PAGE_LINK.sub(
            lambda m: f'<a linktype="page" path="{Page.objects.get(pk=m[1]).url_path}">', value
        )
    return value


def stream_data(value) -> list:
    """The stream as the site reads it: every block converted (defaults filled in)."""
    list(value)  # convert each raw block, so get_prep_value normalises all of them
    return _portable(_without_ids(value.stream_block.get_prep_value(value)))


def field_value(obj, field):
    value = field.value_from_object(obj)
    if isinstance(field, StreamField):
        return stream_data(getattr(obj, field.name))
    if isinstance(field, models.ForeignKey):
        target = getattr(obj, field.name)
        return getattr(target, "title", str(target)) if target else None
    if isinstance(value, date):
        return value.isoformat()
    return value


def page_entry(page: Page) -> dict:
    specific = page.specific
    own = [
        field
        for field in specific._meta.concrete_fields
        if field.model is not Page and not field.name.endswith("_ptr")
    ]
    text = {name: getattr(page, name) for name in PAGE_TEXT_FIELDS}
    text.update({field.name: field_value(specific, field) for field in own})
    entry = {
        "path": page.url_path,
        "type": type(specific).__name__,
        "title": page.title,
        "live": page.live,
        "unpublished_changes": page.has_unpublished_changes,
        "revisions": Revision.page_revisions.filter(object_id=str(page.pk)).count(),
        "blocks": {
            field.name: [block["type"] for block in text[field.name]]
            for field in own
            if isinstance(field, StreamField)
        },
        "text_sha256": sha(text),
    }
    for name in ("date", "audience", "author_byline", "hero_image"):
        if name in text:
            entry[name] = text[name]
    if hasattr(specific, "topics"):
        entry["topics"] = sorted(specific.topics.values_list("slug", flat=True))
    if hasattr(specific, "tags"):
        entry["tags"] = sorted(specific.tags.names())
    return entry


def site_snapshot() -> dict:
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    fields = [f for f in SiteSettings._meta.concrete_fields if f.name not in ("id", "site")]
    return {
        "hostname": site.hostname,
        "port": site.port,
        "site_name": site.site_name,
        "root": site.root_page.url_path,
        "settings": {field.name: field_value(settings, field) for field in fields},
    }


def library_snapshot() -> dict:
    """Topics, images, documents and hotlines."""
    hotline_fields = [
        f for f in Hotline._meta.concrete_fields if f.name != "id" and not f.auto_created
    ]
    return {
        "topics": [
            [t.slug, t.name, t.sort_order, sha(t.description)]
            for t in Topic.objects.order_by("slug")
        ],
        "images": [
            {
                "title": image.title,
                "description": image.description,
                "credit": image.credit,
                "size": [image.width, image.height],
                "file_hash": image.file_hash,
            }
            for image in CustomImage.objects.order_by("title")
        ],
        "documents": [
            [document.title, document.file_hash, document.file_size]
            for document in get_document_model().objects.order_by("title")
        ],
        "hotlines": [
            {field.name: field_value(hotline, field) for field in hotline_fields}
            for hotline in Hotline.objects.order_by("name")
        ],
    }


# --- People -----------------------------------------------------------------------------------


def profile_entry(user) -> dict | None:
    profile = MemberProfile.objects.filter(user=user).select_related("kelurahan").first()
    if profile is None:
        return None
    today = timezone.localdate()
    return {
        "nickname": profile.nickname,
        "nickname_approved": profile.nickname_approved,
        "status": profile.status,
        "age": profile.age_on(today),
        "alumni": profile.is_alumni(),
        "kelurahan": profile.kelurahan.code,
        "school": profile.school,
        "guardian": [
            profile.guardian_name,
            profile.guardian_relationship,
            profile.guardian_phone,
            profile.guardian_knows,
        ],
        "notice_version": profile.notice_version,
        "verified": profile.verified_at is not None,
        "consents": [
            [c.method, c.evidence_reference, days(c.given_at), username(c.recorded_by)]
            for c in GuardianConsent.objects.filter(member=user).order_by("pk")
        ],
        "groups": sorted(user.forum_memberships.values_list("group__area__code", flat=True)),
        "events": [
            [e.kind, username(e.actor)]
            for e in MemberEvent.objects.filter(member=user).order_by("created_at", "pk")
        ],
    }


def accounts_snapshot() -> list[dict]:
    return [
        {
            "username": user.username,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "is_active": user.is_active,
            "demo_password": user.check_password(DEMO_PASSWORD),
            "kecamatan": sorted(
                FacilitatorAssignment.objects.filter(facilitator=user).values_list(
                    "kecamatan__code", flat=True
                )
            ),
            "member": profile_entry(user),
        }
        for user in get_user_model().objects.order_by("username")
    ]


# --- Proposals and the musrenbang -------------------------------------------------------------


def code(value: str | None, cycle: MusrenbangCycle) -> str | None:
    """Codes carry the cycle's year, which follows today's date."""
    return value.replace(f"-{cycle.year}-", "-YYYY-") if value else None


def proposal_entry(proposal: Proposal, cycle) -> dict:
    texts = [
        proposal.problem,
        proposal.proposed_action,
        proposal.beneficiaries,
        proposal.landmark,
        proposal.public_title,
        proposal.public_problem,
        proposal.public_activity,
    ]
    return {
        "code": code(proposal.code, cycle),
        "state": proposal.state,
        "title_sha256": sha(proposal.title),
        "text_sha256": sha(texts),
        "hidden": proposal.hidden_from_public,
        "under_concern": proposal.concerns.exists(),
        "proposer": username(proposal.proposer),
        "entered_by": username(proposal.entered_by),
        "group": proposal.group.area.code if proposal.group else None,
        "kelurahan": proposal.kelurahan.code,
        "cluster": [proposal.cluster_suggested, proposal.cluster],
        "planning": [
            proposal.urusan.code if proposal.urusan else None,
            proposal.opd.code if proposal.opd else None,
            str(proposal.volume) if proposal.volume is not None else None,
            proposal.unit,
            proposal.cost_estimate,
        ],
        "days": [
            days(proposal.created_at),
            days(proposal.submitted_at),
            days(proposal.approved_at),
        ],
        "revisions": proposal.revisions.count(),
        "reports": sorted(proposal.reports.values_list("reason", flat=True)),
        "timeline": [
            [e.action, e.from_state, e.to_state, username(e.actor), days(e.created_at)]
            + [sha([e.internal_note, e.message_to_proposer, e.public_note])]
            for e in proposal.timeline.order_by("created_at", "pk")
        ],
        "notifications": sorted(
            [username(n.recipient), n.kind, days(n.created_at)]
            for n in Notification.objects.filter(proposal=proposal)
        ),
    }


def bundle_entry(bundle: Bundle, cycle) -> dict:
    return {
        "codes": sorted(code(p.code, cycle) for p in bundle.proposals.all()),
        "state": bundle.state,
        "public_sha256": sha([bundle.public_title, bundle.public_problem, bundle.public_activity]),
        "cluster": bundle.cluster,
        "planning": [
            bundle.urusan.code if bundle.urusan else None,
            bundle.opd.code if bundle.opd else None,
            str(bundle.volume) if bundle.volume is not None else None,
            bundle.unit,
            bundle.cost_estimate,
        ],
        "references": [bundle.rkpd_reference, bundle.sipd_reference],
        "funded": [bundle.apbd_year - cycle.year if bundle.apbd_year else None]
        + [bundle.funded_amount],
        "implemented": [days(bundle.implemented_on), sha(bundle.implementation_note)],
        "photo": [bool(bundle.implementation_photo)]
        + [bundle.implementation_photo_width, bundle.implementation_photo_height],
        "created_by": username(bundle.created_by),
        "days": [days(bundle.created_at), days(bundle.updated_at)],
        "forwardings": [
            {
                "session": [f.session.level, f.session.area.code],
                "rank": f.rank,
                "outcome": f.outcome,
                "adopted": [str(f.adopted_volume) if f.adopted_volume is not None else None]
                + [f.adopted_cost],
                "reason_sha256": sha([f.reason, f.internal_note]),
                "by": [username(f.forwarded_by), username(f.outcome_by)],
                "days": [days(f.forwarded_at), days(f.outcome_at)],
            }
            for f in bundle.forwardings.order_by("forwarded_at", "pk")
        ],
    }


def forum_snapshot() -> dict:
    cycle = MusrenbangCycle.objects.get()
    proposals = Proposal.objects.select_related(
        "proposer", "entered_by", "group__area", "kelurahan", "urusan", "opd"
    )
    bundles = sorted(
        (bundle_entry(b, cycle) for b in Bundle.objects.all()), key=lambda b: b["codes"]
    )
    return {
        "cycle": {
            "rkpd_year": cycle.rkpd_year - cycle.year,
            "window": [days(cycle.submission_opens), days(cycle.submission_closes)],
            "last_number": cycle.last_number,
        },
        "opd": sorted(Opd.objects.values_list("code", "name", "short_name")),
        "proposals": sorted(
            (proposal_entry(p, cycle) for p in proposals),
            key=lambda p: (p["code"] or "~", p["title_sha256"]),
        ),
        "sessions": sorted(
            [s.level, s.area.code, days(s.date), s.place, s.status]
            for s in MusrenbangSession.objects.select_related("area")
        ),
        "bundles": bundles,
        "concerns": sorted(
            [c.source, c.status, code(c.proposal.code, cycle) if c.proposal else None]
            + [username(c.raised_by), sha(c.description)]
            for c in SafeguardingConcern.objects.select_related("proposal", "raised_by")
        ),
        "reports": sorted(
            [code(r.proposal.code, cycle), r.reason, sha(r.note)]
            for r in ProposalReport.objects.select_related("proposal")
        ),
    }


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "page_revisions": Revision.page_revisions.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
        "member_events": MemberEvent.objects.count(),
        "proposals": Proposal.objects.count(),
        "proposal_revisions": ProposalRevision.objects.count(),
        "timeline_events": TimelineEvent.objects.count(),
        "notifications": Notification.objects.count(),
        "sessions": MusrenbangSession.objects.count(),
        "bundles": Bundle.objects.count(),
        "forwardings": Forwarding.objects.count(),
    }


def demo_logins(output: str) -> list[str]:
    """The printed demo accounts (role, username / password), as a newcomer reads them."""
    lines = output.split("Akun demo", 1)[1].splitlines()[1:]
    return [" ".join(line.split()) for line in lines if " / " in line]


def snapshot(output: str) -> dict:
    pages = Page.objects.filter(depth__gt=1).order_by("path")
    return {
        "report": [line for line in output.splitlines() if line.startswith(("Halaman", "Situs"))],
        "logins": demo_logins(output),
        "site": site_snapshot(),
        "pages": [page_entry(page) for page in pages],
        **library_snapshot(),
        "accounts": accounts_snapshot(),
        **forum_snapshot(),
        "counts": counts(),
    }


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def snapshots(django_db_setup, django_db_blocker):
    """The snapshot after a first and after a second seed_demo, on one database that is
    rolled back after this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(SEED_DEMO_ACCOUNTS=True):
            first = snapshot(_seed())
            second = snapshot(_seed())
        yield first, second
        transaction.set_rollback(True)


def _as_json(value: dict) -> str:
    return json.dumps(value, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def test_demo_site_matches_the_committed_snapshot(snapshots, db):
    first, _ = snapshots
    # Round-trip through JSON so tuples and lists compare alike.
    current = json.loads(_as_json(first))
    if os.environ.get("UPDATE_DEMO_SNAPSHOT"):
        SNAPSHOT_FILE.write_text(_as_json(current), encoding="utf-8")
    assert current == json.loads(SNAPSHOT_FILE.read_text(encoding="utf-8"))


def test_seeding_again_changes_nothing(snapshots, db):
    first, second = snapshots
    # The report says what each run did; everything else must be identical.
    assert "0 dibuat, 0 diperbarui" in second["report"][0]
    assert {**second, "report": None} == {**first, "report": None}
