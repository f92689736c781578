"""Wagtail's own user deletion must not bypass member_erase for member accounts."""

import pytest
from django.contrib.auth import get_user_model

from forum_anak.models import GuardianConsent
from tests import factories
from tests.forum_anak.factories import MemberProfileFactory, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, wilayah):
    admin = factories.with_totp(factories.UserFactory(is_superuser=True, is_staff=True))
    client.force_login(admin)
    return client


def test_deleting_a_member_in_wagtails_user_admin_is_refused(admin_client):
    member = verify(MemberProfileFactory())
    response = admin_client.post(f"/admin/users/delete/{member.user_id}/")
    assert response.status_code == 302
    assert get_user_model().objects.filter(pk=member.user_id).exists()
    assert GuardianConsent.objects.get().guardian_name == member.guardian_name


def test_bulk_deleting_members_in_wagtails_user_admin_is_refused(admin_client):
    member = MemberProfileFactory()
    staff = factories.UserFactory()
    response = admin_client.post(
        f"/admin/bulk/accounts/user/delete/?id={member.user_id}&id={staff.pk}"
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(pk=member.user_id).exists()


def test_staff_accounts_can_still_be_deleted_there(admin_client):
    staff = factories.UserFactory()
    admin_client.post(f"/admin/users/delete/{staff.pk}/")
    assert not get_user_model().objects.filter(pk=staff.pk).exists()


def test_bulk_deleting_staff_only_still_works(admin_client):
    staff = factories.UserFactory()
    admin_client.post(f"/admin/bulk/accounts/user/delete/?id={staff.pk}")
    assert not get_user_model().objects.filter(pk=staff.pk).exists()
