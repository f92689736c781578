"""Factories for forum anak members, facilitators and consent records, an open cycle, and
the musrenbang world (a cycle, its staff and sessions) that proposals move through."""

import io
from dataclasses import dataclass, field, replace
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image

from forum_anak.membership.services import member_verify
from forum_anak.models import (
    Area,
    FacilitatorAssignment,
    MemberProfile,
    MusrenbangCycle,
    MusrenbangSession,
    PrivacyNotice,
    Proposal,
)
from forum_anak.musrenbang.services import (
    bundle_forward,
    bundle_fund,
    bundle_implement,
    bundle_set_references,
    forwarding_record_outcome,
)
from forum_anak.proposals.services import (
    proposal_approve,
    proposal_draft_create,
    proposal_start_review,
    proposal_submit,
)
from portal import roles
from portal.images import image_sanitize
from tests.factories import UserFactory

Level = MusrenbangSession.Level


def birth_for_age(age: int) -> tuple[int, int]:
    """A birth year and month that make someone `age` years old today."""
    today = timezone.localdate()
    return today.year - age, today.month


class MemberProfileFactory(factory.django.DjangoModelFactory):
    """A member waiting for verification, 14 years old, in the first kelurahan loaded."""

    class Meta:
        model = MemberProfile

    user = factory.SubFactory(UserFactory)
    nickname = factory.Sequence(lambda n: f"Bintang{n}")
    birth_year = factory.LazyFunction(lambda: birth_for_age(14)[0])
    birth_month = factory.LazyFunction(lambda: birth_for_age(14)[1])
    kelurahan = factory.LazyFunction(
        lambda: Area.objects.filter(level=Area.Level.KELURAHAN).first()
    )
    guardian_name = factory.Sequence(lambda n: f"Ibu Wali {n}")
    guardian_relationship = MemberProfile.Relationship.MOTHER
    guardian_phone = factory.Sequence(lambda n: f"0812{n:08d}")
    guardian_knows = True
    notice_version = factory.LazyFunction(lambda: PrivacyNotice.current().version)
    notice_accepted_at = factory.LazyFunction(timezone.now)


def make_facilitator(*kecamatan: Area, **kwargs):
    """A facilitator assigned to the given kecamatan."""
    user = UserFactory(groups=[roles.FACILITATOR], **kwargs)
    for area in kecamatan:
        FacilitatorAssignment.objects.create(facilitator=user, kecamatan=area)
    return user


def verify(profile: MemberProfile, *, by=None, approve_nickname: bool = False) -> MemberProfile:
    """Verify a member through the real service, as a facilitator of their kecamatan."""
    actor = by or make_facilitator(profile.kelurahan.parent)
    member_verify(
        actor=actor,
        profile=profile,
        method="signed_form",
        evidence_reference="FORM-UJI-001",
        given_at=timezone.localdate(),
        approve_nickname=approve_nickname,
    )
    profile.refresh_from_db()
    return profile


def open_cycle() -> MusrenbangCycle:
    """Next year's musrenbang cycle, taking proposals from ten days ago to ten days ahead."""
    today = timezone.localdate()
    return MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=10),
        submission_closes=today + timedelta(days=10),
    )


# --- The musrenbang world ---------------------------------------------------------------------

# In every private field of a child and every staff-only note: must never show publicly.
PRIVATE = "RAHASIAANAKXQ"
INTERNAL = "CATATANINTERNALZK"
# What the world's helpers need: no daily limit on a child's proposals, and a kelurahan named
# by its session however few members it has.
WORLD_SETTINGS = {"PROPOSAL_SUBMITS_PER_DAY": 1000, "SMALL_KELURAHAN_MIN_MEMBERS": 0}


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (30, 120, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class World:
    """What `make_world` built, with helpers that take a child's proposal along the
    musrenbang path through the real services."""

    cycle: MusrenbangCycle
    moderator: object
    coordinator: object
    officer: object
    kelurahan: Area
    kecamatan: Area
    kota: Area
    sessions: dict = field(default_factory=dict)
    members: list = field(default_factory=list)
    n: int = 0

    def fresh(self) -> "World":
        """A copy with every row read again, for a test sharing a world built once."""
        users = get_user_model().objects.in_bulk(
            [self.moderator.pk, self.coordinator.pk, self.officer.pk]
        )
        areas = Area.objects.in_bulk([self.kelurahan.pk, self.kecamatan.pk, self.kota.pk])
        sessions = MusrenbangSession.objects.in_bulk([s.pk for s in self.sessions.values()])
        profiles = MemberProfile.objects.in_bulk([p.pk for p in self.members])
        return replace(
            self,
            cycle=MusrenbangCycle.objects.get(pk=self.cycle.pk),
            moderator=users[self.moderator.pk],
            coordinator=users[self.coordinator.pk],
            officer=users[self.officer.pk],
            kelurahan=areas[self.kelurahan.pk],
            kecamatan=areas[self.kecamatan.pk],
            kota=areas[self.kota.pk],
            sessions={level: sessions[s.pk] for level, s in self.sessions.items()},
            members=[profiles[p.pk] for p in self.members],
        )

    def member(self):
        profile = verify(MemberProfileFactory(kelurahan=self.kelurahan))
        self.members.append(profile)
        return profile

    def approved(self, profile=None, *, title: str = "") -> Proposal:
        """A child's proposal, submitted, reviewed and approved (a bundle of one)."""
        self.n += 1
        n = self.n
        profile = profile or self.member()
        proposal = proposal_draft_create(
            actor=profile.user,
            title=f"{PRIVATE} judul {n}",
            problem=f"{PRIVATE} masalah {n}",
            proposed_action=f"{PRIVATE} aksi {n}",
            beneficiaries=f"{PRIVATE} siapa {n}",
            landmark=f"{PRIVATE} dekat rumah {n}",
        )
        proposal_submit(actor=profile.user, proposal=proposal)
        proposal_start_review(actor=self.moderator, proposal=proposal, internal_note=INTERNAL)
        proposal_approve(
            actor=self.moderator,
            proposal=proposal,
            public_title=title or f"Lampu jalan umum {n}",
            public_problem=f"Gang umum {n} gelap di malam hari.",
            public_activity=f"Pasang lampu penerangan umum {n}.",
            cluster="perlindungan",
            internal_note=INTERNAL,
        )
        proposal.refresh_from_db()
        return proposal

    def bundle(self, proposal):
        proposal.refresh_from_db()
        return proposal.bundle

    def forward(self, proposal, level):
        return bundle_forward(
            actor=self.coordinator,
            bundle=self.bundle(proposal),
            session=self.sessions[level],
            internal_note=INTERNAL,
        )

    def outcome(self, forwarding, outcome, **kwargs):
        return forwarding_record_outcome(
            actor=self.coordinator,
            forwarding=forwarding,
            outcome=outcome,
            internal_note=INTERNAL,
            **kwargs,
        )

    def full_path(self, proposal, *, rank: int = 1, photo: bool = True):
        """forwarded -> prioritised -> forwarded -> adopted -> references -> funded ->
        implemented."""
        self.outcome(self.forward(proposal, Level.KELURAHAN), "prioritised", rank=rank)
        self.outcome(self.forward(proposal, Level.KECAMATAN), "adopted", rank=rank)
        bundle_set_references(
            actor=self.coordinator,
            bundle=self.bundle(proposal),
            rkpd_reference="RKPD-2028-LPJ-07",
            sipd_reference="SIPD-1.03.02.2.01",
            internal_note=INTERNAL,
        )
        bundle_fund(
            actor=self.coordinator,
            bundle=self.bundle(proposal),
            apbd_year=2028,
            amount=150_000_000,
            internal_note=INTERNAL,
        )
        bundle_implement(
            actor=self.coordinator,
            bundle=self.bundle(proposal),
            implemented_on=timezone.localdate() - timedelta(days=1),
            note="Dua belas lampu dipasang di gang umum.",
            photo=image_sanitize(io.BytesIO(jpeg_bytes())) if photo else None,
            internal_note=INTERNAL,
        )
        proposal.refresh_from_db()
        return proposal


def make_world() -> World:
    """An open cycle, a moderator, a koordinator, an officer and the four sessions (held five
    days ago) of kelurahan Paruga, its kecamatan and the city. Needs the areas, and
    WORLD_SETTINGS for the helpers."""
    today = timezone.localdate()
    cycle = MusrenbangCycle.objects.create(
        year=today.year + 1,
        rkpd_year=today.year + 2,
        submission_opens=today - timedelta(days=30),
        submission_closes=today + timedelta(days=30),
    )
    kelurahan = Area.objects.get(code="52.72.01.1001")
    world = World(
        cycle=cycle,
        moderator=UserFactory(groups=[roles.PROPOSAL_MODERATOR]),
        coordinator=UserFactory(groups=[roles.COORDINATOR]),
        officer=UserFactory(groups=[roles.PROTECTION_OFFICER]),
        kelurahan=kelurahan,
        kecamatan=kelurahan.parent,
        kota=kelurahan.parent.parent,
    )
    past = today - timedelta(days=5)
    for level, area in (
        (Level.KELURAHAN, world.kelurahan),
        (Level.KECAMATAN, world.kecamatan),
        (Level.TEMATIK_ANAK, world.kota),
        (Level.KOTA, world.kota),
    ):
        world.sessions[level] = MusrenbangSession.objects.create(
            cycle=cycle, level=level, area=area, date=past, place="Aula kantor"
        )
    return world
