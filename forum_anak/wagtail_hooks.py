"""Back-office registration for forum anak data."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forum_anak.models import Area, MemberEvent


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Wilayah")
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name"]


register_snippet(AreaViewSet)


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    """Member events mirrored into Wagtail's audit log; the object label is "Anggota #123"."""
    for kind, label in MemberEvent.Kind.choices:
        actions.register_action(f"forum_anak.member.{kind}", label, label)
