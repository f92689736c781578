"""Wagtail hooks of the proposal moderation back office (imported by wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forum_anak.core.views import SUBMENU_HOOK
from forum_anak.models import Opd, Urusan
from forum_anak.moderation.views import (
    ModerationViewSet,
    moderation_home_panels,
    paper_menu_item,
)


@hooks.register("register_admin_viewset")
def register_moderation_viewset():
    return ModerationViewSet()


# The facilitators' paper entry sits in the same "Forum Anak" group.
hooks.register(SUBMENU_HOOK, paper_menu_item)
hooks.register("construct_homepage_panels", moderation_home_panels)


class UrusanViewSet(SnippetViewSet):
    """The editable bidang/urusan list with official codes (koordinator edits it)."""

    model = Urusan
    icon = "list-ul"
    menu_label = _("Bidang/urusan")
    menu_order = 60
    menu_hook = SUBMENU_HOOK
    list_display = ["code", "name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]
    copy_view_enabled = False


class OpdViewSet(SnippetViewSet):
    """The editable list of city agencies (OPD) a proposal can be addressed to."""

    model = Opd
    icon = "site"
    menu_label = _("OPD")
    menu_order = 70
    menu_hook = SUBMENU_HOOK
    list_display = ["code", "name", "short_name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name", "short_name"]
    copy_view_enabled = False


register_snippet(UrusanViewSet)
register_snippet(OpdViewSet)
