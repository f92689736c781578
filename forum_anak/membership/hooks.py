"""Back-office registration of membership: the "Forum Anak" menu group holding the
facilitator back office (/admin/anggota/) and the admins' snippets (facilitator
assignments, forum groups, privacy notices, areas), the bulk verify action, and the guard
that keeps Wagtail's own user deletion away from member accounts."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from forum_anak.core.views import SUBMENU_HOOK, ForumAnakSnippetViewSet
from forum_anak.membership.admin_forms import FacilitatorAssignmentForm, staff_name
from forum_anak.membership.admin_views import (
    MemberViewSet,
    PrivacyNoticeDeleteView,
    PrivacyNoticeEditView,
    VerifyMembersBulkAction,
)
from forum_anak.models import (
    Area,
    FacilitatorAssignment,
    ForumGroup,
    MemberEvent,
    MemberProfile,
    PrivacyNotice,
)

# --- Permission policies ----------------------------------------------------------------------


class ForumGroupPermissionPolicy(ModelPermissionPolicy):
    """Forum groups follow the areas (forum_groups_sync): admins edit names, but nobody adds
    or deletes one by hand (deleting a group would drop its members' memberships)."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class PrivacyNoticePermissionPolicy(ModelPermissionPolicy):
    """A version already in force is never edited or deleted: members and consent records
    name the version they agreed to. Admins publish a new version instead."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and instance.published_at <= timezone.now():
            return False
        return super().user_has_permission_for_instance(user, action, instance)


register_permission_policy(ForumGroup, ForumGroupPermissionPolicy(ForumGroup))
register_permission_policy(PrivacyNotice, PrivacyNoticePermissionPolicy(PrivacyNotice))


# --- Viewsets ---------------------------------------------------------------------------------


class FacilitatorAssignmentViewSet(ForumAnakSnippetViewSet):
    model = FacilitatorAssignment
    icon = "user"
    menu_label = _("Penugasan fasilitator")
    menu_order = 10
    list_display = [
        TitleColumn(
            "facilitator",
            label=_("Fasilitator"),
            accessor=lambda assignment: staff_name(assignment.facilitator),
            url_name="wagtailsnippets_forum_anak_facilitatorassignment:edit",
            sort_key="facilitator__first_name",
        ),
        Column("kecamatan", label=_("Kecamatan"), accessor="kecamatan.name", sort_key="kecamatan"),
    ]
    search_fields = ["facilitator__username", "facilitator__first_name", "kecamatan__name"]
    edit_handler = ObjectList(
        [
            FieldPanel(
                "facilitator",
                help_text=_(
                    "Hanya akun petugas dengan peran Fasilitator. Beri peran itu dulu di "
                    "Pengaturan > Pengguna."
                ),
            ),
            FieldPanel(
                "kecamatan",
                widget=forms.Select,
                help_text=_("Fasilitator hanya melihat dan memverifikasi anggota kecamatan ini."),
            ),
        ],
        base_form_class=FacilitatorAssignmentForm,
    )


class ForumGroupViewSet(ForumAnakSnippetViewSet):
    model = ForumGroup
    icon = "group"
    menu_label = _("Forum anak")
    menu_order = 20
    list_display = ["name", "area", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    copy_view_enabled = False


class PrivacyNoticeViewSet(ForumAnakSnippetViewSet):
    model = PrivacyNotice
    icon = "doc-full"
    menu_label = _("Pemberitahuan privasi")
    menu_order = 30
    list_display = ["version", "title", "published_at"]
    inspect_view_enabled = True
    edit_view_class = PrivacyNoticeEditView
    delete_view_class = PrivacyNoticeDeleteView
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=_(
                    "<p>Versi yang sudah berlaku tidak bisa diubah atau dihapus: anak dan "
                    "orang tua/wali sudah menyetujui isi versi itu. Untuk mengubah isi, buat "
                    "versi baru dengan nomor berikutnya (bisa lewat tombol Duplikat). Versi "
                    "baru berlaku mulai tanggal <em>berlaku sejak</em>.</p>"
                )
            ),
            FieldPanel("version", help_text=_("Satu angka lebih besar dari versi terakhir.")),
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("published_at"),
        ]
    )


class AreaViewSet(ForumAnakSnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Wilayah")
    menu_order = 40
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name"]


class ForumAnakViewSetGroup(ViewSetGroup):
    """The "Forum Anak" menu: the member back office first, then the admins' snippets (each
    shown only to users with a permission on it)."""

    menu_label = _("Forum Anak")
    menu_icon = "group"
    menu_order = 250
    items = (MemberViewSet,)
    submenu_hook = SUBMENU_HOOK


for viewset in (
    FacilitatorAssignmentViewSet,
    ForumGroupViewSet,
    PrivacyNoticeViewSet,
    AreaViewSet,
):
    register_snippet(viewset)


@hooks.register("register_admin_viewset")
def register_forum_anak_viewsets():
    return ForumAnakViewSetGroup()


hooks.register("register_bulk_action", VerifyMembersBulkAction)


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    """Member events mirrored into Wagtail's audit log; the object label is "Anggota #123"."""
    for kind, label in MemberEvent.Kind.choices:
        actions.register_action(f"forum_anak.member.{kind}", label, label)


def _refuse_member_deletion(request, users):
    """Wagtail's own user deletion would skip member_erase (consent records would keep the
    guardian's name, sessions would stay). Member accounts are erased through the member
    page (guardian withdraws consent) or by the member at /forum/data-saya/hapus/."""
    if not MemberProfile.objects.filter(user__in=[user.pk for user in users]).exists():
        return None
    messages.error(
        request,
        _(
            "Akun anggota Forum Anak tidak dihapus di sini. Hapus lewat halaman anggota "
            "(catat penarikan persetujuan orang tua/wali), supaya semua datanya ikut terhapus."
        ),
    )
    return redirect("wagtailusers_users:index")


@hooks.register("before_delete_user")
def refuse_deleting_a_member_here(request, user):
    return _refuse_member_deletion(request, [user])


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_members_here(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], get_user_model()):
        return _refuse_member_deletion(request, objects)
    return None
