"""Back-office registration of proposals: the musrenbang cycles (a snippet in the "Forum
Anak" menu group)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from forum_anak.core.views import ForumAnakSnippetViewSet
from forum_anak.models import (
    MusrenbangCycle,
)


class MusrenbangCycleViewSet(ForumAnakSnippetViewSet):
    """The koordinator opens a cycle and sets its submission window."""

    model = MusrenbangCycle
    icon = "date"
    menu_label = _("Siklus musrenbang")
    menu_order = 5
    list_display = ["year", "rkpd_year", "submission_opens", "submission_closes"]
    copy_view_enabled = False


register_snippet(MusrenbangCycleViewSet)
