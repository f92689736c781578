"""Factories for forum anak members, facilitators and consent records."""

import factory
from django.utils import timezone

from forum_anak.membership.services import member_verify
from forum_anak.models import Area, FacilitatorAssignment, MemberProfile, PrivacyNotice
from portal import roles
from tests.factories import UserFactory


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
