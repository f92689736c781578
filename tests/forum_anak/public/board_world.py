"""The public board's world: proposals in every state, hidden ones and ones under concerns,
with a unique marker in every private field, for the sweeps of every public surface."""

import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image

from forum_anak.models import Area, ForumGroup, MemberProfile, Proposal, ProposalPhoto
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
from forum_anak.safeguarding.services import concern_close, concern_raise, concern_refer
from portal import roles
from tests.factories import HotlineFactory, UserFactory
from tests.forum_anak.factories import MemberProfileFactory, make_facilitator, verify

S = Proposal.State
APPROVED_NICKNAME = "Melatiputih"
# The board's rules as the sweep expects them: no daily limit, and a kelurahan with fewer
# than five verified members named by its kecamatan.
PUBLIC_SETTINGS = {"PROPOSAL_SUBMITS_PER_DAY": 1000, "SMALL_KELURAHAN_MIN_MEMBERS": 5}


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


class World:
    """What `build_public_world` made, and what the sweep expects."""

    def __init__(self):
        self.markers: list[str] = []
        self.public: dict[str, Proposal] = {}
        self.hidden: list[Proposal] = []

    def fresh(self) -> "World":
        """A copy with every row read again, for a test sharing a world built once."""
        copy = World()
        copy.__dict__.update(self.__dict__)
        copy.markers = list(self.markers)
        copy.hidden_codes = list(self.hidden_codes)
        proposals = Proposal.objects.in_bulk(
            [p.pk for p in (*self.public.values(), *self.hidden, self.profile_concern)]
        )
        copy.public = {key: proposals[p.pk] for key, p in self.public.items()}
        copy.hidden = [proposals[p.pk] for p in self.hidden]
        copy.profile_concern = proposals[self.profile_concern.pk]
        for name in ("safe_photo", "flagged_photo", "unsafe_photo"):
            setattr(copy, name, proposals[getattr(self, name).pk])
        areas = Area.objects.in_bulk(
            [a.pk for a in (self.k1, self.k2, self.big, self.small, self.small_k2)]
        )
        for name in ("k1", "k2", "big", "small", "small_k2"):
            setattr(copy, name, areas[getattr(self, name).pk])
        copy.star = MemberProfile.objects.get(pk=self.star.pk)
        copy.quiet = MemberProfile.objects.get(pk=self.quiet.pk)
        return copy

    def marker(self, kind: str) -> str:
        value = f"Zq{kind}{len(self.markers)}x"
        self.markers.append(value)
        return value


def _member(world, kelurahan, *, facilitator, verified=True, approve_nickname=False, nickname=""):
    username = world.marker("user")
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{world.marker('mail')}@example.org",
        password="kata-sandi-uji-123",
        first_name=world.marker("first"),
        last_name=world.marker("last"),
    )
    profile = MemberProfileFactory(
        user=user,
        kelurahan=kelurahan,
        nickname=nickname or world.marker("nick"),
        school=world.marker("school"),
        guardian_name=world.marker("guardian"),
        guardian_phone=f"0812{len(world.markers):08d}",
    )
    world.markers.append(profile.guardian_phone)
    if verified:
        verify(profile, by=facilitator, approve_nickname=approve_nickname)
    return profile


def _draft(world, actor, *, kelurahan=None, group=None, cycle=None):
    return proposal_draft_create(
        actor=actor,
        title=world.marker("title"),
        problem=world.marker("problem"),
        proposed_action=world.marker("action"),
        beneficiaries=world.marker("benef"),
        landmark=world.marker("landmark"),
        kelurahan=kelurahan,
        group=group,
        cycle=cycle,
    )


def _to(world, proposal, state, *, actor, moderator, public_title="", cluster="pendidikan"):
    """Walk a draft through the real services to `state`."""
    if state == S.DRAFT:
        return proposal
    if state == S.WITHDRAWN:
        proposal = proposal_submit(actor=actor, proposal=proposal)
        return proposal_withdraw(actor=actor, proposal=proposal)
    proposal = proposal_submit(actor=actor, proposal=proposal)
    if state == S.SUBMITTED:
        return proposal
    proposal = proposal_start_review(
        actor=moderator, proposal=proposal, internal_note=world.marker("internal")
    )
    if state == S.IN_REVIEW:
        return proposal
    if state == S.REVISION_REQUESTED:
        return proposal_request_revision(
            actor=moderator, proposal=proposal, message=world.marker("revmsg")
        )
    if state == S.REJECTED:
        return proposal_reject(actor=moderator, proposal=proposal, reason=world.marker("reason"))
    return proposal_approve(
        actor=moderator,
        proposal=proposal,
        public_title=public_title,
        public_problem=f"Masalah umum untuk {public_title}.",
        public_activity=f"Kegiatan umum untuk {public_title}.",
        cluster=cluster,
        message=world.marker("approvemsg"),
        public_note=f"Catatan publik {public_title}",
        internal_note=world.marker("internal"),
    )


def build_public_world() -> "World":
    """Proposals in every state, hidden ones and ones under concerns, by members of a big
    kelurahan (Paruga), a small one (Tanjung) and one in another kecamatan, with a marker in
    every private field. Needs the site tree, the areas, an open cycle and PUBLIC_SETTINGS."""
    world = World()
    k1 = Area.objects.get(code="52.72.01")
    k2 = Area.objects.get(code="52.72.02")
    big = Area.objects.get(code="52.72.01.1001")  # Paruga: five verified members
    small = Area.objects.get(code="52.72.01.1004")  # Tanjung: one verified, two pending
    small_k2 = k2.children.order_by("code").first()  # one verified member
    world.k1, world.k2, world.big, world.small, world.small_k2 = k1, k2, big, small, small_k2
    fac1, fac2 = make_facilitator(k1), make_facilitator(k2)
    moderator = UserFactory(groups=[roles.PROPOSAL_MODERATOR])
    officer = UserFactory(groups=[roles.PROTECTION_OFFICER])

    star = _member(world, big, facilitator=fac1, approve_nickname=True, nickname=APPROVED_NICKNAME)
    quiet = _member(world, big, facilitator=fac1)  # nickname not approved
    for _ in range(3):
        _member(world, big, facilitator=fac1)
    small_member = _member(world, small, facilitator=fac1)
    for _ in range(2):
        _member(world, small, facilitator=fac1, verified=False)
    k2_member = _member(world, small_k2, facilitator=fac2)
    worried = _member(world, big, facilitator=fac1, verified=False)
    world.star, world.quiet = star, quiet

    def public(key, profile_or_fac, *, group=None, kelurahan=None, cluster="pendidikan"):
        actor = profile_or_fac.user if hasattr(profile_or_fac, "user") else profile_or_fac
        title = f"Usulan umum {key}"
        proposal = _draft(world, actor, kelurahan=kelurahan, group=group)
        proposal = _to(
            world,
            proposal,
            S.APPROVED,
            actor=actor,
            moderator=moderator,
            public_title=title,
            cluster=cluster,
        )
        world.public[key] = proposal
        return proposal

    def hidden(profile, state):
        proposal = _draft(world, profile.user)
        title = world.marker("pubtitle") if state == S.APPROVED else ""
        proposal = _to(
            world, proposal, state, actor=profile.user, moderator=moderator, public_title=title
        )
        world.hidden.append(proposal)
        return proposal

    public("bintang", star, cluster="pendidikan")
    quiet_public = public("sunyi", quiet, cluster="kesehatan")
    public("kecil", small_member, cluster="perlindungan")
    public("kertas", fac1, group=ForumGroup.objects.get(area=small), kelurahan=small)
    public("kelompok", star, group=ForumGroup.objects.get(area=big), cluster="kelembagaan")
    public("timur", k2_member, cluster="keluarga")
    # Gathered on paper by the kecamatan's own forum: placed at the kecamatan itself.
    public("kecamatan", fac2, group=ForumGroup.objects.get(area=k2), cluster="keluarga")
    closed = public("ditutup", quiet, cluster="hak_sipil")
    safe = public("foto", star)
    photo_flagged = public("fotoditandai", star)

    for state in (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.REVISION_REQUESTED, S.REJECTED):
        hidden(quiet, state)
    hidden(quiet, S.WITHDRAWN)
    taken_down = hidden(quiet, S.APPROVED)
    proposal_set_hidden(actor=moderator, proposal=taken_down, hidden=True)
    open_concern = hidden(quiet, S.APPROVED)
    concern_raise(actor=moderator, source="proposal", proposal=open_concern)
    referred = hidden(quiet, S.APPROVED)
    concern = concern_raise(actor=moderator, source="proposal", proposal=referred)
    concern_refer(
        actor=officer,
        concern_id=concern.pk,
        referred_to=HotlineFactory(),
        contact="Petugas UPTD",
        action_taken="Dihubungi.",
    )
    # The worried child's proposal was approved before a concern about their profile.
    verify(worried, by=fac1)
    profile_concern = hidden(worried, S.APPROVED)
    concern_raise(actor=fac1, source="profile", member=worried.user)
    concern = concern_raise(actor=moderator, source="proposal", proposal=closed)
    concern_close(actor=officer, concern_id=concern.pk, note="Tidak ada masalah.")
    world.profile_concern = profile_concern

    # Photos: safe and shown; safe but under a photo concern; never marked safe.
    for proposal, is_safe in ((safe, True), (photo_flagged, True), (quiet_public, False)):
        ProposalPhoto.objects.create(
            proposal=proposal,
            file=ContentFile(jpeg_bytes(), name="foto.jpg"),
            width=8,
            height=6,
            safe_for_public=is_safe,
        )
    concern_raise(actor=moderator, source="photo", photo=photo_flagged.photo)
    for proposal in world.hidden:
        ProposalPhoto.objects.create(
            proposal=proposal, file=ContentFile(jpeg_bytes(), name="x.jpg"), safe_for_public=True
        )
    world.safe_photo, world.flagged_photo, world.unsafe_photo = safe, photo_flagged, quiet_public
    world.hidden_codes = [p.code for p in world.hidden if p.code]
    for proposal in world.public.values():
        proposal.refresh_from_db()
    return world
