"""Demo data of the participation space for `manage.py seed_demo`: accounts, members,
proposals in every state and the musrenbang of the demo cycle.

The data are TOML files in demo_data/ (a writer edits them without reading Python); this
module makes every object through the same services a user's click goes through, so codes,
timelines, notifications and consent records come out as they would for real, then dates
some of them back (the demo always looks as if the cycle were under way). Invented text;
development only, like every demo account.
"""

import tomllib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from forum_anak.membership.services import member_register, member_verify
from forum_anak.models import (
    Area,
    Bundle,
    FacilitatorAssignment,
    ForumGroup,
    Forwarding,
    MemberProfile,
    MusrenbangCycle,
    MusrenbangSession,
    Notification,
    Opd,
    PrivacyNotice,
    Proposal,
    ProposalRevision,
    TimelineEvent,
    Urusan,
)
from forum_anak.moderation.reports import proposal_report_create
from forum_anak.musrenbang.services import (
    bundle_forward,
    bundle_fund,
    bundle_implement,
    bundle_set_references,
    bundles_merge,
    forwarding_record_outcome,
    session_close,
)
from forum_anak.proposals.services import (
    proposal_approve,
    proposal_draft_create,
    proposal_reject,
    proposal_request_revision,
    proposal_set_hidden,
    proposal_start_review,
    proposal_submit,
    proposal_withdraw,
)
from forum_anak.safeguarding.services import concern_raise
from portal import roles
from portal.images import image_sanitize

DEMO_PASSWORD = "demo-forum-anak-2026"
DATA_DIR = Path(__file__).resolve().parent / "demo_data"
# A proposal's own text in the data files: the keyword arguments of proposal_draft_create.
TEXT_FIELDS = ("title", "problem", "proposed_action", "beneficiaries", "landmark")


class DemoDataError(ValueError):
    """A demo data file cannot be read; the message names the file. (content/demo.py raises
    it too: seed_demo turns it into a clean error.)"""


def load(name: str) -> dict:
    """One data file of demo_data/. TOML rather than JSON: writers may leave comments, and
    Python reads it without a third-party package."""
    path = DATA_DIR / name
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{path}: {error}") from error


def _user(username: str):
    return get_user_model().objects.get(username=username)


# --- Accounts ---------------------------------------------------------------------------------


def seed_account(spec: dict, password_hash: str) -> tuple[str, str, str]:
    """One demo account (a staff role, a superuser or a member) from a data file entry.

    Shared with content/demo.py, so every demo login is made and printed the same way.
    Returns (username, password, label) for the command's listing."""
    user, _ = get_user_model().objects.get_or_create(username=spec["username"])
    user.password = password_hash
    user.is_superuser = user.is_staff = spec.get("superuser", False)
    user.save()
    if "role" in spec:
        user.groups.set([Group.objects.get(name=getattr(roles, spec["role"]))])
    if "kecamatan" in spec:
        kecamatan = Area.objects.get(code=spec["kecamatan"])
        FacilitatorAssignment.objects.get_or_create(facilitator=user, kecamatan=kecamatan)
    if "member" in spec:
        _member(user, spec["member"])
    return spec["username"], DEMO_PASSWORD, spec["label"]


def _member(user, spec: dict) -> None:
    """Sign the child up and have the facilitator verify them, through the membership
    services (age, guardian, privacy notice and area checks; consent record; forum group;
    member events), once: an account that already has a profile is left as it is."""
    if MemberProfile.objects.filter(user=user).exists():
        return
    today = timezone.localdate()
    profile = member_register(
        user=user,
        nickname=spec["nickname"],
        birth_year=today.year - spec["age"],
        birth_month=today.month,
        kelurahan=Area.objects.get(code=spec["kelurahan"]),
        guardian_name=spec["guardian_name"],
        guardian_relationship=spec["guardian_relationship"],
        guardian_phone=spec["guardian_phone"],
        guardian_knows=True,
        notice_version=PrivacyNotice.current().version,
    )
    if "verified_by" not in spec:
        return
    member_verify(
        actor=_user(spec["verified_by"]),
        profile=profile,
        method=spec["consent_method"],
        evidence_reference=spec["consent_reference"],
        given_at=today,
        approve_nickname=spec.get("nickname_approved", False),
    )
    if spec.get("years_since_verified"):
        # Time passing, which no service does: the child has grown older since.
        MemberProfile.objects.filter(pk=profile.pk).update(
            birth_year=F("birth_year") - spec["years_since_verified"]
        )


def seed_accounts(password_hash: str) -> list[tuple[str, str, str]]:
    """The forum's demo accounts, in the order of accounts.toml."""
    return [seed_account(spec, password_hash) for spec in load("accounts.toml")["accounts"]]


def seed_forum(cycle: MusrenbangCycle) -> None:
    """The example OPD, the musrenbang journeys, then the proposals still in moderation (in
    that order, so codes follow the dates)."""
    musrenbang = load("musrenbang.toml")
    for opd in musrenbang["opd"]:
        Opd.objects.get_or_create(code=opd["code"], defaults=opd)
    seed_musrenbang(cycle, musrenbang)
    seed_proposals(cycle, load("proposals.toml"))


def _planning(spec: dict) -> dict:
    """The planning layer of a data file (urusan and OPD by code) as model field values."""
    planning = dict(spec)
    planning["urusan"] = Urusan.objects.get(code=spec["urusan"])
    planning["opd"] = Opd.objects.get(code=spec["opd"]) if "opd" in spec else None
    return planning


# --- Proposals in moderation ------------------------------------------------------------------


@dataclass
class _Moderation:
    """Who makes and moderates the demo proposals, and where."""

    child: object
    facilitator: object
    moderator: object
    kelurahan: Area
    group: ForumGroup
    cycle: MusrenbangCycle
    now: datetime


def seed_proposals(cycle: MusrenbangCycle, data: dict) -> int:
    """Demo proposals in every state up to approved; only once per cycle (idempotent)."""
    child = _user(data["child"])
    first = next(spec for spec in data["proposals"] if spec.get("days"))  # a submitted one
    if Proposal.objects.filter(cycle=cycle, proposer=child, title=first["title"]).exists():
        return 0
    kelurahan = MemberProfile.objects.get(user=child).kelurahan
    moderation = _Moderation(
        child=child,
        facilitator=_user(data["facilitator"]),
        moderator=_user(data["moderator"]),
        kelurahan=kelurahan,
        group=ForumGroup.objects.get(area=kelurahan),
        cycle=cycle,
        now=timezone.now(),
    )
    # Oldest first, so codes follow the dates.
    for spec in sorted(data["proposals"], key=lambda spec: -spec.get("days", 0)):
        _moderation_proposal(spec, moderation)
    return len(data["proposals"])


def _moderation_proposal(spec: dict, m: _Moderation) -> None:
    """One proposal, taken through the services to the state its entry names."""
    by_group = spec.get("by_group", False)
    author = m.facilitator if by_group else m.child
    proposal = proposal_draft_create(
        actor=author,
        kelurahan=m.kelurahan,
        cluster_suggested=spec.get("cluster_suggested", ""),
        group=m.group if by_group else None,
        cycle=m.cycle,
        **{name: spec[name] for name in TEXT_FIELDS if name in spec},
    )
    state = spec["state"]
    if state == "draft":
        return
    proposal = proposal_submit(actor=author, proposal=proposal)
    if state == "withdrawn":
        proposal = proposal_withdraw(actor=author, proposal=proposal)
    _date_back(proposal, author, spec["days"], m.now)  # under the child's daily limit
    if state in ("submitted", "withdrawn"):
        return
    proposal = proposal_start_review(actor=m.moderator, proposal=proposal)
    if state == "revision_requested":
        proposal_request_revision(actor=m.moderator, proposal=proposal, message=spec["message"])
    elif state == "rejected":
        proposal_reject(actor=m.moderator, proposal=proposal, reason=spec["reason"])
    elif state == "approved":
        _approve(spec, proposal, m.moderator)


def _approve(spec: dict, proposal: Proposal, moderator) -> None:
    """Approval with the moderator's public version, then what the entry adds: the staff's
    planning layer, hiding, a visitor's report, a safeguarding concern."""
    proposal = proposal_approve(actor=moderator, proposal=proposal, **spec["approve"])
    if "planning" in spec:
        Proposal.objects.filter(pk=proposal.pk).update(**_planning(spec["planning"]))
    if "hidden_note" in spec:
        proposal_set_hidden(
            actor=moderator, proposal=proposal, hidden=True, internal_note=spec["hidden_note"]
        )
    if "report" in spec:
        proposal_report_create(proposal=proposal, **spec["report"])
    if "concern" in spec:
        concern_raise(
            actor=moderator, source="proposal", proposal=proposal, description=spec["concern"]
        )


def _date_back(proposal: Proposal, author, days: int, now) -> None:
    """Move the submit (and what came with it) `days` back, as if sent then."""
    then = now - timedelta(days=days)
    Proposal.objects.filter(pk=proposal.pk).update(submitted_at=then, created_at=then)
    TimelineEvent.objects.filter(proposal=proposal, actor=author).update(created_at=then)


# --- Musrenbang -------------------------------------------------------------------------------


@contextmanager
def _dated(days: int):
    """Everything the services write inside the block happened `days` from today (a
    negative number: in the past), at a working hour."""
    start = timezone.now()
    yield
    when = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), datetime.min.time())
    ) + timedelta(hours=9)
    TimelineEvent.objects.filter(created_at__gte=start).update(created_at=when)
    Notification.objects.filter(created_at__gte=start).update(created_at=when)
    ProposalRevision.objects.filter(created_at__gte=start).update(created_at=when)
    for field in ("created_at", "submitted_at", "approved_at", "updated_at"):
        Proposal.objects.filter(**{f"{field}__gte": start}).update(**{field: when})
    Bundle.objects.filter(created_at__gte=start).update(created_at=when)
    Bundle.objects.filter(updated_at__gte=start).update(updated_at=when)
    Forwarding.objects.filter(forwarded_at__gte=start).update(forwarded_at=when)
    Forwarding.objects.filter(outcome_at__gte=start).update(outcome_at=when)


def _lamp_photo():
    """A drawn picture of street lamps along a road at dusk (no people), sanitised like
    any upload."""
    image = Image.new("RGB", (800, 450), "#1d3557")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 800, 450), fill="#6c757d")
    draw.rectangle((0, 370, 800, 380), fill="#f1faee")
    for x in range(80, 800, 180):
        draw.rectangle((x, 110, x + 8, 300), fill="#adb5bd")
        draw.rectangle((x - 30, 100, x + 38, 112), fill="#adb5bd")
        draw.ellipse((x - 40, 90, x - 10, 120), fill="#ffd166")
        draw.polygon([(x - 25, 120), (x - 90, 300), (x + 40, 300)], fill="#2a4d6e")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return image_sanitize(buffer)


def seed_musrenbang(cycle: MusrenbangCycle, data: dict) -> int:
    """The cycle's sessions and a bundle in every state, made by the demo children,
    approved by the moderator and moved by the koordinator, each step dated back. Only once
    per cycle: nothing is done when the cycle already has sessions (idempotent)."""
    if MusrenbangSession.objects.filter(cycle=cycle).exists():
        return 0
    today = timezone.localdate()
    sessions = {
        spec["key"]: MusrenbangSession.objects.create(
            cycle=cycle,
            level=MusrenbangSession.Level[spec["level"]],
            area=Area.objects.get(code=spec["area"]),
            date=today + timedelta(days=spec["days"]),
            place=spec["place"],
        )
        for spec in data["sessions"]
    }
    koordinator = _user(data["koordinator"])
    moderator = _user(data["moderator"])
    for journey in data["journeys"]:
        proposals = [
            _journey_proposal(journey, spec, cycle, moderator) for spec in journey["proposals"]
        ]
        run = _Journey(journey, proposals, sessions, koordinator, cycle)
        run.go()
    for spec in data["closed_sessions"]:
        with _dated(spec["days"]):
            session_close(actor=koordinator, session=sessions[spec["session"]])
    return len(data["journeys"])


def _journey_proposal(journey: dict, spec: dict, cycle: MusrenbangCycle, moderator) -> Proposal:
    """One child's (or a forum group's) proposal of a journey, sent and approved."""
    author = _user(spec["author"])
    if "kelurahan" in spec:
        kelurahan = Area.objects.get(code=spec["kelurahan"])
    else:
        kelurahan = MemberProfile.objects.get(user=author).kelurahan
    with _dated(journey["submitted"]):
        proposal = proposal_draft_create(
            actor=author,
            kelurahan=kelurahan,
            cluster_suggested=journey["cluster"],
            group=ForumGroup.objects.get(area=kelurahan) if journey.get("group") else None,
            cycle=cycle,
            **{name: spec[name] for name in TEXT_FIELDS if name in spec},
        )
        proposal = proposal_submit(actor=author, proposal=proposal)
    with _dated(journey["approved"]):
        proposal = proposal_start_review(actor=moderator, proposal=proposal)
        # Several: each child's own public version first, the bundle's at the merge.
        if len(journey["proposals"]) == 1:
            public = journey["public"]
        else:
            public = {
                "public_title": proposal.title,
                "public_problem": proposal.problem,
                "public_activity": proposal.proposed_action,
            }
        return proposal_approve(
            actor=moderator, proposal=proposal, cluster=journey["cluster"], **public
        )


class _Journey:
    """The koordinator's steps on one bundle, each a musrenbang service call."""

    def __init__(self, journey: dict, proposals: list, sessions: dict, koordinator, cycle):
        self.journey, self.proposals, self.sessions = journey, proposals, sessions
        self.koordinator, self.cycle = koordinator, cycle
        self.planning = _planning(journey["planning"])
        self.bundle = Bundle.objects.get(pk=proposals[0].bundle_id)
        self.forwarding = None

    def go(self) -> None:
        if len(self.proposals) == 1:
            Bundle.objects.filter(pk=self.bundle.pk).update(**self.planning)
        for step in self.journey["steps"]:
            args = {k: v for k, v in step.items() if k not in ("days", "action")}
            with _dated(step["days"]):
                self.STEPS[step["action"]](self, **args)
            self.bundle.refresh_from_db()

    def merge(self) -> None:
        self.bundle = bundles_merge(
            actor=self.koordinator,
            bundles=[Bundle.objects.get(pk=p.bundle_id) for p in self.proposals],
            cluster=self.journey["cluster"],
            **self.journey["public"],
            **self.planning,
        )

    def forward(self, *, session: str) -> None:
        self.forwarding = bundle_forward(
            actor=self.koordinator, bundle=self.bundle, session=self.sessions[session]
        )

    def outcome(self, **args) -> None:
        self.forwarding = forwarding_record_outcome(
            actor=self.koordinator, forwarding=self.forwarding, **args
        )

    def references(self, **args) -> None:
        bundle_set_references(actor=self.koordinator, bundle=self.bundle, **args)

    def fund(self, *, amount: int) -> None:
        bundle_fund(
            actor=self.koordinator,
            bundle=self.bundle,
            apbd_year=self.cycle.rkpd_year,
            amount=amount,
        )

    def implement(self, *, implemented_on: int, note: str, photo: bool = False) -> None:
        bundle_implement(
            actor=self.koordinator,
            bundle=self.bundle,
            implemented_on=timezone.localdate() + timedelta(days=implemented_on),
            note=note,
            photo=_lamp_photo() if photo else None,
        )

    STEPS: dict[str, Callable] = {
        "merge": merge,
        "forward": forward,
        "outcome": outcome,
        "references": references,
        "fund": fund,
        "implement": implement,
    }
