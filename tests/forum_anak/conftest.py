"""Fixtures shared by the forum anak test folders: an open cycle, a verified member, a
moderator, the musrenbang world, and staff pages without a second factor."""

import pytest

from forum_anak.models import MusrenbangCycle
from portal import roles
from tests.factories import UserFactory, with_totp
from tests.forum_anak.factories import (
    WORLD_SETTINGS,
    MemberProfileFactory,
    make_world,
    open_cycle,
    verify,
)


@pytest.fixture
def no_second_factor(settings):
    """Staff reach /admin/ without a second factor, for tests about something else."""
    settings.STAFF_SECOND_FACTOR_REQUIRED = False


@pytest.fixture(scope="module")
def cycle_once(module_transaction):
    return open_cycle()


@pytest.fixture
def cycle(once, wilayah):
    """Next year's cycle, taking proposals now (see `open_cycle`)."""
    if shared := once("cycle"):
        return MusrenbangCycle.objects.get(pk=shared.pk)
    return open_cycle()


@pytest.fixture
def member_details():
    """Fields `member` gets beyond the factory's defaults; a module or folder that needs a
    known nickname or a marker in a private field overrides this."""
    return {}


@pytest.fixture
def member(cycle, member_details):
    """A verified member, 14 years old, in the first kelurahan, while the cycle is open."""
    return verify(MemberProfileFactory(**member_details))


@pytest.fixture
def moderator(db):
    """A proposal moderator with an authenticator app (staff who see children's text)."""
    return with_totp(UserFactory(groups=[roles.PROPOSAL_MODERATOR]))


@pytest.fixture(scope="module")
def world_once(site_tree_once):
    return make_world()


@pytest.fixture
def world(once, site_tree, wilayah, settings):
    """The musrenbang world of `make_world`, with the settings its helpers need."""
    for name, value in WORLD_SETTINGS.items():
        setattr(settings, name, value)
    if shared := once("world"):
        return shared.fresh()
    return make_world()
