"""Staff roles: defined once in portal/roles.py, synced after every migrate."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.roles import CONTENT_MODERATOR, EDITOR, ROLES, sync_roles
from tests import factories

pytestmark = pytest.mark.django_db


def _snapshot() -> dict:
    """Everything sync_roles() decides, in a comparable form."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "permissions": sorted(
            Group.permissions.through.objects.values_list(
                "group__name", "permission__content_type__app_label", "permission__codename"
            )
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page__path", "permission__codename"
            )
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection__path", "permission__codename"
            )
        ),
        "approval_groups": sorted(GroupApprovalTask.objects.values_list("name", "groups__name")),
    }


def test_migrate_leaves_our_groups_and_not_wagtails_defaults():
    names = set(Group.objects.values_list("name", flat=True))

    assert {EDITOR, CONTENT_MODERATOR} <= names
    assert {role.name for role in ROLES} <= names
    assert "Editors" not in names
    assert "Moderators" not in names


def test_default_workflow_approves_through_content_moderators():
    workflow = Workflow.objects.get(active=True)
    tasks = [task.specific for task in workflow.tasks.all()]

    approval_tasks = [task for task in tasks if isinstance(task, GroupApprovalTask)]
    assert approval_tasks
    for task in approval_tasks:
        assert list(task.groups.values_list("name", flat=True)) == [CONTENT_MODERATOR]


def test_sync_roles_is_idempotent():
    before = _snapshot()

    sync_roles()
    once = _snapshot()
    sync_roles()
    twice = _snapshot()

    assert once == before
    assert twice == once


def test_sync_roles_undoes_drift():
    before = _snapshot()
    editor = Group.objects.get(name=EDITOR)
    editor.permissions.add(Permission.objects.get(codename="change_user"))
    GroupPagePermission.objects.filter(group=editor, permission__codename="change_page").delete()
    Group.objects.create(name="Editors")
    Group.objects.create(name="Moderators")
    GroupApprovalTask.objects.get().groups.add(editor)

    sync_roles()

    assert _snapshot() == before


def test_sync_roles_renames_wagtails_default_groups_keeping_their_members():
    Group.objects.filter(name=EDITOR).delete()
    editors = Group.objects.create(name="Editors")
    member = factories.UserFactory(groups=["Editors"])

    sync_roles()

    assert not Group.objects.filter(name="Editors").exists()
    renamed = Group.objects.get(name=EDITOR)
    assert renamed.pk == editors.pk
    assert member.groups.filter(name=EDITOR).exists()


@pytest.fixture
def article(site_tree):
    return factories.NewsArticlePageFactory(parent=site_tree["news_index"])


def test_editor_can_edit_but_not_publish(article):
    editor = factories.UserFactory(groups=[EDITOR])

    permissions = article.permissions_for_user(editor)

    assert editor.has_perm("wagtailadmin.access_admin")
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert not permissions.can_delete()
    assert article.get_parent().permissions_for_user(editor).can_add_subpage()


def test_content_moderator_can_publish(article):
    moderator = factories.UserFactory(groups=[CONTENT_MODERATOR])

    permissions = article.permissions_for_user(moderator)

    assert moderator.has_perm("wagtailadmin.access_admin")
    assert permissions.can_edit()
    assert permissions.can_publish()
    assert permissions.can_unpublish()


def _press_publish(client, user, article, title):
    """Submit the admin edit form with the "Publish" button, as `user`."""
    client.force_login(user)
    data = nested_form_data(
        {
            "title": title,
            "slug": article.slug,
            "date": article.date.isoformat(),
            "summary": article.summary,
            "author_byline": "",
            "hero_caption": "",
            "hero_credit": "",
            "tags": "",
            "body": streamfield([("paragraph", rich_text("<p>Isi yang diperbarui.</p>"))]),
            "action-publish": "action-publish",
        }
    )
    return client.post(f"/admin/pages/{article.pk}/edit/", data)


def test_editor_pressing_publish_in_the_admin_does_not_change_the_live_page(client, article):
    article.save_revision().publish()
    live_title = article.title

    response = _press_publish(
        client, factories.UserFactory(groups=[EDITOR]), article, "Judul dari editor"
    )

    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    assert article.title == live_title
    # The change is kept as a draft for a moderator to publish.
    assert article.has_unpublished_changes
    assert article.get_latest_revision_as_object().title == "Judul dari editor"


def test_content_moderator_pressing_publish_in_the_admin_publishes(client, article):
    article.save_revision().publish()

    response = _press_publish(
        client, factories.UserFactory(groups=[CONTENT_MODERATOR]), article, "Judul moderator"
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.title == "Judul moderator"
    assert not article.has_unpublished_changes


@pytest.mark.parametrize("group", [role.name for role in ROLES])
def test_no_role_but_admin_may_change_users(group):
    member = factories.UserFactory(groups=[group])

    assert not member.has_perm("accounts.change_user")
    assert not member.has_perm("auth.change_group")


def test_no_group_in_the_database_holds_change_user():
    holders = Group.objects.filter(
        permissions__content_type__app_label="accounts", permissions__codename="change_user"
    )

    assert not holders.exists()


def test_admin_may_change_users():
    admin = factories.UserFactory(is_superuser=True, is_staff=True)

    assert admin.has_perm("accounts.change_user")


def test_sync_roles_leaves_other_workflows_alone(db):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow

    from portal.roles import EDITOR, sync_roles

    reviewers = Group.objects.create(name="Tim peninjau")
    workflow = Workflow.objects.create(name="Alur khusus")
    task = GroupApprovalTask.objects.create(name="Tinjau khusus")
    task.groups.set([reviewers])
    workflow.workflow_tasks.create(task=task, sort_order=0)
    sync_roles()
    assert list(task.groups.values_list("name", flat=True)) == ["Tim peninjau"]
    assert EDITOR not in task.groups.values_list("name", flat=True)
