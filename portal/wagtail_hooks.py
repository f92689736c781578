"""Back-office registration for the hotline directory."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import Hotline


class HotlineViewSet(SnippetViewSet):
    """Editors see at a glance which numbers have not been checked for six months."""

    model = Hotline
    icon = "mobile-alt"
    menu_label = _("Layanan pengaduan")
    menu_order = 310
    add_to_admin_menu = True
    list_display = [
        "name",
        "phone",
        "coverage",
        BooleanColumn("is_24_hours", label=_("24 jam")),
        Column("last_verified_on", label=_("Terakhir dicek")),
        BooleanColumn("is_stale", label=_("Perlu dicek ulang (≥ 6 bulan)")),
    ]
    list_filter = ["coverage", "is_active"]
    search_fields = ["name"]


register_snippet(HotlineViewSet)
