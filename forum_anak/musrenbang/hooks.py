"""Wagtail hooks of the musrenbang back office (koordinator musrenbang): /admin/musrenbang/
(namespace "musrenbang_admin"). Imported by wagtail_hooks.

URL names (a contract other screens and tests rely on):
  sessions            ""                           the cycle's calendar of sessions
  session             "sesi/<pk>/"                 one session: its forwardings, outcomes
  session_held        "sesi/<pk>/berlangsung/"     POST: mark held
  session_close       "sesi/<pk>/tutup/"           POST: close
  recap               "sesi/<pk>/berita-acara/"    printable recap (A4)
  session_export      "sesi/<pk>/ekspor/"          ?format=csv|xlsx
  bundles             "gabungan/"                  filtered list of bundles, bulk actions
  bulk                "gabungan/aksi/"             POST: forward selected / go to merge
  merge               "gabungan/gabung/"           ?ids=..: the merged public version
  bundle              "gabungan/<pk>/"             one bundle: proposals, path, actions
  bundle_edit         "gabungan/<pk>/ubah/"
  bundle_split        "gabungan/<pk>/pisah/<proposal_pk>/"
  bundle_forward      "gabungan/<pk>/teruskan/"
  references          "gabungan/<pk>/rujukan/"
  fund                "gabungan/<pk>/dana/"
  implement           "gabungan/<pk>/pelaksanaan/"
  bundle_photo        "gabungan/<pk>/foto/"
  outcome             "penerusan/<pk>/hasil/"
  export              "ekspor/"                    ?format=csv|xlsx&<BundleFilterForm filters>
  export_log          "catatan-ekspor/"            who read which export (superusers)
"""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from forum_anak.core.views import SUBMENU_HOOK
from forum_anak.models import MusrenbangSession
from forum_anak.musrenbang.views import (
    MusrenbangViewSet,
    bundles_menu_item,
    export_log_menu_item,
    musrenbang_home_panels,
)

hooks.register("register_admin_viewset", lambda: MusrenbangViewSet())
hooks.register(SUBMENU_HOOK, bundles_menu_item)
hooks.register(SUBMENU_HOOK, export_log_menu_item)
hooks.register("construct_homepage_panels", musrenbang_home_panels)


class SessionDeleteView(snippet_views.DeleteView):
    """A session something was forwarded to stays: its outcomes are the children's history."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.forwardings.exists():
            messages.error(
                request,
                _("Sesi ini tidak bisa dihapus: sudah ada usulan yang diteruskan ke sesi ini."),
            )
            return redirect("musrenbang_admin:session", self.object.pk)
        return super().dispatch(request, *args, **kwargs)


class MusrenbangSessionViewSet(SnippetViewSet):
    """Adding and editing sessions (the calendar, /admin/musrenbang/, links here). Not in
    any menu: the calendar is the list. Status moves only through the services (held,
    closed), never through this form."""

    model = MusrenbangSession
    icon = "date"
    add_to_admin_menu = False
    menu_item_is_registered = True
    list_display = ["__str__", "level", "place", "status"]
    list_filter = ["cycle", "level", "status"]
    copy_view_enabled = False
    inspect_view_enabled = False
    delete_view_class = SessionDeleteView


register_snippet(MusrenbangSessionViewSet)
