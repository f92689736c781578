"""Back-office registration for forum anak data (admins only until roles are added)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forum_anak.models import Area


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
