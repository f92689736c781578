"""Fixtures of the musrenbang tests."""

import pytest


@pytest.fixture
def koordinator(client, world):
    """A client signed in as the world's koordinator musrenbang."""
    client.force_login(world.coordinator)
    return client
