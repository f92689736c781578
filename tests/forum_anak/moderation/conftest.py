"""Fixtures of the moderation tests: the member's name and school are markers that no
moderation screen, list or mail may show."""

import pytest

SECRET_NAME = "Rahmawati Sekarwangi"
SECRET_SCHOOL = "SMPN Rahasia Sekali"


@pytest.fixture
def member_details():
    """The shared `member` with a private first name and school, and a nickname."""
    return {"school": SECRET_SCHOOL, "nickname": "Bintang Kecil", "user__first_name": SECRET_NAME}
