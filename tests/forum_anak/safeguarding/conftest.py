"""Fixtures of the safeguarding tests: the protection officer and the hotline referred to."""

import pytest

from portal import roles
from tests.factories import HotlineFactory, UserFactory, with_totp


@pytest.fixture
def officer(db):
    """The petugas perlindungan, with an authenticator app."""
    return with_totp(
        UserFactory(groups=[roles.PROTECTION_OFFICER], first_name="Rina", last_name="Petugas")
    )


@pytest.fixture
def hotline(db):
    """The service a concern is referred to."""
    return HotlineFactory(name="UPTD PPA Kota Bima", phone="0374123456")
