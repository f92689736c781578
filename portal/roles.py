"""Roles: the one definition of staff groups and their permissions.

Synced idempotently after every `migrate` (a data migration cannot see the permissions of
models created in the same run). No staff role but admin (superuser) gets "change user".
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    WorkflowPage,
)

EDITOR = "Editor"
CONTENT_MODERATOR = "Moderator konten"
FACILITATOR = "Fasilitator"
PROPOSAL_MODERATOR = "Moderator usulan"
COORDINATOR = "Koordinator musrenbang"
PROTECTION_OFFICER = "Petugas perlindungan"
# Roles that can see a child's personal data: they (and superusers) must use a second factor.
SECOND_FACTOR_ROLES = (FACILITATOR, PROPOSAL_MODERATOR, COORDINATOR, PROTECTION_OFFICER)
# Wagtail's own defaults that ours replace.
WAGTAIL_DEFAULT_GROUPS = {"Editors": EDITOR, "Moderators": CONTENT_MODERATOR}

_PAGE_EDIT = ("add_page", "change_page", "lock_page", "view_page")
_PAGE_PUBLISH = (*_PAGE_EDIT, "publish_page", "unlock_page")
_COLLECTION_MEDIA = (
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
)


@dataclass(frozen=True)
class Role:
    """A staff group: model permissions ("app_label.codename"), plus Wagtail page
    permissions on the root page and image/document permissions on the root collection."""

    name: str
    description: str
    permissions: tuple[str, ...] = ()
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()


ROLES: tuple[Role, ...] = (
    Role(
        name=EDITOR,
        description=(
            "Menulis dan menyunting berita, materi edukasi, dan halaman; terbit lewat persetujuan."
        ),
        permissions=(
            "wagtailadmin.access_admin",
            "content.add_topic",
            "content.change_topic",
            "content.view_topic",
            "portal.view_hotline",
        ),
        page_permissions=_PAGE_EDIT,
        collection_permissions=_COLLECTION_MEDIA,
    ),
    Role(
        name=CONTENT_MODERATOR,
        description="Memeriksa dan menerbitkan konten; mengelola topik dan layanan pengaduan.",
        permissions=(
            "wagtailadmin.access_admin",
            "content.add_topic",
            "content.change_topic",
            "content.delete_topic",
            "content.view_topic",
            "portal.add_hotline",
            "portal.change_hotline",
            "portal.delete_hotline",
            "portal.view_hotline",
            "wagtailcore.change_workflowstate",
        ),
        page_permissions=_PAGE_PUBLISH,
        collection_permissions=(*_COLLECTION_MEDIA, "delete_image", "delete_document"),
    ),
    Role(
        name=FACILITATOR,
        description=(
            "Memverifikasi anggota Forum Anak dan mencatat persetujuan orang tua/wali, hanya di "
            "kecamatan yang ditugaskan; menyetujui nama panggilan."
        ),
        permissions=("wagtailadmin.access_admin", "forum_anak.verify_member"),
    ),
    Role(
        name=PROPOSAL_MODERATOR,
        description="Memeriksa usulan anak: minta perbaikan, setujui, tolak, sembunyikan.",
        permissions=(
            "wagtailadmin.access_admin",
            "forum_anak.moderate_proposal",
            "forum_anak.view_urusan",
            "forum_anak.view_opd",
        ),
    ),
    Role(
        name=COORDINATOR,
        description="Mengatur musrenbang: sesi, penggabungan, penerusan, hasil, ekspor.",
        permissions=(
            "wagtailadmin.access_admin",
            "forum_anak.add_musrenbangcycle",
            "forum_anak.change_musrenbangcycle",
            "forum_anak.view_musrenbangcycle",
            "forum_anak.coordinate_musrenbang",
            "forum_anak.add_musrenbangsession",
            "forum_anak.change_musrenbangsession",
            "forum_anak.delete_musrenbangsession",
            "forum_anak.view_musrenbangsession",
            "forum_anak.add_urusan",
            "forum_anak.change_urusan",
            "forum_anak.view_urusan",
            "forum_anak.add_opd",
            "forum_anak.change_opd",
            "forum_anak.view_opd",
        ),
    ),
    Role(
        name=PROTECTION_OFFICER,
        description="Satu-satunya peran yang membaca laporan perlindungan anak dan merujuknya.",
        permissions=("wagtailadmin.access_admin", "forum_anak.handle_concern"),
    ),
)


def requires_second_factor(user) -> bool:
    """Whether this account must sign in with a second factor before the back office opens:
    superusers, every role that can see a child's personal data, and anyone granted a
    permission that shows it (even outside those groups)."""
    if not user.is_authenticated:
        return False
    if (
        user.is_superuser
        or user.has_perm("forum_anak.verify_member")
        or user.has_perm("forum_anak.moderate_proposal")
    ):
        return True
    return user.groups.filter(name__in=SECOND_FACTOR_ROLES).exists()


def _permissions(codes) -> list[Permission]:
    found = []
    for code in codes:
        app_label, codename = code.split(".", 1)
        perm = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if perm is None:
            raise LookupError(f"Role permission {code} does not exist")
        found.append(perm)
    return found


def _bind_default_workflow(root_page) -> None:
    """The workflow on the root page (Wagtail's default) approves through Moderator konten.

    Other workflows an admin builds keep the groups they were given.
    """

    binding = WorkflowPage.objects.filter(page=root_page).select_related("workflow").first()
    if binding is None:
        return
    moderators = Group.objects.get(name=CONTENT_MODERATOR)
    task_ids = binding.workflow.workflow_tasks.values_list("task_id", flat=True)
    for task in GroupApprovalTask.objects.filter(pk__in=task_ids):
        task.groups.set([moderators])


@transaction.atomic
def sync_roles() -> None:
    """Create or update every role group to exactly its definition. Idempotent."""

    # Rename Wagtail's default groups rather than keep two of each.
    # Wagtail's default workflow task follows its group, so it approves through ours.
    for old_name, new_name in WAGTAIL_DEFAULT_GROUPS.items():
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new = Group.objects.filter(name=new_name).first()
        if new is None:
            old.name = new_name
            old.save(update_fields=["name"])
            continue
        for task in GroupApprovalTask.objects.filter(groups=old):
            task.groups.remove(old)
            task.groups.add(new)
        old.delete()

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set(_permissions(role.permissions))
        if root_page is not None:
            wanted = set(_permissions(f"wagtailcore.{p}" for p in role.page_permissions))
            GroupPagePermission.objects.filter(group=group).exclude(
                page=root_page, permission__in=wanted
            ).delete()
            for perm in wanted:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=perm
                )
        if root_collection is not None:
            wanted = set()
            for codename in role.collection_permissions:
                app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                wanted.update(_permissions([f"{app}.{codename}"]))
            GroupCollectionPermission.objects.filter(group=group).exclude(
                collection=root_collection, permission__in=wanted
            ).delete()
            for perm in wanted:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )
    if root_page is not None:
        _bind_default_workflow(root_page)


def sync_roles_after_migrate(sender, using="default", apps=global_apps, **kwargs) -> None:
    """post_migrate receiver: sync once, after the last app's permissions exist."""
    app_configs = [c for c in global_apps.get_app_configs() if c.models_module is not None]
    if sender.label != app_configs[-1].label:
        return
    sync_roles()
